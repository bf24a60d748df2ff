/**
 * `npm run db:migrate` — applies pending migrations to DATABASE_URL (or the embedded PGlite
 * folder when it is unset). Flags:
 *   --resolve-rolled-back <name>  mark a failed migration as rolled back so this run retries it
 *                                 (like `prisma migrate resolve --rolled-back <name>`)
 *   --dir <path>                  another migrations folder (default prisma/migrations)
 */
import { loadConfig } from '../config.js';
import { loadEnvFile } from '../env-file.js';
import { createDatabase } from './database.js';
import { migrate, MigrationError, resolveRolledBack } from './migrations.js';
import { runCli } from '../cli.js';

runCli(async () => {
  loadEnvFile();
  const config = loadConfig();
  const database = await createDatabase(config);
  const session = await database.openAdminSession();
  try {
    const rolledBack = flagValue('--resolve-rolled-back');
    if (rolledBack) {
      await resolveRolledBack(session, rolledBack);
      console.log(`marked ${rolledBack} as rolled back`);
    }
    const dir = flagValue('--dir');
    const result = await migrate(session, { log: (line) => console.log(line), ...(dir ? { dir } : {}) });
    console.log(`${database.location}: ${result.applied.length} applied, ${result.skipped.length} already applied`);
  } finally {
    await session.close();
    await database.close();
  }
});

function flagValue(flag: string): string | undefined {
  const index = process.argv.indexOf(flag);
  if (index === -1) return undefined;
  const value = process.argv[index + 1];
  if (!value || value.startsWith('--')) throw new MigrationError(`${flag} needs a value`);
  return value;
}
