/**
 * attachments.cleanup-stale-uploads: an upload that was announced (createAttachmentUpload, a
 * PENDING row) but never completed leaves a row nobody can download and maybe a file. Rows
 * PENDING for longer than ATTACHMENT_PENDING_TTL_HOURS are deleted with their stored files —
 * far longer than an upload URL lives (UPLOAD_URL_TTL_SECONDS), so no upload is still running.
 */
import { createTenantDb, type TenantDb } from '../db/tenant-db.js';
import type { FileStorage } from '../storage/file-storage.js';
import type { TenantJobData } from './job-queue.js';
import { tenantIdsOf, type JobContext } from './job-context.js';

/** Rows per transaction: bounds how long one transaction holds its locks and waits on storage. */
const BATCH_SIZE = 100;
/** Storage deletes in flight at once (S3 round trips). */
const DELETE_CONCURRENCY = 8;

export interface CleanupResult {
  tenants: number;
  removed: number;
}

export async function cleanupStaleUploads(data: TenantJobData, context: JobContext): Promise<CleanupResult> {
  const ttlHours = context.config.ATTACHMENT_PENDING_TTL_HOURS;
  const cutoff = new Date(Date.now() - ttlHours * 3_600_000);
  const tenantIds = await tenantIdsOf(context.database, data);
  let removed = 0;
  const failures: unknown[] = [];
  // One tenant failing must not keep the others' uploads forever: go on, fail the job at the end
  // (it is retried, and every step is safe to repeat).
  for (const tenantId of tenantIds) {
    // A sweep names each tenant in its lines; a tenant's own job has it bound already.
    const logger = data.tenantId === null ? context.logger.child({ tenantId }) : context.logger;
    try {
      const count = await cleanupTenant(createTenantDb(context.database, tenantId), context.storage, cutoff, ttlHours);
      if (count > 0) logger.info({ removed: count }, 'removed stale uploads');
      removed += count;
    } catch (error) {
      logger.error({ err: error }, 'stale upload cleanup failed for a tenant');
      failures.push(error);
    }
  }
  if (failures.length) throw new AggregateError(failures, `stale upload cleanup failed for ${failures.length} of ${tenantIds.length} tenants`);
  return { tenants: tenantIds.length, removed };
}

async function cleanupTenant(db: TenantDb, storage: FileStorage, cutoff: Date, ttlHours: number): Promise<number> {
  let removed = 0;
  for (;;) {
    const batch = await db.transaction(async (tx) => {
      const stale = await tx.attachment.findMany({
        where: { status: 'PENDING', createdAt: { lt: cutoff } },
        select: { id: true, storageKey: true, filename: true },
        orderBy: { createdAt: 'asc' },
        take: BATCH_SIZE,
      });
      if (stale.length === 0) return { seen: 0, gone: [] };
      const ids = stale.map((a) => a.id);
      // Conditional: an upload completed since the read is READY now, and is kept with its file.
      await tx.attachment.deleteMany({ where: { id: { in: ids }, status: 'PENDING' } });
      const kept = new Set((await tx.attachment.findMany({ where: { id: { in: ids } }, select: { id: true } })).map((a) => a.id));
      const gone = stale.filter((a) => !kept.has(a.id));
      if (gone.length === 0) return { seen: stale.length, gone };
      await tx.activityEvent.create({
        data: {
          tenantId: db.tenantId,
          actorId: null, // the system, not a member
          verb: 'attachment.expired',
          subjectType: 'Attachment',
          subjectId: gone[0]!.id, // the oldest; the summary names them all
          summary: summarize(gone.map((a) => a.filename), ttlHours).slice(0, 500),
        },
      });
      // Files go before the commit: if storage fails, the rows roll back and the next run tries
      // again; a file deleted under a row that then rolls back only leaves a PENDING row without
      // its partial upload, which the next run removes. (A completeAttachmentUpload racing this
      // waits on the deleted rows' locks and then finds no row: no READY row ever lacks its file.)
      await deleteAll(storage, gone.map((a) => a.storageKey));
      return { seen: stale.length, gone };
    });
    removed += batch.gone.length;
    if (batch.seen < BATCH_SIZE || batch.gone.length === 0) return removed;
  }
}

function summarize(filenames: string[], ttlHours: number): string {
  const count = filenames.length === 1 ? 'an unfinished upload' : `${filenames.length} unfinished uploads`;
  return `removed ${count} older than ${ttlHours} hours: ${filenames.map((f) => JSON.stringify(f)).join(', ')}`;
}

async function deleteAll(storage: FileStorage, keys: string[]): Promise<void> {
  for (let i = 0; i < keys.length; i += DELETE_CONCURRENCY) {
    await Promise.all(keys.slice(i, i + DELETE_CONCURRENCY).map((key) => storage.delete(key)));
  }
}
