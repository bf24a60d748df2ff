/**
 * The BullMQ queue on the real local Redis, each test on a queue of its own (obliterated
 * afterwards): enqueue -> a Worker runs it -> depth() moves from waiting to nothing; failures
 * are counted; schedules are job schedulers; close() lets the running job finish. Then the real
 * cleanup job end to end: createJobQueue with Redis and PostgreSQL, and the worker's runner.
 */
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createBullmqQueue, startBullmqWorker, type JobWorker } from '../../src/jobs/bullmq-queue.js';
import { createJobQueue } from '../../src/jobs/create-job-queue.js';
import type { JobQueue } from '../../src/jobs/job-queue.js';
import { createJobRunner, type JobRunner, type RunnableJob } from '../../src/jobs/runner.js';
import { createFileStorage } from '../../src/storage/create-storage.js';
import { openMigratedDatabase, testConfig, type MigratedDatabase } from '../support/databases.js';
import { addAttachment, createTenant, eventually, exists, redisUrl, silentLogger, tempUploadDir, uniqueQueueName } from './fixtures.js';

const tenantId = 'a0000000-0000-4000-8000-000000000001';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Everything a test opened, closed afterwards, and its queue's keys removed from Redis. */
const opened: { queues: JobQueue[]; workers: JobWorker[]; names: string[] } = { queues: [], workers: [], names: [] };

function open(name = uniqueQueueName('bullmq')) {
  const queue = createBullmqQueue({ url: redisUrl, name, logger: silentLogger });
  opened.queues.push(queue);
  opened.names.push(name);
  const work = (run: JobRunner) => {
    const worker = startBullmqWorker({ url: redisUrl, name, logger: silentLogger, run });
    opened.workers.push(worker);
    return worker;
  };
  return { queue, name, work };
}

afterEach(async () => {
  await Promise.all(opened.workers.splice(0).map((w) => w.close(Date.now() + 5_000)));
  await Promise.all(opened.queues.splice(0).map((q) => q.close(Date.now() + 5_000)));
  const connection = new Redis(redisUrl, { maxRetriesPerRequest: null });
  try {
    for (const name of opened.names.splice(0)) {
      const admin = new Queue(name, { connection });
      await admin.obliterate({ force: true });
      await admin.close();
    }
    expect(await connection.keys(`bull:dandori-test-bullmq-${process.pid}-*`)).toEqual([]);
  } finally {
    await connection.quit();
  }
});

describe('BullMQ job queue', () => {
  it('enqueue -> waiting; a worker runs it -> every count back to 0', async () => {
    const { queue, work } = open();
    const id = await queue.enqueue('attachments.cleanup-stale-uploads', { tenantId });
    expect(queue.kind).toBe('bullmq');
    expect(await queue.depth()).toEqual({ waiting: 1, active: 0, delayed: 0, failed: 0 });

    const ran: RunnableJob[] = [];
    work(async (job) => {
      ran.push(job);
      return { removed: 0 };
    });
    await eventually(() => ran.length === 1, 15_000, 'the worker to take the job');
    await eventually(async () => Object.values(await queue.depth()).every((n) => n === 0), 15_000, 'an empty queue');
    expect(ran).toEqual([{ id, name: 'attachments.cleanup-stale-uploads', data: { tenantId }, attempt: 1 }]);
  });

  it('refuses a bad tenant id before it reaches Redis', async () => {
    const { queue } = open();
    await expect(queue.enqueue('attachments.cleanup-stale-uploads', { tenantId: '1; DROP' })).rejects.toThrow(/expected a UUID/);
    expect(await queue.depth()).toEqual({ waiting: 0, active: 0, delayed: 0, failed: 0 });
  });

  it('counts delayed jobs, and a job that failed every attempt as failed', async () => {
    const { queue, work } = open();
    await queue.enqueue('attachments.cleanup-stale-uploads', { tenantId }, { delayMs: 60_000 });
    await queue.enqueue('attachments.cleanup-stale-uploads', { tenantId: null }, { attempts: 1 });
    expect(await queue.depth()).toEqual({ waiting: 1, active: 0, delayed: 1, failed: 0 });
    work(async () => {
      throw new Error('storage is down');
    });
    await eventually(async () => (await queue.depth()).failed === 1, 15_000, 'a failed job');
    expect(await queue.depth()).toEqual({ waiting: 0, active: 0, delayed: 1, failed: 1 });
  });

  it('a job with the same id is stored once', async () => {
    const { queue } = open();
    const first = await queue.enqueue('attachments.cleanup-stale-uploads', { tenantId }, { jobId: 'cleanup-once' });
    const second = await queue.enqueue('attachments.cleanup-stale-uploads', { tenantId }, { jobId: 'cleanup-once' });
    expect([first, second]).toEqual(['cleanup-once', 'cleanup-once']);
    expect(await queue.depth()).toMatchObject({ waiting: 1 });
  });

  it('schedules through one job scheduler, however many replicas upsert it', async () => {
    const { queue, name, work } = open();
    await queue.schedule('cleanup', 'attachments.cleanup-stale-uploads', { tenantId: null }, 3_600_000);
    await queue.schedule('cleanup', 'attachments.cleanup-stale-uploads', { tenantId: null }, 3_600_000);
    const connection = new Redis(redisUrl, { maxRetriesPerRequest: null });
    const admin = new Queue(name, { connection });
    try {
      expect(await admin.getJobSchedulers()).toEqual([expect.objectContaining({ key: 'cleanup', every: 3_600_000, name: 'attachments.cleanup-stale-uploads' })]);
    } finally {
      await admin.close();
      await connection.quit();
    }
    // An `every` scheduler runs its first job at once, then one per interval.
    const ran: RunnableJob[] = [];
    work(async (job) => void ran.push(job));
    await eventually(() => ran.length === 1, 15_000, 'the first scheduled run');
    expect(ran[0]).toMatchObject({ name: 'attachments.cleanup-stale-uploads', data: { tenantId: null } });
    expect(await queue.depth()).toMatchObject({ waiting: 0, active: 0, delayed: 1 }); // the next run
  });

  it("close() lets the running job finish before the worker's connections close", async () => {
    const { queue, work } = open();
    let finished = false;
    const worker = work(async () => {
      await sleep(500);
      finished = true;
    });
    await queue.enqueue('attachments.cleanup-stale-uploads', { tenantId });
    await eventually(async () => (await queue.depth()).active === 1, 15_000, 'an active job');
    await worker.close(Date.now() + 10_000);
    expect(finished).toBe(true);
    expect(await queue.depth()).toEqual({ waiting: 0, active: 0, delayed: 0, failed: 0 });
  });
});

describe('the cleanup job through Redis', () => {
  let m: MigratedDatabase;
  let uploads: Awaited<ReturnType<typeof tempUploadDir>>;
  beforeAll(async () => {
    m = await openMigratedDatabase('postgres');
    uploads = await tempUploadDir();
  });
  afterAll(async () => {
    await m?.close();
    await uploads?.remove();
  });

  it('createJobQueue picks BullMQ with Redis and PostgreSQL; the worker runs the real handler', async () => {
    const name = uniqueQueueName('bullmq');
    const config = testConfig({ DATABASE_URL: m.url!, REDIS_URL: redisUrl, JOB_QUEUE_NAME: name, UPLOAD_DIR: uploads.dir });
    const storage = createFileStorage(config);
    const queue = await createJobQueue(config, { database: m.database, storage, logger: silentLogger });
    opened.queues.push(queue);
    opened.names.push(name);
    expect(queue).toMatchObject({ kind: 'bullmq', name });

    const t = await createTenant(m.database, 'through-redis');
    const stale = await addAttachment(m.database, uploads.dir, t, { status: 'PENDING', ageHours: 48 });
    const ready = await addAttachment(m.database, uploads.dir, t, { status: 'READY', ageHours: 48 });
    await queue.enqueue('attachments.cleanup-stale-uploads', { tenantId: t.tenantId });
    expect(await queue.depth()).toMatchObject({ waiting: 1 });

    const run = createJobRunner({ database: m.database, storage, config, logger: silentLogger });
    opened.workers.push(startBullmqWorker({ url: redisUrl, name, logger: silentLogger, run }));
    await eventually(async () => Object.values(await queue.depth()).every((n) => n === 0), 15_000, 'the job to finish');
    expect(await exists(stale.path)).toBe(false);
    expect(await exists(ready.path)).toBe(true);
    expect(await m.database.writer.attachment.findMany({ where: { tenantId: t.tenantId }, select: { id: true } })).toEqual([{ id: ready.id }]);
  });

  it('with Redis but the embedded database, jobs stay in-process (no worker can reach PGlite)', async () => {
    const pglite = await openMigratedDatabase('pglite');
    try {
      const config = testConfig({ REDIS_URL: redisUrl, PGLITE_DATA_DIR: 'memory://' });
      const queue = await createJobQueue(config, { database: pglite.database, storage: createFileStorage(config), logger: silentLogger });
      expect(queue.kind).toBe('in-process');
      await queue.close();
    } finally {
      await pglite.close();
    }
  });
});
