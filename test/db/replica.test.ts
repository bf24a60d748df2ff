/**
 * DATABASE_REPLICA_URL: tenant reads go to the replica, with the same tenant scoping (RLS runs
 * there too); writes, and the reads of a request after its first write, go to the writer. Two
 * distinct databases stand in for writer and replica so the test can tell which one answered.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, type Database } from '../../src/db/database.js';
import { migrate } from '../../src/db/migrations.js';
import { createRequestDb } from '../../src/db/request-db.js';
import { createTenantDb } from '../../src/db/tenant-db.js';
import { Prisma } from '../../src/generated/prisma/client.js';
import { connectPg } from '../../src/db/sql-session.js';
import { createScratchDatabase, testConfig, type ScratchDatabase } from '../support/databases.js';
import { replicaToolsAvailable, startPostgresReplica, type PostgresReplica } from '../support/postgres-replica.js';

const tenantA = '00000000-0000-4000-8000-00000000000a';
const tenantB = '00000000-0000-4000-8000-00000000000b';

async function prepare(url: string, label: string) {
  const session = await connectPg(url);
  await migrate(session);
  for (const [id, slug] of [[tenantA, 'a'], [tenantB, 'b']] as const) {
    await session.query(`INSERT INTO tenants (id, slug, name, updated_at) VALUES ($1, $2, $2, now())`, [id, slug]);
    await session.query(
      `INSERT INTO departments (id, tenant_id, code, name, updated_at) VALUES (gen_random_uuid(), $1, $2, $3, now())`,
      [id, `${label}-${slug}`, `${label} department of ${slug}`],
    );
  }
  await session.close();
}

describe('read replica', () => {
  let writer: ScratchDatabase;
  let replica: ScratchDatabase;
  let database: Database;
  beforeAll(async () => {
    [writer, replica] = await Promise.all([createScratchDatabase('dandori_writer'), createScratchDatabase('dandori_replica')]);
    await prepare(writer.url, 'writer');
    await prepare(replica.url, 'replica');
    database = await createDatabase(testConfig({ DATABASE_URL: writer.url, DATABASE_REPLICA_URL: replica.url }));
  });
  afterAll(async () => {
    await database?.close();
    await Promise.all([writer?.drop(), replica?.drop()]);
  });

  it('serves tenant reads from the replica, scoped to the tenant', async () => {
    const db = createTenantDb(database, tenantA);
    expect(db.readsFromReplica).toBe(true);
    const codes = await db.read((tx) => tx.department.findMany({ select: { code: true } }));
    expect(codes).toEqual([{ code: 'replica-a' }]);
    const [role] = await db.read((tx) => tx.$queryRaw<{ current_user: string }[]>`SELECT current_user`);
    expect(role!.current_user).toBe('dandori_app');
  });

  it('sends writes to the writer', async () => {
    const db = createTenantDb(database, tenantA);
    const codes = await db.transaction((tx) => tx.department.findMany({ select: { code: true } }));
    expect(codes).toEqual([{ code: 'writer-a' }]);
  });

  it('reads the writer within a request once that request has written', async () => {
    const request = createRequestDb(createTenantDb(database, tenantB));
    const codes = Prisma.sql`SELECT code FROM departments ORDER BY code`;
    const before = await request.query(codes);
    await request.write((tx) => tx.department.create({ data: { tenantId: tenantB, code: 'new-b', name: 'New' } }));
    const after = await request.query(codes);
    await request.finish();
    expect(before).toEqual([{ code: 'replica-b' }]);
    expect(after).toEqual([{ code: 'new-b' }, { code: 'writer-b' }]);
  });

  it('reports both pools', () => {
    expect(database.poolStats().map((p) => [p.endpoint, p.max])).toEqual([['writer', 20], ['replica', 20]]);
  });
});

/**
 * The same code against a real streaming replica (test/support/postgres-replica.ts) that applies
 * the writer's log 600 ms late, as an Aurora reader lags its writer: the positions the cache
 * keeps with its generations (src/db/replica-position.ts, DB_REPLICA_POSITION=wal) are read on
 * both sides, and a read that must include a write goes to the writer while the replica has not
 * applied it — and stays on the replica once it has.
 */
describe.skipIf(!replicaToolsAvailable)('a lagging streaming replica', () => {
  let cluster: PostgresReplica;
  let database: Database;
  const departmentCount = Prisma.sql`SELECT count(*)::int AS n, pg_is_in_recovery() AS on_replica FROM departments`;

  beforeAll(async () => {
    cluster = await startPostgresReplica({ applyDelayMs: 600 });
    await prepare(cluster.primaryUrl, 'primary');
    database = await createDatabase(testConfig({ DATABASE_URL: cluster.primaryUrl, DATABASE_REPLICA_URL: cluster.replicaUrl, DB_REPLICA_POSITION: 'wal' }));
    await caughtUp();
  }, 120_000);
  afterAll(async () => {
    await database?.close();
    await cluster?.stop();
  });

  async function caughtUp() {
    for (;;) {
      const { primary, replayed } = await cluster.positions();
      if (replayed >= primary) return;
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  const addDepartment = (tenantDb: ReturnType<typeof createTenantDb>, code: string) =>
    tenantDb.transaction((tx) => tx.department.create({ data: { tenantId: tenantA, code, name: code } }));

  it('reads the writer position after a commit, and the replica applies it only after its delay', async () => {
    const db = createTenantDb(database, tenantA);
    const before = await db.writerPosition();
    await addDepartment(db, `pos-${Date.now()}`);
    const after = await db.writerPosition();
    expect(after).toBeGreaterThan(before);
    const tx = await db.openSqlRead(false);
    try {
      expect(await db.replicaPosition(tx)).toBeLessThan(after); // 600 ms behind
    } finally {
      await tx.end();
    }
    await caughtUp();
    const later = await db.openSqlRead(false);
    try {
      expect(await db.replicaPosition(later)).toBeGreaterThanOrEqual(after);
    } finally {
      await later.end();
    }
  });

  it('readSince: a read that must include a write the replica has not applied goes to the writer', async () => {
    await caughtUp();
    const db = createTenantDb(database, tenantA);
    const count = (tx: Parameters<Parameters<typeof db.read>[0]>[0]) => tx.department.count();
    const before = await db.read(count);
    await addDepartment(db, `since-${Date.now()}`);
    const position = await db.writerPosition();
    expect(await db.read(count)).toBe(before); // the replica lags: what a cache fill used to store
    expect(await db.readSince(position, count)).toBe(before + 1);
    await caughtUp();
    expect(await db.readSince(position, (tx) => tx.$queryRaw<{ r: boolean }[]>`SELECT pg_is_in_recovery() AS r`)).toEqual([{ r: true }]);
  });

  it('requirePosition: a request moves its reads to the writer only while the replica is behind', async () => {
    await caughtUp();
    const db = createTenantDb(database, tenantA);
    const lagging = createRequestDb(db);
    const [before] = await lagging.query<{ n: number; onReplica: boolean }>(departmentCount);
    expect(before!.onReplica).toBe(true);
    await addDepartment(db, `req-${Date.now()}`);
    const position = await db.writerPosition();
    await lagging.requirePosition(position);
    const [after] = await lagging.query<{ n: number; onReplica: boolean }>(departmentCount);
    await lagging.finish();
    expect(after).toEqual({ n: before!.n + 1, onReplica: false });

    await caughtUp();
    const current = createRequestDb(db);
    await current.requirePosition(position);
    const [row] = await current.query<{ n: number; onReplica: boolean }>(departmentCount);
    await current.finish();
    expect(row).toEqual({ n: before!.n + 1, onReplica: true });
  });
});
