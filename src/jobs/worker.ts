/**
 * The worker process (`npm run worker`; `node dist/src/jobs/worker.js` in the worker Deployment):
 * runs the BullMQ jobs of JOB_QUEUE_NAME against PostgreSQL and the file storage, and owns the
 * maintenance schedules. On SIGTERM/SIGINT it lets the running job finish (within
 * SHUTDOWN_GRACE_MS), then closes its connections and exits 0.
 *
 * It needs Redis and PostgreSQL; without them the API runs its jobs in-process (the embedded
 * default), so starting a worker there is a mistake, reported in one line with exit code 1.
 */
import { ConfigError, loadConfig, type Config } from '../config.js';
import { createDatabase } from '../db/database.js';
import { loadEnvFile } from '../env-file.js';
import { createLogger } from '../observability/logger.js';
import { createLifecycle } from '../lifecycle.js';
import { createFileStorage } from '../storage/create-storage.js';
import { createBullmqQueue, startBullmqWorker } from './bullmq-queue.js';
import { scheduleMaintenanceJobs } from './create-job-queue.js';
import { createJobRunner } from './runner.js';
import { startHeartbeat } from './worker-heartbeat.js';

/** Jobs run one at a time: a small pool spares the database's (RDS Proxy's) connections. */
const WORKER_DB_POOL_MAX = 4;

class WorkerSetupError extends Error {}

function requireServices(config: Config): { redisUrl: string } {
  if (!config.REDIS_URL) {
    throw new WorkerSetupError(
      'REDIS_URL is not set: the worker runs jobs from Redis (BullMQ). Without Redis the API runs its jobs in-process and no worker is needed.',
    );
  }
  if (!config.DATABASE_URL) {
    throw new WorkerSetupError(
      'DATABASE_URL is not set: the worker needs PostgreSQL. The embedded database belongs to the API process, which then runs its jobs itself.',
    );
  }
  return { redisUrl: config.REDIS_URL };
}

async function main(): Promise<void> {
  loadEnvFile();
  const config = loadConfig();
  const { redisUrl } = requireServices(config);
  const logger = createLogger(config).child({ process: 'worker' });
  const lifecycle = createLifecycle((message, fields) => logger.error(fields ?? {}, message));
  // The files the exec probes read (worker-heartbeat.ts): alive from here on, ready further down.
  const heartbeat = await startHeartbeat();

  // Closed in reverse: the worker (finishing its job), then the queue, then the database.
  const database = await createDatabase({ ...config, DB_POOL_MAX: Math.min(config.DB_POOL_MAX, WORKER_DB_POOL_MAX) });
  lifecycle.onStop('close', 'database', () => database.close());
  const storage = createFileStorage(config);
  const queue = createBullmqQueue({ url: redisUrl, name: config.JOB_QUEUE_NAME, logger });
  lifecycle.onStop('close', 'queue', (deadline) => queue.close(deadline));
  const run = createJobRunner({ database, storage, config, logger });
  const worker = startBullmqWorker({ url: redisUrl, name: config.JOB_QUEUE_NAME, logger, run });
  lifecycle.onStop('close', 'worker', (deadline) => worker.close(deadline));

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'worker shutting down');
    // A last resort: the lifecycle already bounds every step by the same grace period.
    setTimeout(() => process.exit(1), config.SHUTDOWN_GRACE_MS + 5_000).unref();
    lifecycle.stop(config.SHUTDOWN_GRACE_MS).then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'error while shutting down');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));

  await scheduleMaintenanceJobs(queue, config);
  // Registered last, so on shutdown it runs first: unready before the running job is finished.
  lifecycle.onStop('close', 'heartbeat', () => heartbeat.stop());
  await heartbeat.markReady();
  logger.info({ queue: config.JOB_QUEUE_NAME, database: database.location, storage: storage.kind }, 'worker is ready');
}

main().catch((error: unknown) => {
  const known = error instanceof ConfigError || error instanceof WorkerSetupError;
  console.error(known ? `dandori worker: ${(error as Error).message}` : error);
  process.exit(1);
});
