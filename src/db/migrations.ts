/**
 * Applies prisma/migrations/<name>/migration.sql in name order and records each in
 * `_prisma_migrations` exactly as `prisma migrate deploy` does, so production can switch to
 * Prisma's own command (or back) at any time without re-applying anything.
 *
 * Contract:
 * - Safe to run twice: an applied migration (finished_at set) is skipped.
 * - Safe to run from two processes at once: the whole run holds Prisma's advisory lock
 *   (pg_advisory_lock(72707369)), so the second waits and then finds nothing to do.
 * - A failed migration leaves its row with finished_at NULL and the error in `logs`, and every
 *   later run refuses to continue (Prisma's P3009) until it is resolved as rolled back.
 * - Unlike Prisma, each migration runs inside a transaction, so a failure leaves no half-applied
 *   schema behind. (Do not use statements that cannot run in a transaction, such as
 *   CREATE INDEX CONCURRENTLY, in these files.)
 */
import { createHash, randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { projectRoot } from '../paths.js';
import type { SqlSession } from './sql-session.js';

/** Prisma's own lock key for `migrate deploy` on PostgreSQL. */
const PRISMA_ADVISORY_LOCK = 72707369;

export const defaultMigrationsDir = join(projectRoot, 'prisma', 'migrations');

const createMigrationsTable = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

export interface Migration {
  name: string;
  sql: string;
  /** Lower-case hex SHA-256 of migration.sql, as Prisma computes it. */
  checksum: string;
}

interface MigrationRow {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
  logs: string | null;
}

export interface MigrateResult {
  applied: string[];
  skipped: string[];
}

export class MigrationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MigrationError';
  }
}

export async function readMigrations(dir = defaultMigrationsDir): Promise<Migration[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const names = entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
  return Promise.all(
    names.map(async (name) => {
      const sql = await readFile(join(dir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    }),
  );
}

export async function migrate(
  session: SqlSession,
  options: { dir?: string; log?: (line: string) => void } = {},
): Promise<MigrateResult> {
  const log = options.log ?? (() => {});
  const migrations = await readMigrations(options.dir);
  await session.query('SELECT pg_advisory_lock($1)', [PRISMA_ADVISORY_LOCK]);
  try {
    await session.exec(createMigrationsTable);
    const rows = await session.query<MigrationRow>(
      'SELECT migration_name, checksum, finished_at, rolled_back_at, logs FROM "_prisma_migrations" ORDER BY started_at',
    );
    assertNoFailedMigration(rows);
    const applied = new Set(rows.filter((r) => r.finished_at && !r.rolled_back_at).map((r) => r.migration_name));
    const result: MigrateResult = { applied: [], skipped: [] };
    for (const migration of migrations) {
      if (applied.has(migration.name)) {
        warnIfEdited(migration, rows, log);
        result.skipped.push(migration.name);
        continue;
      }
      await applyOne(session, migration);
      log(`applied ${migration.name}`);
      result.applied.push(migration.name);
    }
    return result;
  } finally {
    await session.query('SELECT pg_advisory_unlock($1)', [PRISMA_ADVISORY_LOCK]);
  }
}

/** Marks a failed migration as rolled back (as `prisma migrate resolve --rolled-back`), so it runs again. */
export async function resolveRolledBack(session: SqlSession, name: string): Promise<void> {
  const rows = await session.query(
    `UPDATE "_prisma_migrations" SET rolled_back_at = now()
      WHERE migration_name = $1 AND finished_at IS NULL AND rolled_back_at IS NULL RETURNING id`,
    [name],
  );
  if (rows.length === 0) throw new MigrationError(`No failed migration named "${name}" to resolve.`);
}

async function applyOne(session: SqlSession, migration: Migration): Promise<void> {
  const id = randomUUID();
  await session.query(
    `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count)
     VALUES ($1, $2, $3, now(), 0)`,
    [id, migration.checksum, migration.name],
  );
  try {
    await session.exec(`BEGIN;\n${migration.sql}\n;COMMIT;`);
  } catch (error) {
    await session.exec('ROLLBACK').catch(() => {});
    const message = error instanceof Error ? error.message : String(error);
    await session.query('UPDATE "_prisma_migrations" SET logs = $2 WHERE id = $1', [id, message]);
    throw new MigrationError(`Migration ${migration.name} failed: ${message}`);
  }
  await session.query(
    'UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = 1 WHERE id = $1',
    [id],
  );
}

function assertNoFailedMigration(rows: MigrationRow[]): void {
  const failed = rows.find((r) => !r.finished_at && !r.rolled_back_at);
  if (!failed) return;
  throw new MigrationError(
    `Migration ${failed.migration_name} failed earlier and blocks every later one (P3009).\n` +
      `Its error: ${failed.logs ?? '(no log)'}\n` +
      `Fix the cause, then mark it rolled back with\n` +
      `  npm run db:migrate -- --resolve-rolled-back ${failed.migration_name}\n` +
      `(or \`prisma migrate resolve --rolled-back ${failed.migration_name}\`) and migrate again.`,
  );
}

function warnIfEdited(migration: Migration, rows: MigrationRow[], log: (line: string) => void): void {
  const row = rows.find((r) => r.migration_name === migration.name && r.finished_at);
  if (row && row.checksum !== migration.checksum) {
    log(`warning: ${migration.name} was edited after it was applied (checksum differs)`);
  }
}
