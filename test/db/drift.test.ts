/**
 * The hand-written migrations must build exactly the database prisma/schema.prisma describes,
 * because `prisma migrate diff` (Prisma's schema engine) is not available to check it for us.
 * A fresh scratch PostgreSQL database is migrated with our runner, read back from the catalogs,
 * and compared with the schema as Prisma's own parser (DMMF) understands it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../src/db/migrations.js';
import { connectPg, type SqlSession } from '../../src/db/sql-session.js';
import { createScratchDatabase } from '../support/databases.js';
import { diffSchema, snapshotDatabase } from '../support/drift.js';
import { loadDmmf } from '../support/prisma-dmmf.js';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function migratedSession(): Promise<SqlSession> {
  const scratch = await createScratchDatabase('dandori_drift');
  cleanups.push(() => scratch.drop());
  const session = await connectPg(scratch.url);
  cleanups.push(() => session.close());
  await migrate(session);
  return session;
}

describe('schema drift (prisma/schema.prisma vs prisma/migrations)', () => {
  const datamodel = loadDmmf();

  it('the migrated database matches the Prisma schema exactly', async () => {
    const session = await migratedSession();
    expect(diffSchema(datamodel, await snapshotDatabase(session))).toEqual([]);
  });

  it('reports each kind of drift, and nothing else', async () => {
    // Proves the check can fail: one change per kind of object it compares.
    const session = await migratedSession();
    await session.exec(`
      ALTER TABLE tasks ALTER COLUMN title DROP NOT NULL;
      ALTER TABLE tasks ADD COLUMN archived BOOLEAN NOT NULL DEFAULT false;
      ALTER TABLE tenants ALTER COLUMN updated_at SET DEFAULT CURRENT_TIMESTAMP;
      ALTER TABLE users ALTER COLUMN email TYPE VARCHAR(320);
      ALTER TYPE task_status ADD VALUE 'CANCELLED';
      DROP INDEX tasks_tenant_id_status_due_at_idx;
      DROP INDEX projects_tenant_id_created_at_idx;
      CREATE INDEX projects_tenant_id_created_at_idx ON projects (tenant_id, created_at);
      ALTER TABLE comments DROP CONSTRAINT comments_tenant_id_author_id_fkey;
      ALTER TABLE comments ADD CONSTRAINT comments_tenant_id_author_id_fkey FOREIGN KEY (tenant_id, author_id)
        REFERENCES users (tenant_id, id) ON DELETE CASCADE ON UPDATE CASCADE;
      CREATE TABLE audit_log (id UUID PRIMARY KEY);
    `);

    expect(diffSchema(datamodel, await snapshotDatabase(session))).toEqual([
      'unexpected table audit_log',
      'unexpected column tasks.archived: boolean NOT NULL DEFAULT false',
      'column tasks.title differs: db has text NULL, schema has text NOT NULL',
      'column tenants.updated_at differs: db has timestamp with time zone(3) NOT NULL DEFAULT CURRENT_TIMESTAMP, ' +
        'schema has timestamp with time zone(3) NOT NULL',
      'column users.email differs: db has character varying(320) NOT NULL, schema has text NOT NULL',
      'enum task_status differs: db has TODO, IN_PROGRESS, BLOCKED, DONE, CANCELLED, ' +
        'schema has TODO, IN_PROGRESS, BLOCKED, DONE',
      'unexpected index audit_log_pkey: PRIMARY KEY ON audit_log USING btree (id)',
      'index projects_tenant_id_created_at_idx differs: db has INDEX ON projects USING btree (tenant_id, created_at), ' +
        'schema has INDEX ON projects USING btree (tenant_id, created_at DESC)',
      'missing index tasks_tenant_id_status_due_at_idx: INDEX ON tasks USING btree (tenant_id, status, due_at)',
      'foreign key comments_tenant_id_author_id_fkey differs: ' +
        'db has comments(tenant_id, author_id) -> users(tenant_id, id) ON DELETE Cascade ON UPDATE Cascade, ' +
        'schema has comments(tenant_id, author_id) -> users(tenant_id, id) ON DELETE Restrict ON UPDATE Cascade',
    ]);
  });
});
