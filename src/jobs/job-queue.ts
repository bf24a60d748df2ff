/**
 * Background jobs: what a job is, and the queue every part of the app enqueues into. Two
 * implementations behind one shape, chosen once at start-up (create-job-queue.ts):
 *  - BullMQ on Redis (REDIS_URL with PostgreSQL): the API pods only enqueue; the worker
 *    Deployment (worker.ts) runs the jobs and owns the schedules;
 *  - in-process (the embedded default): the API runs the same handlers itself, one at a time.
 *
 * Every job names its tenant, and its handler reaches tenant data only through createTenantDb.
 */
import { assertUuid } from '../uuid.js';

/**
 * `tenantId: null` is a sweep over every tenant in the registry (scheduled maintenance); the
 * handler still opens one tenant-scoped transaction per tenant.
 */
export interface TenantJobData {
  tenantId: string | null;
}

/** The payload of every job, by name. Payloads travel as JSON: plain values only. */
export interface JobPayloads {
  'attachments.cleanup-stale-uploads': TenantJobData;
}

export type JobName = keyof JobPayloads;
export const JOB_NAMES = ['attachments.cleanup-stale-uploads'] as const satisfies readonly JobName[];

/** The states `depth()` counts: the labels of dandori_job_queue_depth{queue,state}. */
export const QUEUE_STATES = ['waiting', 'active', 'delayed', 'failed'] as const;
export type QueueState = (typeof QUEUE_STATES)[number];

export interface EnqueueOptions {
  /** Run no earlier than this many ms from now. */
  delayMs?: number;
  /**
   * While a job with this id is waiting, delayed or running, enqueueing it again is a no-op.
   * BullMQ refuses ids that are all digits or contain ':'.
   */
  jobId?: string;
  /** Tries in all (default 3), with exponential backoff between them. */
  attempts?: number;
}

export interface JobQueue {
  readonly kind: 'bullmq' | 'in-process';
  /** The queue's name (JOB_QUEUE_NAME), the `queue` label of the depth metric. */
  readonly name: string;
  /** Resolves to the job's id once the job is stored (BullMQ) or queued (in-process). */
  enqueue<N extends JobName>(name: N, data: JobPayloads[N], options?: EnqueueOptions): Promise<string>;
  /** Jobs per state, every state present (0 when empty). */
  depth(): Promise<Record<QueueState, number>>;
  /**
   * Enqueues `name` every `everyMs`, under a stable scheduler id: upserting the same id again
   * (another worker replica, a restart) replaces the schedule rather than adding one.
   */
  schedule<N extends JobName>(id: string, name: N, data: JobPayloads[N], everyMs: number): Promise<void>;
  /**
   * Stops scheduling and accepting jobs and waits for the running job to finish, until
   * `deadline` (epoch ms); then gives up on it (BullMQ hands it to another worker as stalled).
   */
  close(deadline?: number): Promise<void>;
}

export const DEFAULT_ATTEMPTS = 3;
/** First retry delay, doubled for each further one: outlasts a brief database or S3 hiccup. */
export const JOB_BACKOFF_MS = 10_000;

/** Checked when a job is enqueued, so a bad payload fails the caller rather than the worker. */
export function assertJobData(name: JobName, data: TenantJobData): void {
  if (!JOB_NAMES.includes(name)) throw new Error(`unknown job ${JSON.stringify(name)}`);
  if (data.tenantId !== null) assertUuid(data.tenantId, `${name}: tenantId`);
}
