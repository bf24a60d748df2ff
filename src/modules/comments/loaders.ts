import type { RequestDb } from '../../db/request-db.js';
import { byIdLoader, connectionsByParent } from '../common/loaders.js';
import type { PageArgs } from '../common/pagination.js';
import type { Comment } from '../models.js';

export function createCommentLoaders(db: RequestDb) {
  return {
    byId: byIdLoader<Comment>(db, 'comments'),
    /** task.comments(first, after): a conversation reads oldest first. */
    ofTask: connectionsByParent<Comment, PageArgs>(db, { table: 'comments', parentColumn: 'task_id', direction: 'oldest' }),
  };
}
