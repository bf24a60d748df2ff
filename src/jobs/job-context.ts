/**
 * What a job handler gets: clients built once per process (API or worker). Handlers reach tenant
 * data only through createTenantDb; the tenant registry (`tenants`, no RLS) is read with the writer.
 */
import type { Config } from '../config.js';
import type { Database } from '../db/database.js';
import type { Logger } from '../observability/logger.js';
import type { FileStorage } from '../storage/file-storage.js';
import type { TenantJobData } from './job-queue.js';

export interface JobContext {
  database: Database;
  storage: FileStorage;
  config: Pick<Config, 'ATTACHMENT_PENDING_TTL_HOURS'>;
  /** Bound to the job (name, id, tenant) while a handler runs. */
  logger: Logger;
}

/** The tenants a job covers: its own, or every tenant in the registry for a sweep. */
export async function tenantIdsOf(database: Database, data: TenantJobData): Promise<string[]> {
  if (data.tenantId !== null) return [data.tenantId];
  const tenants = await database.writer.tenant.findMany({ select: { id: true }, orderBy: { id: 'asc' } });
  return tenants.map((t) => t.id);
}
