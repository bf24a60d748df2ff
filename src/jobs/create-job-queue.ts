/**
 * Picks the queue once at start-up, and the schedules of the maintenance jobs.
 *
 * BullMQ needs Redis, and a worker process that can reach the same database: PostgreSQL. The
 * embedded PGlite database lives inside the API process (its folder cannot be shared with a
 * worker), so with PGlite the jobs run in-process even when REDIS_URL is set.
 */
import type { Config } from '../config.js';
import type { Database } from '../db/database.js';
import type { Logger } from '../observability/logger.js';
import type { FileStorage } from '../storage/file-storage.js';
import { createInProcessQueue } from './in-process-queue.js';
import type { JobQueue } from './job-queue.js';
import { createJobRunner } from './runner.js';

export type JobsConfig = Pick<Config, 'REDIS_URL' | 'JOB_QUEUE_NAME' | 'ATTACHMENT_PENDING_TTL_HOURS' | 'ATTACHMENT_CLEANUP_INTERVAL_MINUTES'>;

export interface JobQueueDeps {
  database: Database;
  storage: FileStorage;
  logger: Logger;
}

/** Async because BullMQ is imported only when it is used: loading it is a sizeable part of a start. */
export async function createJobQueue(config: JobsConfig, deps: JobQueueDeps): Promise<JobQueue> {
  const logger = deps.logger.child({ component: 'jobs' });
  if (config.REDIS_URL && deps.database.kind === 'postgres') {
    const { createBullmqQueue } = await import('./bullmq-queue.js');
    return createBullmqQueue({ url: config.REDIS_URL, name: config.JOB_QUEUE_NAME, logger });
  }
  const run = createJobRunner({ database: deps.database, storage: deps.storage, config, logger });
  return createInProcessQueue({ name: config.JOB_QUEUE_NAME, run, logger });
}

/**
 * The repeating maintenance jobs. Called by the worker process (BullMQ), or by the API process
 * when its queue is in-process — never by every API pod, which would only multiply the runs.
 */
export async function scheduleMaintenanceJobs(queue: JobQueue, config: JobsConfig): Promise<void> {
  const everyMs = config.ATTACHMENT_CLEANUP_INTERVAL_MINUTES * 60_000;
  await queue.schedule('attachments.cleanup-stale-uploads', 'attachments.cleanup-stale-uploads', { tenantId: null }, everyMs);
}
