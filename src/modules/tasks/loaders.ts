import { Prisma } from '../../generated/prisma/client.js';
import type { RequestDb } from '../../db/request-db.js';
import type { TaskStatus } from '../../generated/prisma/enums.js';
import { byIdLoader, connectionsByParent } from '../common/loaders.js';
import type { PageArgs } from '../common/pagination.js';
import type { Task } from '../models.js';

export interface TaskPageArgs extends PageArgs {
  status?: TaskStatus | null;
}

const statusFilter = (args: TaskPageArgs) => (args.status ? [Prisma.sql`t.status = ${args.status}::task_status`] : []);

export function createTaskLoaders(db: RequestDb) {
  return {
    byId: byIdLoader<Task>(db, 'tasks'),
    /** project.tasks(first, after, status) */
    ofProject: connectionsByParent<Task, TaskPageArgs>(db, {
      table: 'tasks', parentColumn: 'project_id', direction: 'newest', filters: statusFilter,
    }),
    /** user.assignedTasks(first, after, status) */
    ofAssignee: connectionsByParent<Task, TaskPageArgs>(db, {
      table: 'tasks', parentColumn: 'assignee_id', direction: 'newest', filters: statusFilter,
    }),
  };
}
