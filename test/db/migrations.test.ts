/**
 * The migration runner, against real PostgreSQL: it records `_prisma_migrations` as Prisma does,
 * is a no-op the second time, applies each migration once when two processes race, and stops
 * at a failed migration until it is resolved.
 */
import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { connectPg, type SqlSession } from '../../src/db/sql-session.js';
import { defaultMigrationsDir, migrate, readMigrations, resolveRolledBack } from '../../src/db/migrations.js';
import { createScratchDatabase, type ScratchDatabase } from '../support/databases.js';

const run = promisify(execFile);
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function scratchWithSession(): Promise<{ scratch: ScratchDatabase; session: SqlSession }> {
  const scratch = await createScratchDatabase('dandori_migrate');
  const session = await connectPg(scratch.url);
  cleanups.push(() => scratch.drop(), () => session.close());
  return { scratch, session };
}

interface Row {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  logs: string | null;
  applied_steps_count: number;
  rolled_back_at: Date | null;
}
const rowsOf = (session: SqlSession) =>
  session.query<Row>('SELECT * FROM "_prisma_migrations" ORDER BY started_at, migration_name');

/** The real migrations plus extra folders, in a temporary directory. */
async function migrationsWith(extra: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'dandori-migrations-'));
  await cp(defaultMigrationsDir, dir, { recursive: true });
  for (const [name, sql] of Object.entries(extra)) {
    await mkdir(join(dir, name));
    await writeFile(join(dir, name, 'migration.sql'), sql);
  }
  return dir;
}

function migrateCli(url: string, ...args: string[]) {
  return run('npx', ['tsx', 'src/db/migrate-cli.ts', ...args], {
    env: { ...process.env, DATABASE_URL: url, NODE_ENV: 'test' },
  }).then(
    (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );
}

describe('migration runner', () => {
  it("records each migration as Prisma does and is a no-op the second time", async () => {
    const { session } = await scratchWithSession();
    const expected = await readMigrations();
    const first = await migrate(session);
    expect(first.applied).toEqual(expected.map((m) => m.name));

    const second = await migrate(session);
    expect(second).toEqual({ applied: [], skipped: expected.map((m) => m.name) });

    const rows = await rowsOf(session);
    expect(rows.map((r) => [r.migration_name, r.checksum, r.applied_steps_count, r.logs, r.rolled_back_at])).toEqual(
      expected.map((m) => [m.name, m.checksum, 1, null, null]),
    );
    expect(rows.every((r) => r.finished_at instanceof Date)).toBe(true);
    expect(expected[0]!.checksum).toMatch(/^[0-9a-f]{64}$/);
  });

  it('applies each migration exactly once when two processes run at the same time', async () => {
    const { scratch, session } = await scratchWithSession();
    const [a, b] = await Promise.all([migrateCli(scratch.url), migrateCli(scratch.url)]);
    expect([a.code, b.code]).toEqual([0, 0]);
    const names = (await readMigrations()).map((m) => m.name);
    const rows = await rowsOf(session);
    expect(rows.map((r) => r.migration_name).sort()).toEqual(names);
    // One process applied everything, the other found nothing to do.
    const summaries = [a.stdout, b.stdout].map((out) => out.match(/(\d+) applied, (\d+) already applied/)?.slice(1));
    expect(summaries).toContainEqual([String(names.length), '0']);
    expect(summaries).toContainEqual(['0', String(names.length)]);
  });

  it('applies each migration exactly once when two sessions race in one process', async () => {
    const { scratch, session } = await scratchWithSession();
    const other = await connectPg(scratch.url);
    cleanups.push(() => other.close());
    const results = await Promise.all([migrate(session), migrate(other)]);
    const appliedTotal = results.flatMap((r) => r.applied).sort();
    expect(appliedTotal).toEqual((await readMigrations()).map((m) => m.name));
    expect((await rowsOf(session)).length).toBe(appliedTotal.length);
  });

  it('records a failed migration with its error, leaves no partial schema, and blocks the next run until resolved', async () => {
    const { scratch, session } = await scratchWithSession();
    const broken = '29990101000000_broken';
    const dir = await migrationsWith({
      [broken]: 'CREATE TABLE "half_done" (id int);\nALTER TABLE "no_such_table" ADD COLUMN x int;',
      '29990102000000_after': 'CREATE TABLE "after_broken" (id int);',
    });

    const failed = await migrateCli(scratch.url, '--dir', dir);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain(`Migration ${broken} failed`);
    expect(failed.stderr).toContain('no_such_table');
    expect(failed.stderr).not.toMatch(/\n\s+at /); // a message, not a stack trace

    const row = (await rowsOf(session)).find((r) => r.migration_name === broken);
    expect(row).toMatchObject({ finished_at: null, rolled_back_at: null, applied_steps_count: 0 });
    expect(row?.logs).toMatch(/relation "no_such_table" does not exist/);
    const tables = await session.query<{ n: string }>(
      "SELECT count(*) AS n FROM pg_tables WHERE tablename IN ('half_done', 'after_broken')",
    );
    expect(tables[0]?.n).toBe('0');

    const blocked = await migrateCli(scratch.url, '--dir', dir);
    expect(blocked.code).toBe(1);
    expect(blocked.stderr).toContain(`Migration ${broken} failed earlier and blocks every later one (P3009)`);
    expect(blocked.stderr).toContain(`--resolve-rolled-back ${broken}`);
    await expect(migrate(session, { dir })).rejects.toThrow(/P3009/);

    // Fix the file, mark the failure rolled back, and the run goes through.
    await writeFile(join(dir, broken, 'migration.sql'), 'CREATE TABLE "half_done" (id int);');
    await resolveRolledBack(session, broken);
    const resumed = await migrate(session, { dir });
    expect(resumed.applied).toEqual([broken, '29990102000000_after']);
    const brokenRows = (await rowsOf(session)).filter((r) => r.migration_name === broken);
    expect(brokenRows.map((r) => [r.finished_at === null, r.rolled_back_at === null])).toEqual([
      [true, false],
      [false, true],
    ]);
  });

  it('refuses to resolve a migration that did not fail', async () => {
    const { session } = await scratchWithSession();
    await migrate(session);
    await expect(resolveRolledBack(session, '20261128000000_init')).rejects.toThrow(/No failed migration/);
  });
});
