import type { RequestDb } from '../../db/request-db.js';
import { byIdLoader } from '../common/loaders.js';
import type { Department } from '../models.js';

export function createDepartmentLoaders(db: RequestDb) {
  return {
    byId: byIdLoader<Department>(db, 'departments'),
  };
}
