import DataLoader from 'dataloader';
import { Prisma } from '../../generated/prisma/client.js';
import type { RequestDb } from '../../db/request-db.js';
import { batchOptions, byIdLoader } from '../common/loaders.js';
import type { Project } from '../models.js';

export interface Progress {
  done: number;
  total: number;
  ratio: number;
}

export function progressOf(done: number, total: number): Progress {
  return { done, total, ratio: total === 0 ? 0 : done / total };
}

export function createProjectLoaders(db: RequestDb) {
  return {
    byId: byIdLoader<Project>(db, 'projects'),
    /** project.progress: done and total task counts of many projects in one GROUP BY. */
    progress: new DataLoader<string, Progress>(async (ids) => {
      const rows = await db.query<{ projectId: string; done: number; total: number }>(Prisma.sql`
        SELECT project_id::text AS "projectId", count(*) FILTER (WHERE status = 'DONE')::int AS done, count(*)::int AS total
          FROM tasks WHERE project_id = ANY(${[...ids]}::uuid[])
         GROUP BY project_id`);
      const counts = new Map(rows.map((r) => [r.projectId, r]));
      return ids.map((id) => progressOf(counts.get(id)?.done ?? 0, counts.get(id)?.total ?? 0));
    }, batchOptions(db)),
  };
}
