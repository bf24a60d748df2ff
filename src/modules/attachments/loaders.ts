import DataLoader from 'dataloader';
import { Prisma } from '../../generated/prisma/client.js';
import type { RequestDb } from '../../db/request-db.js';
import { batchOptions, byIdLoader, groupedByKey } from '../common/loaders.js';
import type { Attachment } from '../models.js';

export function createAttachmentLoaders(db: RequestDb) {
  return {
    byId: byIdLoader<Attachment>(db, 'attachments'),
    /** task.attachments: every attachment of many tasks, oldest first. */
    ofTask: new DataLoader<string, Attachment[]>(async (taskIds) => {
      const rows = await db.query<Attachment>(Prisma.sql`
        SELECT * FROM attachments WHERE task_id = ANY(${[...taskIds]}::uuid[]) ORDER BY created_at, id`);
      return groupedByKey(taskIds, rows, (row) => row.taskId);
    }, batchOptions(db)),
  };
}
