import DataLoader from 'dataloader';
import type { RequestDb } from '../../db/request-db.js';
import { byIdLoader, groupedByKey } from '../common/loaders.js';
import type { Attachment } from '../models.js';

export function createAttachmentLoaders(db: RequestDb) {
  return {
    byId: byIdLoader<Attachment>((ids) => db.read((tx) => tx.attachment.findMany({ where: { id: { in: ids } } }))),
    /** task.attachments: every attachment of many tasks, oldest first. */
    ofTask: new DataLoader<string, Attachment[]>(async (taskIds) => {
      const rows = await db.read((tx) =>
        tx.attachment.findMany({ where: { taskId: { in: [...taskIds] } }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] }),
      );
      return groupedByKey(taskIds, rows, (row) => row.taskId);
    }),
  };
}
