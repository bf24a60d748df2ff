/** The public shapes of the seed: what it is asked to do and what it reports back. */
import type { Role } from '../generated/prisma/enums.js';

export interface SeedOptions {
  /**
   * Scale mode: giving any of tenants/users/tasks seeds generated load tenants (`load-001`, ...)
   * instead of the hand-written demo companies. Users and tasks are PER TENANT.
   */
  tenants?: number;
  users?: number;
  tasks?: number;
  /**
   * Called after every committed transaction. Units: in scale mode user and task rows (the other
   * tables follow the tasks), in demo mode companies.
   */
  onProgress?: (done: number, total: number, label: string) => void;
  /**
   * How many tenants are seeded at the same time (scale mode). Default: 2 on PostgreSQL (one
   * backend per tenant keeps both cores of a small server busy), 1 on PGlite (one session anyway).
   */
  concurrency?: number;
  /**
   * Tasks generated per INSERT (scale mode); each batch is its own short transaction.
   * Default: 25,000 on PostgreSQL (about a second each), 10,000 on PGlite.
   */
  taskBatchSize?: number;
}

export interface DemoLogin {
  tenantSlug: string;
  email: string;
  password: string;
  role: Role;
}

/** Rows written by this run, per table. */
export interface SeedCounts {
  tenants: number;
  departments: number;
  users: number;
  projects: number;
  tasks: number;
  comments: number;
  attachments: number;
  notifications: number;
  activityEvents: number;
}

export type TenantOutcome =
  /** Created and fully seeded by this run. */
  | 'created'
  /** Already there and complete (from an earlier seed, or not a seed tenant at all): left alone. */
  | 'skipped'
  /** Already there but an earlier seed of it never finished (interrupted): left alone, see message. */
  | 'skipped-incomplete';

export interface SeededTenant {
  slug: string;
  name: string;
  id: string;
  outcome: TenantOutcome;
}

export interface SeedResult {
  mode: 'demo' | 'scale';
  tenants: SeededTenant[];
  /** Logins of every tenant of this run whose seed is complete (new or from an earlier run). */
  logins: DemoLogin[];
  counts: SeedCounts;
  elapsedMs: number;
}

export function emptyCounts(): SeedCounts {
  return {
    tenants: 0,
    departments: 0,
    users: 0,
    projects: 0,
    tasks: 0,
    comments: 0,
    attachments: 0,
    notifications: 0,
    activityEvents: 0,
  };
}

export function addCounts(into: SeedCounts, more: Partial<SeedCounts>): void {
  for (const [key, value] of Object.entries(more) as [keyof SeedCounts, number][]) into[key] += value;
}
