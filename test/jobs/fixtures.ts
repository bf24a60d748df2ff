/**
 * Data for the job tests: tenants with one task each, and attachments of any status and age,
 * with or without a stored (or partial) file in a temporary UPLOAD_DIR.
 */
import { randomUUID } from 'node:crypto';
import { access, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Database } from '../../src/db/database.js';
import { createTenantDb } from '../../src/db/tenant-db.js';
import { createLogger } from '../../src/observability/logger.js';
import { attachmentStorageKey, pathForKey } from '../../src/storage/storage-keys.js';

export const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
export const silentLogger = createLogger({ LOG_LEVEL: (process.env.TEST_LOG_LEVEL as 'silent') ?? 'silent' });

/** A queue name no other test run shares (obliterate it afterwards). */
export function uniqueQueueName(what: string): string {
  return `dandori-test-${what}-${process.pid}-${randomUUID().slice(0, 8)}`;
}

export interface TenantFixture {
  tenantId: string;
  userId: string;
  taskId: string;
}

export async function createTenant(database: Database, slug: string): Promise<TenantFixture> {
  const tenant = await database.writer.tenant.create({ data: { slug, name: slug } });
  return createTenantDb(database, tenant.id).transaction(async (tx) => {
    const user = await tx.user.create({ data: { tenantId: tenant.id, email: `owner@${slug}.example`, displayName: 'Owner', role: 'OWNER', passwordHash: 'x' } });
    const project = await tx.project.create({ data: { tenantId: tenant.id, code: 'P1', name: 'Project', ownerId: user.id } });
    const task = await tx.task.create({ data: { tenantId: tenant.id, projectId: project.id, title: 'Task' } });
    return { tenantId: tenant.id, userId: user.id, taskId: task.id };
  });
}

export interface AttachmentFixture {
  id: string;
  storageKey: string;
  /** Where the file is (or would be) under the upload directory. */
  path: string;
  /** A leftover `<file>.<uuid>.part` of an interrupted upload, when asked for. */
  partialPath?: string;
}

export async function addAttachment(
  database: Database,
  uploadDir: string,
  t: TenantFixture,
  options: { status: 'PENDING' | 'READY'; ageHours: number; file?: 'stored' | 'partial' | 'none'; filename?: string },
): Promise<AttachmentFixture> {
  const id = randomUUID();
  const filename = options.filename ?? `${options.status.toLowerCase()}-${options.ageHours}h.txt`;
  const storageKey = attachmentStorageKey({ tenantId: t.tenantId, taskId: t.taskId, attachmentId: id, filename });
  const path = pathForKey(uploadDir, storageKey)!;
  await createTenantDb(database, t.tenantId).transaction((tx) =>
    tx.attachment.create({
      data: {
        id,
        tenantId: t.tenantId,
        taskId: t.taskId,
        uploadedById: t.userId,
        storageKey,
        filename,
        contentType: 'text/plain',
        size: 5,
        status: options.status,
        createdAt: new Date(Date.now() - options.ageHours * 3_600_000),
      },
    }),
  );
  const file = options.file ?? 'stored';
  if (file === 'none') return { id, storageKey, path };
  await mkdir(dirname(path), { recursive: true });
  if (file === 'stored') {
    await writeFile(path, 'hello');
    return { id, storageKey, path };
  }
  const partialPath = `${path}.${randomUUID()}.part`;
  await writeFile(partialPath, 'hel');
  return { id, storageKey, path, partialPath };
}

export async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

export async function tempUploadDir(): Promise<{ dir: string; remove(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'dandori-jobs-'));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** Polls `check` until it returns true, or fails after `timeoutMs`. */
export async function eventually(check: () => Promise<boolean> | boolean, timeoutMs = 15_000, what = 'condition'): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
