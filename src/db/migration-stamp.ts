/**
 * The embedded database remembers in its own folder which migrations it holds (each file's name
 * and checksum, `dandori-migrations.json`), so a start whose prisma/migrations is unchanged skips
 * the migration check: on a cold PGlite those few statements cost about as much CPU as the rest of
 * the start-up together. Written only after a successful migrate; any difference (a new, removed
 * or edited file) runs the full check again, which also warns about edited migrations. The stamp
 * lives inside the database folder, so it goes wherever that folder goes (deleted, copied,
 * restored) and can never speak for another database. Only for the embedded default: a shared
 * PostgreSQL can be migrated by others, so there the check always runs.
 */
import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Migration } from './migrations.js';

export const MIGRATION_STAMP_FILE = 'dandori-migrations.json';

const describe = (migrations: Migration[]) => migrations.map((m) => `${m.name} ${m.checksum}`);

/** True when the folder's database was last migrated with exactly these migrations. */
export async function migrationsRecorded(dataDir: string, migrations: Migration[]): Promise<boolean> {
  try {
    const recorded: unknown = JSON.parse(await readFile(join(dataDir, MIGRATION_STAMP_FILE), 'utf8'));
    return JSON.stringify(recorded) === JSON.stringify(describe(migrations));
  } catch {
    return false; // missing or unreadable: check
  }
}

export async function recordMigrations(dataDir: string, migrations: Migration[]): Promise<void> {
  const path = join(dataDir, MIGRATION_STAMP_FILE);
  await writeFile(`${path}.tmp`, JSON.stringify(describe(migrations)));
  await rename(`${path}.tmp`, path);
}
