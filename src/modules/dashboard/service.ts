/**
 * The dashboard: a `{ generatedAt }` object whose fields are resolved lazily, each from one
 * aggregate of the dashboard loaders. `generatedAt` is also the instant "overdue" is measured
 * against, so the overdue count and the overdue list always agree with each other.
 * Any signed-in role may read it.
 */
import type { TenantScope } from '../../context/context.js';
import { BadUserInputError } from '../../errors.js';
import type { ActivityEvent, AssigneeLoad, Dashboard, ProjectProgress, Task } from '../models.js';

export const MAX_DASHBOARD_LIST = 100;

export function openDashboard(): Dashboard {
  return { generatedAt: new Date() };
}

export async function taskCountsByStatus(scope: TenantScope, dashboard: Dashboard) {
  return (await scope.loaders.dashboard.taskStats(dashboard.generatedAt)).byStatus;
}

export async function overdueCount(scope: TenantScope, dashboard: Dashboard): Promise<number> {
  return (await scope.loaders.dashboard.taskStats(dashboard.generatedAt)).overdue;
}

export function overdueTasks(scope: TenantScope, dashboard: Dashboard, first: number): Promise<Task[]> {
  return scope.loaders.dashboard.overdueTasks(dashboard.generatedAt, listSize(first, 'first'));
}

export function openTasksByAssignee(scope: TenantScope, top: number): Promise<AssigneeLoad[]> {
  return scope.loaders.dashboard.openTasksByAssignee(listSize(top, 'top'));
}

export function projectsByStatus(scope: TenantScope) {
  return scope.loaders.dashboard.projectsByStatus();
}

export async function projectProgress(scope: TenantScope, first: number): Promise<ProjectProgress[]> {
  const projects = await scope.loaders.dashboard.followedProjects(listSize(first, 'first'));
  return projects.map((project) => ({ project }));
}

export function recentActivity(scope: TenantScope, first: number): Promise<ActivityEvent[]> {
  return scope.loaders.dashboard.recentActivity(listSize(first, 'first'));
}

/** `first` / `top` of a dashboard list: 1..100, like a connection's page size. */
function listSize(value: number, argument: 'first' | 'top'): number {
  if (!Number.isInteger(value) || value < 1 || value > MAX_DASHBOARD_LIST) {
    const rule = `must be between 1 and ${MAX_DASHBOARD_LIST}`;
    throw new BadUserInputError(`${argument} ${rule}, got ${value}`, { [argument]: rule });
  }
  return value;
}
