/**
 * The in-process queue (embedded default): jobs run one at a time after the caller's turn,
 * depth() follows them, failures are retried then counted, schedules enqueue on their interval
 * without doubling, and close() waits for the running job up to its deadline. Then the real
 * thing: an app without Redis runs the cleanup job itself.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInProcessQueue } from '../../src/jobs/in-process-queue.js';
import type { RunnableJob } from '../../src/jobs/runner.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { addAttachment, createTenant, eventually, exists, silentLogger, tempUploadDir } from './fixtures.js';

const tenantId = 'a0000000-0000-4000-8000-000000000001';

function recordingQueue(behaviour: (job: RunnableJob) => Promise<unknown> = async () => 'ok', backoffMs = 10) {
  const ran: RunnableJob[] = [];
  const queue = createInProcessQueue({
    name: 'test-in-process',
    logger: silentLogger,
    backoffMs,
    run: (job) => {
      ran.push(job);
      return behaviour(job);
    },
  });
  return { queue, ran };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('in-process job queue', () => {
  it('runs an enqueued job after the current turn; depth() counts it waiting, then nothing', async () => {
    const { queue, ran } = recordingQueue();
    const id = await queue.enqueue('attachments.cleanup-stale-uploads', { tenantId });
    expect(await queue.depth()).toEqual({ waiting: 1, active: 0, delayed: 0, failed: 0 });
    expect(ran).toEqual([]);
    await eventually(async () => (await queue.depth()).waiting === 0 && (await queue.depth()).active === 0);
    expect(ran).toEqual([{ id, name: 'attachments.cleanup-stale-uploads', data: { tenantId }, attempt: 1 }]);
    expect(await queue.depth()).toEqual({ waiting: 0, active: 0, delayed: 0, failed: 0 });
    await queue.close();
  });

  it('refuses a bad tenant id when enqueueing, not later in the handler', async () => {
    const { queue } = recordingQueue();
    await expect(queue.enqueue('attachments.cleanup-stale-uploads', { tenantId: 'acme' })).rejects.toThrow(/tenantId: expected a UUID, got "acme"/);
    await queue.close();
  });

  it('runs one job at a time, in order, and shows the running one as active', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const { queue, ran } = recordingQueue(() => gate);
    await queue.enqueue('attachments.cleanup-stale-uploads', { tenantId: null });
    await queue.enqueue('attachments.cleanup-stale-uploads', { tenantId });
    await eventually(() => ran.length === 1);
    expect(await queue.depth()).toEqual({ waiting: 1, active: 1, delayed: 0, failed: 0 });
    release();
    await eventually(() => ran.length === 2);
    expect(ran.map((j) => j.data)).toEqual([{ tenantId: null }, { tenantId }]);
    await queue.close();
  });

  it('retries a failing job with backoff, then counts it as failed', async () => {
    const { queue, ran } = recordingQueue(async () => {
      throw new Error('storage is down');
    });
    await queue.enqueue('attachments.cleanup-stale-uploads', { tenantId }, { attempts: 3 });
    await eventually(async () => (await queue.depth()).failed === 1);
    expect(ran.map((j) => j.attempt)).toEqual([1, 2, 3]);
    expect(await queue.depth()).toEqual({ waiting: 0, active: 0, delayed: 0, failed: 1 });
    await queue.close();
  });

  it('holds a delayed job as delayed until its time', async () => {
    const { queue, ran } = recordingQueue();
    await queue.enqueue('attachments.cleanup-stale-uploads', { tenantId }, { delayMs: 150 });
    expect(await queue.depth()).toMatchObject({ waiting: 0, delayed: 1 });
    await sleep(50);
    expect(ran).toEqual([]);
    await eventually(() => ran.length === 1);
    expect(await queue.depth()).toMatchObject({ delayed: 0 });
    await queue.close();
  });

  it('schedules a job every interval, never doubling one that is still pending', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const { queue, ran } = recordingQueue(() => gate);
    await queue.schedule('cleanup', 'attachments.cleanup-stale-uploads', { tenantId: null }, 30);
    await eventually(() => ran.length === 1);
    await sleep(150); // several intervals while the first run is still going: none queued
    expect(await queue.depth()).toEqual({ waiting: 0, active: 1, delayed: 0, failed: 0 });
    expect(ran).toHaveLength(1);
    release();
    await eventually(() => ran.length >= 3);
    await queue.close();
    const after = ran.length;
    await sleep(100);
    expect(ran.length).toBe(after); // closing stops the schedule
  });

  it('close() waits for the running job, bounded by the deadline, and refuses new jobs', async () => {
    let finished = false;
    const { queue } = recordingQueue(async () => {
      await sleep(200);
      finished = true;
    });
    await queue.enqueue('attachments.cleanup-stale-uploads', { tenantId });
    await eventually(async () => (await queue.depth()).active === 1);
    await queue.close(Date.now() + 5_000);
    expect(finished).toBe(true);
    await expect(queue.enqueue('attachments.cleanup-stale-uploads', { tenantId })).rejects.toThrow(/closed/);

    // Bounded by the deadline, not by the job: close() returns while the job still runs (an
    // order, not a number of milliseconds, which a busy machine would blur).
    let slowFinished = false;
    const slow = recordingQueue(async () => {
      await sleep(5_000);
      slowFinished = true;
    });
    await slow.queue.enqueue('attachments.cleanup-stale-uploads', { tenantId });
    await eventually(async () => (await slow.queue.depth()).active === 1);
    await slow.queue.close(Date.now() + 100);
    expect(slowFinished).toBe(false);
  });
});

describe('an app without Redis', () => {
  let server: TestServer;
  let uploads: Awaited<ReturnType<typeof tempUploadDir>>;
  beforeAll(async () => {
    uploads = await tempUploadDir();
    server = await startTestServer({ seed: false, env: { UPLOAD_DIR: uploads.dir } });
  });
  afterAll(async () => {
    await server?.close();
    await uploads?.remove();
  });

  it('runs the cleanup job in its own process', async () => {
    const { jobs, database } = server.app.deps;
    expect(jobs.kind).toBe('in-process');
    const t = await createTenant(database, 'in-process');
    const stale = await addAttachment(database, uploads.dir, t, { status: 'PENDING', ageHours: 48 });
    const ready = await addAttachment(database, uploads.dir, t, { status: 'READY', ageHours: 48 });

    await jobs.enqueue('attachments.cleanup-stale-uploads', { tenantId: t.tenantId });
    expect(await jobs.depth()).toMatchObject({ waiting: 1 });
    await eventually(async () => !(await exists(stale.path)));
    await eventually(async () => Object.values(await jobs.depth()).every((n) => n === 0));
    const left = await database.writer.attachment.findMany({ where: { tenantId: t.tenantId }, select: { id: true } });
    expect(left).toEqual([{ id: ready.id }]);
  });
});
