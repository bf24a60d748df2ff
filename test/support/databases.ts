/**
 * Real databases for tests: a fresh PostgreSQL database per test file on the local server
 * (TEST_DATABASE_URL, default postgres@127.0.0.1:5432), dropped afterwards, or an in-memory PGlite.
 * Both are migrated with the same runner the server uses.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { loadConfig, type Config } from '../../src/config.js';
import { createDatabase, type Database, type DatabaseOptions } from '../../src/db/database.js';
import { migrate } from '../../src/db/migrations.js';
import { seedDemo } from '../../src/seed/demo.js';

export const adminUrl = process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

export type Backend = 'postgres' | 'pglite';
export const backends: Backend[] = ['postgres', 'pglite'];

export interface ScratchDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

/** Creates an empty PostgreSQL database with a unique name. */
export async function createScratchDatabase(prefix = 'dandori_test'): Promise<ScratchDatabase> {
  const name = `${prefix}_${randomBytes(5).toString('hex')}`;
  await withAdmin((c) => c.query(`CREATE DATABASE "${name}"`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    drop: () => withAdmin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => {}),
  };
}

async function withAdmin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Tests run as NODE_ENV=test, where REDIS_URL needs a JWT_SECRET (config.ts): one is given unless overridden. */
export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', JWT_SECRET: 'test-config-secret-test-config-secret-0123', ...overrides });
}

export interface MigratedDatabase {
  database: Database;
  config: Config;
  url?: string;
  close(): Promise<void>;
}

/** A migrated database of the given backend; `close` disposes of it (and drops the PostgreSQL one). */
export async function openMigratedDatabase(
  backend: Backend,
  overrides: Record<string, string> = {},
  options: DatabaseOptions = {},
): Promise<MigratedDatabase> {
  const scratch = backend === 'postgres' ? await createScratchDatabase() : undefined;
  const config = testConfig({
    ...(scratch ? { DATABASE_URL: scratch.url } : { PGLITE_DATA_DIR: 'memory://' }),
    ...overrides,
  });
  const database = await createDatabase(config, options);
  const session = await database.openAdminSession();
  try {
    await migrate(session);
  } finally {
    await session.close();
  }
  return {
    database,
    config,
    url: scratch?.url,
    async close() {
      await database.close();
      await scratch?.drop();
    },
  };
}

/** Migrates and seeds the demo data into the database at `url` (a replica's primary, which the tests do not own). */
export async function migrateAndSeedDemo(url: string): Promise<void> {
  const database = await createDatabase(testConfig({ DATABASE_URL: url }));
  try {
    const session = await database.openAdminSession();
    try {
      await migrate(session);
    } finally {
      await session.close();
    }
    await seedDemo(database);
  } finally {
    await database.close();
  }
}
