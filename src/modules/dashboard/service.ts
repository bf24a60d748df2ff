/**
 * The dashboard: a `{ generatedAt }` object whose fields are resolved lazily, each from one
 * aggregate of the dashboard loaders. `generatedAt` is also the instant "overdue" is measured
 * against, so the overdue count and the overdue list always agree with each other.
 * Any signed-in role may read it.
 *
 * Cached (class `dashboard`, 1 minute, src/cache/): `generatedAt` itself is cached per tenant,
 * and each aggregate is cached under its field, arguments and that instant. Every write of the
 * tenant invalidates them all on every pod (src/cache/invalidation.ts), so a cached dashboard is
 * at most a minute old only in the passing of time (what became overdue since `generatedAt`),
 * never in data. Cached values are the aggregate rows; users (assignees, actors) are still
 * loaded through the request's loaders, and cached project progress primes its loader, so a
 * hit runs at most one statement (the users) inside one read transaction.
 */
import { arrayOf, CACHE_TTL_MS, dateCodec, dateFields, fieldsOf, type Codec } from '../../cache/cache.js';
import type { Context, TenantScope } from '../../context/context.js';
import { coalesce, mapStream, type EventStream } from '../../pubsub/streams.js';
import type { TopicPayloads } from '../../pubsub/topics.js';
import { BadUserInputError } from '../../errors.js';
import type { ActivityEvent, AssigneeLoad, Dashboard, Project, ProjectProgress, Task } from '../models.js';
import type { Progress } from '../projects/loaders.js';
import type { TaskStats } from './loaders.js';

export const MAX_DASHBOARD_LIST = 100;
/** Live dashboards refresh at most this often: a burst of writes costs one recomputation. */
export const DASHBOARD_UPDATE_INTERVAL_MS = 1_000;

/**
 * The events a live dashboard refreshes on: the tenant's activity, coalesced. The writer bumped
 * the cache generation before publishing, but this pod may not have heard of it yet (its own
 * listener gets the same message, in no set order): each event forgets this pod's copy first.
 */
export function dashboardChanges(ctx: Context, activity: EventStream<TopicPayloads['ACTIVITY_RECORDED']>) {
  const tenantId = ctx.viewer!.tenantId; // subscribeToTenant refuses a connection without a viewer
  return mapStream(coalesce(activity, DASHBOARD_UPDATE_INTERVAL_MS), (event) => {
    ctx.deps.cache.forgetGeneration(tenantId, 'dashboard');
    return event;
  });
}

const taskRows = arrayOf(dateFields<Task>('dueAt', 'completedAt', 'createdAt', 'updatedAt'));
const activityRows = arrayOf(dateFields<ActivityEvent>('createdAt', 'updatedAt'));
type CachedProgress = { project: Project; progress: Progress };
const progressRows = arrayOf(fieldsOf<CachedProgress>({ project: dateFields<Project>('startsOn', 'dueOn', 'createdAt', 'updatedAt') }));

function cached<T>(scope: TenantScope, key: string, load: () => Promise<T>, codec?: Codec<T>): Promise<T> {
  // A whole result built from these values must not outlive them (`generatedAt` above all).
  // A fill reads at least as far as the writes of the generation it is stored under (replica lag).
  const fill = async (position: number) => {
    await scope.db.requirePosition(position);
    return load();
  };
  return scope.deps.cache.getOrLoad(scope.viewer.tenantId, 'dashboard', key, fill, { ...(codec && { codec }), onExpiry: (at) => scope.expiry.atMost(at) });
}

export async function openDashboard(scope: TenantScope): Promise<Dashboard> {
  // One instant per tenant and cache generation: the numbers cached with it were measured at it.
  const generatedAt = await cached(scope, 'generatedAt', async () => new Date(), dateCodec);
  // What became overdue since then is at most one dashboard TTL late, however it is cached.
  scope.expiry.atMost(generatedAt.getTime() + CACHE_TTL_MS.dashboard);
  return { generatedAt };
}

function taskStats(scope: TenantScope, dashboard: Dashboard): Promise<TaskStats> {
  const asOf = dashboard.generatedAt;
  return cached(scope, `taskStats:${asOf.toISOString()}`, () => scope.loaders.dashboard.taskStats(asOf));
}

export async function taskCountsByStatus(scope: TenantScope, dashboard: Dashboard) {
  return (await taskStats(scope, dashboard)).byStatus;
}

export async function overdueCount(scope: TenantScope, dashboard: Dashboard): Promise<number> {
  return (await taskStats(scope, dashboard)).overdue;
}

export function overdueTasks(scope: TenantScope, dashboard: Dashboard, first: number): Promise<Task[]> {
  const asOf = dashboard.generatedAt;
  const size = listSize(first, 'first');
  return cached(scope, `overdueTasks:${asOf.toISOString()}:${size}`, () => scope.loaders.dashboard.overdueTasks(asOf, size), taskRows);
}

export function openTasksByAssignee(scope: TenantScope, top: number): Promise<AssigneeLoad[]> {
  const size = listSize(top, 'top');
  return cached(scope, `openTasksByAssignee:${size}`, () => scope.loaders.dashboard.openTasksByAssignee(size));
}

export function projectsByStatus(scope: TenantScope) {
  return cached(scope, 'projectsByStatus', () => scope.loaders.dashboard.projectsByStatus());
}

export async function projectProgress(scope: TenantScope, first: number): Promise<ProjectProgress[]> {
  const size = listSize(first, 'first');
  const items = await cached(
    scope,
    `projectProgress:${size}`,
    async () => {
      const projects = await scope.loaders.dashboard.followedProjects(size);
      const progress = await scope.loaders.projects.progress.loadMany(projects.map((p) => p.id));
      return projects.map((project, i) => {
        const p = progress[i]!;
        if (p instanceof Error) throw p;
        return { project, progress: p };
      });
    },
    progressRows,
  );
  // ProjectProgress.progress reads its loader: a cache hit answers it without SQL.
  for (const { project, progress } of items) scope.loaders.projects.progress.prime(project.id, progress);
  return items.map(({ project }) => ({ project }));
}

export function recentActivity(scope: TenantScope, first: number): Promise<ActivityEvent[]> {
  const size = listSize(first, 'first');
  return cached(scope, `recentActivity:${size}`, () => scope.loaders.dashboard.recentActivity(size), activityRows);
}

/** `first` / `top` of a dashboard list: 1..100, like a connection's page size. */
function listSize(value: number, argument: 'first' | 'top'): number {
  if (!Number.isInteger(value) || value < 1 || value > MAX_DASHBOARD_LIST) {
    const rule = `must be between 1 and ${MAX_DASHBOARD_LIST}`;
    throw new BadUserInputError(`${argument} ${rule}, got ${value}`, { [argument]: rule });
  }
  return value;
}
