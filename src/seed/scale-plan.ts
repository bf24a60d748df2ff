/**
 * Scale mode, decided in numbers before any SQL runs: how many tenants, users and tasks, and how
 * the secondary rows follow. Comments, attachments, activity and notifications grow with the tasks
 * but are capped per tenant: a load test needs realistic shapes (a comment on every fourth task),
 * not 50 million comments that would triple the run time and prove nothing new.
 */
import type { Role } from '../generated/prisma/enums.js';
import { DEMO_PASSWORD } from './demo-companies.js';
import type { TenantSpec } from './tenant-registry.js';
import type { DemoLogin, SeedOptions } from './types.js';

export const SCALE_DEFAULTS = { tenants: 3, users: 100, tasks: 10_000 } as const;
/** Upper bounds that catch a typo (an extra zero) before it fills a disk. */
export const SCALE_LIMITS = { tenants: 9_999, users: 1_000_000, tasks: 50_000_000 } as const;

const CAPS_PER_TENANT = { comments: 50_000, attachments: 10_000, activityEvents: 10_000, notifications: 5_000 } as const;

export interface ScalePlan {
  tenants: number;
  /** Users per tenant; user n (1-based) has the role roleOfUserNumber(n). */
  users: number;
  /** Tasks per tenant. */
  tasks: number;
  departments: number;
  projects: number;
  /** Task n gets a comment / attachment / activity event / notification when n % every === 0. */
  every: { comment: number; attachment: number; activity: number; notification: number };
  taskBatchSize: number;
  userBatchSize: number;
  tenantDigits: number;
  userDigits: number;
}

export function isScaleMode(options: SeedOptions): boolean {
  return options.tenants !== undefined || options.users !== undefined || options.tasks !== undefined;
}

export function planScale(options: SeedOptions): ScalePlan {
  const tenants = checkCount('tenants', options.tenants ?? SCALE_DEFAULTS.tenants, 1, SCALE_LIMITS.tenants);
  const users = checkCount('users', options.users ?? SCALE_DEFAULTS.users, 1, SCALE_LIMITS.users);
  const tasks = checkCount('tasks', options.tasks ?? SCALE_DEFAULTS.tasks, 0, SCALE_LIMITS.tasks);
  const taskBatchSize = checkCount('taskBatchSize', options.taskBatchSize ?? 25_000, 1, 1_000_000);
  return {
    tenants,
    users,
    tasks,
    departments: clamp(Math.ceil(users / 100), 1, 20),
    projects: clamp(Math.ceil(tasks / 2_000), 1, 100),
    every: {
      comment: Math.max(4, Math.ceil(tasks / CAPS_PER_TENANT.comments)),
      attachment: Math.max(20, Math.ceil(tasks / CAPS_PER_TENANT.attachments)),
      activity: Math.max(20, Math.ceil(tasks / CAPS_PER_TENANT.activityEvents)),
      notification: Math.max(40, Math.ceil(tasks / CAPS_PER_TENANT.notifications)),
    },
    taskBatchSize,
    userBatchSize: 20_000,
    tenantDigits: Math.max(3, String(tenants).length),
    userDigits: Math.max(4, String(users).length),
  };
}

export function scaleTenantSpecs(plan: ScalePlan): TenantSpec[] {
  return Array.from({ length: plan.tenants }, (_, i) => {
    const number = String(i + 1).padStart(plan.tenantDigits, '0');
    return { slug: `load-${number}`, name: `ロードテスト${number}株式会社`, plan: 'enterprise' };
  });
}

/**
 * The role of user n. Must match ROLE_OF_USER_SQL in scale-sql.ts (a test checks they agree):
 * user 1 is the OWNER, then one ADMIN and two or three VIEWERs per 50 users, the rest MEMBERs.
 */
export function roleOfUserNumber(n: number): Role {
  if (n === 1) return 'OWNER';
  if (n % 25 === 2) return 'ADMIN';
  if (n % 10 === 3) return 'VIEWER';
  return 'MEMBER';
}

export function scaleUserEmail(plan: ScalePlan, slug: string, n: number): string {
  return `user-${String(n).padStart(plan.userDigits, '0')}@${slug}.example`;
}

/** One login per role that the tenant has: the lowest-numbered user of each role. */
export function scaleLogins(plan: ScalePlan, slug: string): DemoLogin[] {
  const logins: DemoLogin[] = [];
  const seen = new Set<Role>();
  for (let n = 1; n <= Math.min(plan.users, 50) && seen.size < 4; n++) {
    const role = roleOfUserNumber(n);
    if (seen.has(role)) continue;
    seen.add(role);
    logins.push({ tenantSlug: slug, email: scaleUserEmail(plan, slug, n), password: DEMO_PASSWORD, role });
  }
  return logins;
}

/** Tasks with n % every === 0 among 1..tasks: the exact number of comments (etc.) planned. */
export function multiplesUpTo(tasks: number, every: number): number {
  return Math.floor(tasks / every);
}

/** [first, last] ranges (1-based, inclusive) of at most `size` covering 1..count. */
export function batches(count: number, size: number): [number, number][] {
  const out: [number, number][] = [];
  for (let first = 1; first <= count; first += size) out.push([first, Math.min(count, first + size - 1)]);
  return out;
}

function checkCount(name: string, value: number, min: number, max: number): number {
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new RangeError(`${name}: expected a whole number from ${min} to ${max}, got ${value}`);
  }
  return value;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
