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
