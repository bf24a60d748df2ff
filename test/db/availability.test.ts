/**
 * When the database cannot serve, callers get a coded SERVICE_UNAVAILABLE error that says why,
 * bounded by DB_CONNECT_TIMEOUT_MS — never a hang.
 */
import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase } from '../../src/db/database.js';
import { createTenantDb } from '../../src/db/tenant-db.js';
import { AppError } from '../../src/errors.js';
import { openMigratedDatabase, testConfig, type MigratedDatabase } from '../support/databases.js';

const CONNECT_TIMEOUT_MS = 500;
const someTenant = '00000000-0000-4000-8000-000000000001';

async function failureOf(work: Promise<unknown>): Promise<{ error: AppError; elapsedMs: number }> {
  const started = Date.now();
  const error = await work.then(
    () => {
      throw new Error('expected the database call to fail');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return { error: error as AppError, elapsedMs: Date.now() - started };
}

describe('pool exhaustion', () => {
  let m: MigratedDatabase;
  beforeAll(async () => {
    m = await openMigratedDatabase('postgres', { DB_POOL_MAX: '1', DB_CONNECT_TIMEOUT_MS: String(CONNECT_TIMEOUT_MS) });
  });
  afterAll(() => m?.close());

  it('fails the waiting caller with SERVICE_UNAVAILABLE once the connect timeout passes', async () => {
    const db = createTenantDb(m.database, someTenant);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const holder = db.transaction(() => held); // takes the only connection and keeps it

    const { error, elapsedMs } = await failureOf(db.transaction((tx) => tx.task.count()));
    expect(error.extensions.code).toBe('SERVICE_UNAVAILABLE');
    expect(error.message).toMatch(/Database busy: all 1 pooled connections stayed in use/);
    expect(elapsedMs).toBeGreaterThanOrEqual(CONNECT_TIMEOUT_MS - 50);
    expect(elapsedMs).toBeLessThan(CONNECT_TIMEOUT_MS * 10); // bounded, not a hang

    release();
    await holder;
    // The pool recovers as soon as the connection is back.
    await expect(db.transaction((tx) => tx.task.count())).resolves.toBe(0);
  });
});

describe('database down', () => {
  let blackhole: Server;
  const sockets: Socket[] = [];
  beforeAll(async () => {
    // Accepts TCP connections and never answers: a database host that hangs.
    blackhole = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => blackhole.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    sockets.forEach((s) => s.destroy());
    await new Promise((resolve) => blackhole.close(resolve));
  });

  async function firstQueryAgainst(url: string) {
    const database = await createDatabase(testConfig({ DATABASE_URL: url, DB_CONNECT_TIMEOUT_MS: String(CONNECT_TIMEOUT_MS) }));
    try {
      return await failureOf(createTenantDb(database, someTenant).transaction((tx) => tx.task.count()));
    } finally {
      await database.close();
    }
  }

  it('reports a refused connection at once', async () => {
    const { error } = await firstQueryAgainst('postgresql://postgres@127.0.0.1:1/dandori');
    expect(error.extensions.code).toBe('SERVICE_UNAVAILABLE');
    expect(error.message).toMatch(/Database unreachable/);
  });

  it('gives up on a server that never answers after the connect timeout', async () => {
    const port = (blackhole.address() as { port: number }).port;
    const { error, elapsedMs } = await firstQueryAgainst(`postgresql://postgres@127.0.0.1:${port}/dandori`);
    expect(error.extensions.code).toBe('SERVICE_UNAVAILABLE');
    expect(error.message).toMatch(/Database unreachable/);
    expect(elapsedMs).toBeGreaterThanOrEqual(CONNECT_TIMEOUT_MS - 50);
    expect(elapsedMs).toBeLessThan(CONNECT_TIMEOUT_MS * 10);
  });
});
