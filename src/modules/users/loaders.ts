import type { RequestDb } from '../../db/request-db.js';
import { byIdLoader, connectionsByParent } from '../common/loaders.js';
import type { PageArgs } from '../common/pagination.js';
import type { User } from '../models.js';

export function createUserLoaders(db: RequestDb) {
  return {
    byId: byIdLoader<User>(db, 'users'),
    /** department.members(first, after) */
    membersOfDepartment: connectionsByParent<User, PageArgs>(db, { table: 'users', parentColumn: 'department_id', direction: 'newest' }),
  };
}
