/**
 * The worker as the Deployment runs it: a child process (`tsx src/jobs/worker.ts`) with its
 * configuration in the environment. It runs a job enqueued here, exits 0 on SIGTERM, and
 * refuses to start without Redis in one clear line with exit code 1.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBullmqQueue } from '../../src/jobs/bullmq-queue.js';
import { openMigratedDatabase, type MigratedDatabase } from '../support/databases.js';
import { addAttachment, createTenant, eventually, exists, redisUrl, silentLogger, tempUploadDir, uniqueQueueName } from './fixtures.js';

interface Started {
  child: ChildProcess;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * `tsx src/jobs/worker.ts`, the binary `npx tsx` runs, started directly: npx puts npm and a
 * `sh -c` in between, which die on SIGTERM without passing it on (the worker would be orphaned
 * and its exit code lost). tsx relays the signal and exits with the worker's code.
 */
function startWorker(env: Record<string, string>): Started {
  // The parent's REDIS_URL/DATABASE_URL must not leak in: every setting comes from `env`. Like
  // every process of the app, with REDIS_URL outside development it needs JWT_SECRET (config.ts).
  const child = spawn('node_modules/.bin/tsx', ['src/jobs/worker.ts'], {
    env: { ...process.env, REDIS_URL: '', DATABASE_URL: '', NODE_ENV: 'test', JWT_SECRET: 'worker-test-secret-worker-test-secret-0123', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // its own process group, so a failed test can kill tsx and the worker together
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  return { child, output: () => output, exited };
}

describe('the worker process', () => {
  let m: MigratedDatabase;
  let uploads: Awaited<ReturnType<typeof tempUploadDir>>;
  const name = uniqueQueueName('worker');
  beforeAll(async () => {
    m = await openMigratedDatabase('postgres');
    uploads = await tempUploadDir();
  });
  afterAll(async () => {
    const connection = new Redis(redisUrl, { maxRetriesPerRequest: null });
    const admin = new Queue(name, { connection });
    await admin.obliterate({ force: true }).catch(() => {});
    await admin.close();
    await connection.quit();
    await m?.close();
    await uploads?.remove();
  });

  it('runs a job enqueued by another process, and exits 0 on SIGTERM', async () => {
    const t = await createTenant(m.database, 'worker-process');
    // TMPDIR: where the worker keeps its probe files (os.tmpdir()), one folder per test run.
    const env = { DATABASE_URL: m.url!, REDIS_URL: redisUrl, JOB_QUEUE_NAME: name, UPLOAD_DIR: uploads.dir, LOG_LEVEL: 'info', TMPDIR: uploads.dir };
    const probe = (kind: 'live' | 'ready') => spawnSync('node_modules/.bin/tsx', ['src/jobs/worker-probe.ts', kind], { env: { ...process.env, TMPDIR: uploads.dir } }).status;
    const worker = startWorker(env);
    try {
      await eventually(() => worker.output().includes('worker is ready'), 30_000, 'the worker to start');
      // What the Deployment's exec probes see: alive and ready once it consumes its queue.
      expect(await exists(join(uploads.dir, 'dandori-worker.heartbeat'))).toBe(true);
      expect({ live: probe('live'), ready: probe('ready') }).toEqual({ live: 0, ready: 0 });
      // Its schedule's first sweep runs at once; the stale upload comes after it, for our job.
      await eventually(() => /"jobId":"repeat:[^"]*".*"job completed"/.test(worker.output()), 15_000, 'the scheduled sweep');
      const stale = await addAttachment(m.database, uploads.dir, t, { status: 'PENDING', ageHours: 48 });

      const queue = createBullmqQueue({ url: redisUrl, name, logger: silentLogger });
      try {
        const id = await queue.enqueue('attachments.cleanup-stale-uploads', { tenantId: t.tenantId });
        const completed = () => worker.output().split('\n').find((line) => line.includes(`"jobId":"${id}"`) && line.includes('job completed'));
        await eventually(() => completed() !== undefined, 15_000, 'the job to complete');
        expect(JSON.parse(completed()!)).toMatchObject({ process: 'worker', job: 'attachments.cleanup-stale-uploads', tenantId: t.tenantId, result: { tenants: 1, removed: 1 } });
        expect(await exists(stale.path)).toBe(false);
        expect(await m.database.writer.attachment.count({ where: { tenantId: t.tenantId } })).toBe(0);
        // Nothing left but the next run of the worker's own schedule (delayed by an interval).
        await eventually(async () => (await queue.depth()).waiting + (await queue.depth()).active === 0, 15_000, 'an idle queue');
        expect(await queue.depth()).toEqual({ waiting: 0, active: 0, delayed: 1, failed: 0 });
      } finally {
        await queue.close();
      }

      worker.child.kill('SIGTERM');
      const exit = await worker.exited;
      expect(exit, worker.output()).toEqual({ code: 0, signal: null });
      expect(await exists(join(uploads.dir, 'dandori-worker.ready'))).toBe(false); // unready on the way out
      expect(worker.output()).toContain('worker shutting down');
    } finally {
      if (worker.child.exitCode === null) process.kill(-worker.child.pid!, 'SIGKILL');
    }
  });

  it('without REDIS_URL, exits 1 with one clear message', async () => {
    const worker = startWorker({});
    const exit = await worker.exited;
    expect(exit.code).toBe(1);
    expect(worker.output().trim()).toBe(
      'dandori worker: REDIS_URL is not set: the worker runs jobs from Redis (BullMQ). Without Redis the API runs its jobs in-process and no worker is needed.',
    );
  });
});
