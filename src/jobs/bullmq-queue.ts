/**
 * The queue on Redis (BullMQ). Producers (API pods, and the worker for its schedules) use
 * `createBullmqQueue`; the worker process runs jobs with `startBullmqWorker`. Each opens its own
 * ioredis connection, never the app's command connection: BullMQ's worker blocks on its
 * connection, and needs `maxRetriesPerRequest: null` there to ride out a Redis failover.
 * The queue's keys live under BullMQ's default prefix `bull:<queue name>:`.
 */
import { Queue, Worker, type DefaultJobOptions } from 'bullmq';
import { Redis } from 'ioredis';
import type { Logger } from '../observability/logger.js';
import { assertJobData, DEFAULT_ATTEMPTS, JOB_BACKOFF_MS, QUEUE_STATES, type JobQueue, type QueueState } from './job-queue.js';
import type { JobRunner } from './runner.js';

export interface BullmqOptions {
  url: string;
  /** JOB_QUEUE_NAME. */
  name: string;
  logger: Logger;
}

const jobOptions: DefaultJobOptions = {
  attempts: DEFAULT_ATTEMPTS,
  backoff: { type: 'exponential', delay: JOB_BACKOFF_MS },
  // Completed jobs are history nobody reads; failed ones stay a week to be looked at (and
  // counted by depth().failed, which an alert can watch).
  removeOnComplete: { age: 24 * 3600, count: 1_000 },
  removeOnFail: { age: 7 * 24 * 3600 },
};

function connect(url: string, role: 'queue' | 'worker'): Redis {
  return new Redis(url, {
    connectionName: `dandori-jobs-${role}`,
    // The worker retries forever (BullMQ refuses anything else for a blocking connection); a
    // producer fails fast like the app's other commands, so no request hangs on an enqueue.
    maxRetriesPerRequest: role === 'worker' ? null : 2,
    connectTimeout: 2_000,
  });
}

export function createBullmqQueue(options: BullmqOptions): JobQueue {
  const { name, logger } = options;
  const connection = connect(options.url, 'queue');
  const queue = new Queue(name, { connection, defaultJobOptions: jobOptions });
  // Without a listener an 'error' event would throw; ioredis reconnects by itself.
  queue.on('error', (error) => logger.warn({ err: error, queue: name }, 'job queue connection error'));

  return {
    kind: 'bullmq',
    name,
    async enqueue(jobName, data, opts = {}) {
      assertJobData(jobName, data);
      const job = await queue.add(jobName, data, {
        ...(opts.jobId && { jobId: opts.jobId }),
        ...(opts.delayMs && { delay: opts.delayMs }),
        ...(opts.attempts && { attempts: opts.attempts }),
      });
      return job.id!;
    },
    async depth() {
      const counts = await queue.getJobCounts(...QUEUE_STATES);
      return Object.fromEntries(QUEUE_STATES.map((state) => [state, counts[state] ?? 0])) as Record<QueueState, number>;
    },
    async schedule(id, jobName, data, everyMs) {
      assertJobData(jobName, data);
      // A job scheduler (one per id, stored in Redis): every replica upserting it is harmless.
      await queue.upsertJobScheduler(id, { every: everyMs }, { name: jobName, data, opts: jobOptions });
    },
    async close(deadline) {
      const closed = await untilDeadline(queue.close().catch((error: unknown) => logger.warn({ err: error }, 'job queue close failed')), deadline);
      if (!closed) logger.warn({ queue: name }, 'job queue did not close within the grace period');
      await quit(connection);
    },
  };
}

export interface BullmqWorkerOptions extends BullmqOptions {
  run: JobRunner;
  /** Jobs run at once (default 1: maintenance jobs are few and touch every tenant). */
  concurrency?: number;
}

export interface JobWorker {
  readonly worker: Worker;
  /** Lets the running job finish (until `deadline`, epoch ms), then disconnects. */
  close(deadline?: number): Promise<void>;
}

export function startBullmqWorker(options: BullmqWorkerOptions): JobWorker {
  const { name, logger, run } = options;
  const connection = connect(options.url, 'worker');
  const worker = new Worker(
    name,
    (job) => run({ id: job.id ?? '?', name: job.name, data: job.data, attempt: job.attemptsMade + 1 }),
    { connection, concurrency: options.concurrency ?? 1 },
  );
  worker.on('error', (error) => logger.warn({ err: error, queue: name }, 'job worker error'));

  return {
    worker,
    async close(deadline) {
      const finished = await untilDeadline(worker.close().catch((error: unknown) => logger.warn({ err: error }, 'job worker close failed')), deadline);
      // Not waiting any longer: the job's lock expires and another worker retries it as stalled.
      if (!finished) logger.warn({ queue: name }, 'the running job did not finish within the grace period');
      await quit(connection);
    },
  };
}

/** True when `work` (which must not reject) settled before `deadline` (epoch ms; none: wait as long as it takes). */
async function untilDeadline(work: Promise<unknown>, deadline: number | undefined): Promise<boolean> {
  const settled = work.then(() => true as const);
  if (deadline === undefined) return settled;
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), Math.max(0, deadline - Date.now()));
  });
  try {
    return await Promise.race([settled, late]);
  } finally {
    clearTimeout(timer);
  }
}

async function quit(connection: Redis): Promise<void> {
  await connection.quit().catch(() => connection.disconnect());
}
