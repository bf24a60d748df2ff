/**
 * The embedded default's queue (no Redis): jobs run in this process, one at a time, through the
 * same runner as the BullMQ worker, with the same retries. Nothing is persisted: jobs still
 * waiting when the process stops are dropped, and the schedules enqueue them again after a
 * restart — acceptable for maintenance on a laptop, which is all this is for.
 */
import type { Logger } from '../observability/logger.js';
import { assertJobData, DEFAULT_ATTEMPTS, JOB_BACKOFF_MS, type JobQueue, type QueueState } from './job-queue.js';
import type { JobRunner } from './runner.js';

export interface InProcessQueueOptions {
  name: string;
  run: JobRunner;
  logger: Logger;
  /** First retry delay, doubled for each further one (default JOB_BACKOFF_MS, as on BullMQ). */
  backoffMs?: number;
}

interface QueuedJob {
  id: string;
  name: string;
  data: unknown;
  attempt: number;
  attempts: number;
}

export function createInProcessQueue(options: InProcessQueueOptions): JobQueue {
  const { logger, run } = options;
  const backoffMs = options.backoffMs ?? JOB_BACKOFF_MS;
  const waiting: QueuedJob[] = [];
  const delayed = new Map<string, { job: QueuedJob; timer: NodeJS.Timeout }>();
  const schedules = new Map<string, NodeJS.Timeout>();
  let active: { job: QueuedJob; done: Promise<void> } | undefined;
  let failed = 0;
  let sequence = 0;
  let closed = false;

  const isPending = (id: string) => active?.job.id === id || delayed.has(id) || waiting.some((j) => j.id === id);

  function later(job: QueuedJob, ms: number) {
    // Unref'd: a job waiting for its time never keeps the process alive.
    const timer = setTimeout(() => {
      delayed.delete(job.id);
      waiting.push(job);
      pump();
    }, ms).unref();
    delayed.set(job.id, { job, timer });
  }

  function pump() {
    if (active || closed) return;
    const job = waiting.shift();
    if (!job) return;
    const done = run({ id: job.id, name: job.name, data: job.data, attempt: job.attempt }).then(
      () => {},
      () => {
        // The runner has logged the error; retry like BullMQ would, or count it as failed.
        if (job.attempt < job.attempts && !closed) later({ ...job, attempt: job.attempt + 1 }, backoffMs * 2 ** (job.attempt - 1));
        else failed += 1;
      },
    );
    active = { job, done };
    void done.finally(() => {
      active = undefined;
      setImmediate(pump);
    });
  }

  const queue: JobQueue = {
    kind: 'in-process',
    name: options.name,
    async enqueue(name, data, opts = {}) {
      if (closed) throw new Error(`job queue ${options.name} is closed; ${name} was not enqueued`);
      assertJobData(name, data);
      const id = opts.jobId ?? String(++sequence);
      if (opts.jobId && isPending(id)) return id;
      // A JSON round trip, as through Redis: a handler never sees the caller's objects.
      const job: QueuedJob = { id, name, data: JSON.parse(JSON.stringify(data)), attempt: 1, attempts: opts.attempts ?? DEFAULT_ATTEMPTS };
      if (opts.delayMs && opts.delayMs > 0) later(job, opts.delayMs);
      else {
        waiting.push(job);
        // On a later turn, so the caller's request finishes before the job competes with it.
        setImmediate(pump);
      }
      return id;
    },
    async depth(): Promise<Record<QueueState, number>> {
      return { waiting: waiting.length, active: active ? 1 : 0, delayed: delayed.size, failed };
    },
    async schedule(id, name, data, everyMs) {
      assertJobData(name, data);
      clearInterval(schedules.get(id));
      // The first run comes one interval after start-up, not during it; a run still waiting or
      // running when the next is due is not doubled (same job id).
      const timer = setInterval(() => {
        queue.enqueue(name, data, { jobId: `scheduled.${id}` }).catch((error: unknown) => logger.error({ err: error, schedule: id }, 'could not enqueue a scheduled job'));
      }, everyMs).unref();
      schedules.set(id, timer);
    },
    async close(deadline) {
      if (closed) return;
      closed = true;
      for (const timer of schedules.values()) clearInterval(timer);
      for (const { timer } of delayed.values()) clearTimeout(timer);
      const dropped = waiting.length + delayed.size;
      if (dropped > 0) logger.warn({ queue: options.name, dropped }, 'in-process jobs dropped at shutdown');
      waiting.length = 0;
      delayed.clear();
      if (!active) return;
      const running = active.done;
      const gaveUp = await (deadline === undefined ? running.then(() => false) : Promise.race([running.then(() => false), sleepUntil(deadline)]));
      if (gaveUp) logger.warn({ queue: options.name, job: active?.job.name }, 'a running job did not finish within the grace period');
    },
  };
  return queue;
}

function sleepUntil(deadline: number): Promise<true> {
  return new Promise((resolve) => setTimeout(() => resolve(true), Math.max(0, deadline - Date.now())).unref());
}
