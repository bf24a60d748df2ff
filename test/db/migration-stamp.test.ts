/**
 * The embedded database skips the migration check when its folder records exactly the current
 * migrations (src/db/migration-stamp.ts), and checks again as soon as anything differs.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bootstrapDatabase } from '../../src/db/bootstrap.js';
import { MIGRATION_STAMP_FILE } from '../../src/db/migration-stamp.js';
import { readMigrations } from '../../src/db/migrations.js';
import { testConfig } from '../support/databases.js';

const folders: string[] = [];
afterAll(() => Promise.all(folders.map((f) => rm(f, { recursive: true, force: true }))));

describe('the embedded database\'s migration stamp', () => {
  it('skips the check while the migrations are unchanged, and checks again when the stamp differs', async () => {
    const dataDir = join(await mkdtemp(join(tmpdir(), 'dandori-stamp-')), 'pglite');
    folders.push(dataDir);
    const config = testConfig({ PGLITE_DATA_DIR: dataDir });
    const stampPath = join(dataDir, MIGRATION_STAMP_FILE);

    const first = await bootstrapDatabase(config);
    const migrations = await readMigrations();
    expect(JSON.parse(await readFile(stampPath, 'utf8'))).toEqual(migrations.map((m) => `${m.name} ${m.checksum}`));
    // Mark a migration as failed behind the runner's back: a real check refuses to go on (P3009).
    await first.database.writer.$executeRawUnsafe(
      `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at) VALUES ('stamp-test', 'x', '99999999999999_broken', now())`,
    );
    await first.database.close();

    // The stamp matches the files: no check, so the failed row goes unseen.
    const skipped = await bootstrapDatabase(config);
    await skipped.database.close();

    // Any difference (here an edited stamp) runs the check, which finds the failed migration.
    await writeFile(stampPath, JSON.stringify(['something else']));
    await expect(bootstrapDatabase(config)).rejects.toThrow(/99999999999999_broken/);
  }, 180_000);
});
