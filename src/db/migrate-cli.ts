/**
 * `npm run db:migrate` — applies pending migrations to DATABASE_URL (or the embedded PGlite
 * folder when it is unset). `-- --resolve-rolled-back <name>` marks a failed migration as
 * rolled back so the next run retries it, like `prisma migrate resolve --rolled-back`.
 */
import { loadConfig } from '../config.js';
import { createDatabase } from './database.js';
import { migrate, resolveRolledBack } from './migrations.js';
import { runCli } from '../cli.js';

runCli(async () => {
  const config = loadConfig();
  const database = await createDatabase(config);
  const session = await database.openAdminSession();
  try {
    const flag = process.argv.indexOf('--resolve-rolled-back');
    if (flag !== -1) {
      const name = process.argv[flag + 1];
      if (!name) throw new Error('--resolve-rolled-back needs a migration name');
      await resolveRolledBack(session, name);
      console.log(`marked ${name} as rolled back`);
    }
    const result = await migrate(session, { log: (line) => console.log(line) });
    console.log(`${database.location}: ${result.applied.length} applied, ${result.skipped.length} already applied`);
  } finally {
    await session.close();
    await database.close();
  }
});
