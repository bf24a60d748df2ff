/**
 * Runs one job by name: the same handlers behind the BullMQ worker and the in-process queue,
 * with a log line per outcome carrying the job, its id and its tenant.
 */
import { cleanupStaleUploads } from './cleanup-stale-uploads.js';
import type { JobContext } from './job-context.js';
import { JOB_NAMES, type JobName, type JobPayloads, type TenantJobData } from './job-queue.js';

export type JobHandler<N extends JobName> = (data: JobPayloads[N], context: JobContext) => Promise<unknown>;

const handlers: { [N in JobName]: JobHandler<N> } = {
  'attachments.cleanup-stale-uploads': cleanupStaleUploads,
};

/** One job as either queue hands it over; `attempt` counts from 1. */
export interface RunnableJob {
  id: string;
  name: string;
  data: unknown;
  attempt: number;
}

/** Resolves to the handler's result (kept by BullMQ as the job's return value); throws to retry. */
export type JobRunner = (job: RunnableJob) => Promise<unknown>;

export function createJobRunner(context: JobContext): JobRunner {
  return async (job) => {
    if (!(JOB_NAMES as readonly string[]).includes(job.name)) throw new Error(`no handler for job ${JSON.stringify(job.name)}`);
    const name = job.name as JobName;
    const data = parseTenantJobData(name, job.data);
    // A sweep (tenantId null) leaves `tenantId` to its per-tenant lines, so no line has it twice.
    const logger = context.logger.child({ job: name, jobId: job.id, attempt: job.attempt, ...(data.tenantId !== null && { tenantId: data.tenantId }) });
    const started = performance.now();
    try {
      const result = await handlers[name](data, { ...context, logger });
      logger.info({ durationMs: Math.round(performance.now() - started), result }, 'job completed');
      return result;
    } catch (error) {
      logger.error({ err: error, durationMs: Math.round(performance.now() - started) }, 'job failed');
      throw error;
    }
  };
}

/** Payloads come back from Redis as untyped JSON: check the shape before a handler sees it. */
function parseTenantJobData(name: JobName, data: unknown): TenantJobData {
  const tenantId = (data as { tenantId?: unknown } | null)?.tenantId;
  if (tenantId === null || typeof tenantId === 'string') return { tenantId };
  throw new Error(`${name}: expected data { tenantId: string | null }, got ${JSON.stringify(data)}`);
}
