/**
 * A connection terminated while a transaction holds it (PostgreSQL restarted, a failover, an
 * administrator's pg_terminate_backend: FATAL 57P01 between two statements) fails that
 * transaction with a coded error and nothing else: the process goes on, and the pool serves the
 * next caller from a fresh connection. Before every pool client had an 'error' listener of its
 * own, the FATAL message arriving between statements was an unhandled 'error' event, which ends
 * the process (seen under load in test/faults/postgres.test.ts).
 */
import pg from 'pg';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Prisma } from '../../src/generated/prisma/client.js';
import { createTenantDb } from '../../src/db/tenant-db.js';
import { openMigratedDatabase, type MigratedDatabase } from '../support/databases.js';

const someTenant = '00000000-0000-4000-8000-000000000001';

describe('a connection terminated while checked out', () => {
  let m: MigratedDatabase;
  let admin: pg.Client;
  beforeAll(async () => {
    m = await openMigratedDatabase('postgres');
    admin = new pg.Client({ connectionString: m.url! });
    await admin.connect();
  });
  afterAll(async () => {
    await admin?.end();
    await m?.close();
  });

  const backendGone = async (pid: number) =>
    (await admin.query('SELECT 1 FROM pg_stat_activity WHERE pid = $1', [pid])).rowCount === 0;

  /** Terminates the backend of `pid` and waits until its FATAL message has reached our socket. */
  async function terminate(pid: number) {
    await admin.query('SELECT pg_terminate_backend($1)', [pid]);
    await expect.poll(() => backendGone(pid), { timeout: 10_000 }).toBe(true);
    // The FATAL message was sent before the backend exited: it is in our socket already, and is
    // read within a few turns of the event loop — between two statements of ours.
    await sleep(100);
  }
  const codeOf = (error: { extensions?: { code?: string } }) => error.extensions?.code ?? String(error);

  it('fails only that Prisma transaction, and the next one works', async () => {
    const db = createTenantDb(m.database, someTenant);
    const outcome = await db
      .transaction(async (tx) => {
        const { pid } = (await tx.$queryRaw<{ pid: number }[]>`SELECT pg_backend_pid() AS pid`)[0]!;
        await terminate(pid);
        return tx.task.count();
      })
      .then(() => 'committed', codeOf);
    expect(outcome).toBe('SERVICE_UNAVAILABLE');
    expect(await db.transaction((tx) => tx.task.count())).toBe(0);
  });

  it('fails only that SQL read, and the next one works', async () => {
    const db = createTenantDb(m.database, someTenant);
    const read = await db.openSqlRead(true);
    const { pid } = (await read.query<{ pid: number }>(Prisma.sql`SELECT pg_backend_pid() AS pid`))[0]!;
    await terminate(pid);
    expect(await read.query(Prisma.sql`SELECT 1`).then(() => 'answered', codeOf)).toBe('SERVICE_UNAVAILABLE');
    await read.end(true);
    const next = await db.openSqlRead(true);
    expect(await next.query<{ one: number }>(Prisma.sql`SELECT 1 AS one`)).toEqual([{ one: 1 }]);
    await next.end();
  });
});
