import DataLoader from 'dataloader';
import type { RequestDb } from '../../db/request-db.js';
import { byIdLoader } from '../common/loaders.js';
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
    byId: byIdLoader<Project>((ids) => db.read((tx) => tx.project.findMany({ where: { id: { in: ids } } }))),
    /** project.progress: done and total task counts of many projects in one GROUP BY. */
    progress: new DataLoader<string, Progress>(async (ids) => {
      const groups = await db.read((tx) =>
        tx.task.groupBy({ by: ['projectId', 'status'], where: { projectId: { in: [...ids] } }, _count: { _all: true } }),
      );
      const totals = new Map<string, { done: number; total: number }>(ids.map((id) => [id, { done: 0, total: 0 }]));
      for (const g of groups) {
        const t = totals.get(g.projectId)!;
        t.total += g._count._all;
        if (g.status === 'DONE') t.done += g._count._all;
      }
      return ids.map((id) => progressOf(totals.get(id)!.done, totals.get(id)!.total));
    }),
  };
}
