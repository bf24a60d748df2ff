/**
 * attachments.cleanup-stale-uploads on real PostgreSQL and a real local storage: only PENDING
 * rows past the TTL go, with their (partial) files; READY and fresh PENDING rows stay; each
 * tenant is handled in its own tenant transaction and gets one 'attachment.expired' event.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { createTenantDb } from '../../src/db/tenant-db.js';
import { createJobRunner, type JobRunner } from '../../src/jobs/runner.js';
import { createFileStorage } from '../../src/storage/create-storage.js';
import { openMigratedDatabase, testConfig, type MigratedDatabase } from '../support/databases.js';
import { addAttachment, createTenant, exists, silentLogger, tempUploadDir, type TenantFixture } from './fixtures.js';

let m: MigratedDatabase;
let database: Database;
let uploads: Awaited<ReturnType<typeof tempUploadDir>>;
let run: JobRunner;
let sequence = 0;

beforeAll(async () => {
  m = await openMigratedDatabase('postgres');
  database = m.database;
  uploads = await tempUploadDir();
  const config = testConfig({ UPLOAD_DIR: uploads.dir, ATTACHMENT_PENDING_TTL_HOURS: '24' });
  run = createJobRunner({ database, storage: createFileStorage(config), config, logger: silentLogger });
});
afterAll(async () => {
  await m?.close();
  await uploads?.remove();
});

const cleanup = (tenantId: string | null) => run({ id: String(++sequence), name: 'attachments.cleanup-stale-uploads', data: { tenantId }, attempt: 1 });
const attachmentIds = async (t: TenantFixture) =>
  (await createTenantDb(database, t.tenantId).read((tx) => tx.attachment.findMany({ select: { id: true } }))).map((a) => a.id).sort();
const expiredEvents = (t: TenantFixture) =>
  createTenantDb(database, t.tenantId).read((tx) => tx.activityEvent.findMany({ where: { verb: 'attachment.expired' } }));

describe('attachments.cleanup-stale-uploads', () => {
  let a: TenantFixture;
  let b: TenantFixture;
  let quiet: TenantFixture;
  beforeEach(async () => {
    const n = ++sequence;
    [a, b, quiet] = await Promise.all([createTenant(database, `a-${n}`), createTenant(database, `b-${n}`), createTenant(database, `quiet-${n}`)]);
  });

  it('sweeps every tenant: removes stale PENDING rows and their files, keeps READY and fresh ones', async () => {
    const stale = await addAttachment(database, uploads.dir, a, { status: 'PENDING', ageHours: 30, filename: 'plan.pdf' });
    const stalePartial = await addAttachment(database, uploads.dir, a, { status: 'PENDING', ageHours: 25, file: 'partial', filename: 'photo.jpg' });
    const staleNoFile = await addAttachment(database, uploads.dir, b, { status: 'PENDING', ageHours: 48, file: 'none' });
    const oldReady = await addAttachment(database, uploads.dir, a, { status: 'READY', ageHours: 24 * 30 });
    const freshPending = await addAttachment(database, uploads.dir, a, { status: 'PENDING', ageHours: 23 });
    const quietReady = await addAttachment(database, uploads.dir, quiet, { status: 'READY', ageHours: 100 });
    const quietFresh = await addAttachment(database, uploads.dir, quiet, { status: 'PENDING', ageHours: 1 });

    const result = await cleanup(null);

    expect(result).toEqual({ tenants: 3, removed: 3 });
    expect(await attachmentIds(a)).toEqual([oldReady.id, freshPending.id].sort());
    expect(await attachmentIds(b)).toEqual([]);
    expect(await attachmentIds(quiet)).toEqual([quietReady.id, quietFresh.id].sort());
    expect(await exists(stale.path)).toBe(false);
    expect(await exists(stalePartial.partialPath!)).toBe(false);
    for (const kept of [oldReady, freshPending, quietReady, quietFresh]) expect(await exists(kept.path), kept.path).toBe(true);

    const eventsOfA = await expiredEvents(a);
    expect(eventsOfA).toEqual([
      expect.objectContaining({
        tenantId: a.tenantId,
        actorId: null,
        verb: 'attachment.expired',
        subjectType: 'Attachment',
        subjectId: stale.id, // the oldest of the batch
        summary: 'removed 2 unfinished uploads older than 24 hours: "plan.pdf", "photo.jpg"',
      }),
    ]);
    expect(await expiredEvents(b)).toEqual([expect.objectContaining({ subjectId: staleNoFile.id, summary: expect.stringMatching(/^removed an unfinished upload older than 24 hours/) })]);
    expect(await expiredEvents(quiet)).toEqual([]); // nothing removed, nothing recorded

    // Safe to run again: nothing left to do, no further events.
    await cleanup(null);
    expect(await expiredEvents(a)).toHaveLength(1);
  });

  it("with a tenant id, touches only that tenant's rows", async () => {
    const staleA = await addAttachment(database, uploads.dir, a, { status: 'PENDING', ageHours: 30 });
    const staleB = await addAttachment(database, uploads.dir, b, { status: 'PENDING', ageHours: 30 });

    expect(await cleanup(b.tenantId)).toEqual({ tenants: 1, removed: 1 });

    expect(await attachmentIds(a)).toEqual([staleA.id]);
    expect(await exists(staleA.path)).toBe(true);
    expect(await attachmentIds(b)).toEqual([]);
    expect(await exists(staleB.path)).toBe(false);
    expect(await expiredEvents(a)).toEqual([]);
  });

  it('removes more stale rows than one batch holds, across several transactions', async () => {
    // One after another: 130 transactions at once would queue on the pool's 20 connections, and on
    // a busy machine some would wait past its acquire timeout (a fixture's problem, not the job's).
    const many = [];
    for (let i = 0; i < 130; i++) many.push(await addAttachment(database, uploads.dir, a, { status: 'PENDING', ageHours: 25 + i / 100, file: 'none' }));
    expect(many).toHaveLength(130);
    expect(await cleanup(a.tenantId)).toEqual({ tenants: 1, removed: 130 });
    expect(await attachmentIds(a)).toEqual([]);
    expect((await expiredEvents(a)).length).toBe(2); // one per batch of 100
  });

  it('refuses a payload without a tenant id', async () => {
    await expect(run({ id: 'x', name: 'attachments.cleanup-stale-uploads', data: {}, attempt: 1 })).rejects.toThrow(/expected data \{ tenantId/);
    await expect(run({ id: 'x', name: 'no.such-job', data: { tenantId: null }, attempt: 1 })).rejects.toThrow(/no handler for job "no.such-job"/);
  });
});
