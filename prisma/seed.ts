/**
 * `npm run db:seed` — migrates, then seeds demo data into DATABASE_URL (or the embedded PGlite
 * folder, PGLITE_DATA_DIR, when it is unset). Safe to rerun: existing tenants are skipped.
 *
 *   npm run db:seed                                              the demo companies
 *   npm run db:seed -- --tenants 50 --users 2000 --tasks 200000  load tenants (users/tasks EACH)
 *
 * Progress goes to stderr; the summary (tenants, row counts, logins, time) to stdout.
 */
import cliProgress from 'cli-progress';
import { runCli } from '../src/cli.js';
import { loadConfig } from '../src/config.js';
import { createDatabase } from '../src/db/database.js';
import { loadEnvFile } from '../src/env-file.js';
import { migrate } from '../src/db/migrations.js';
import { parseSeedArgs, SEED_USAGE, SeedUsageError, type SeedArgs } from '../src/seed/cli-args.js';
import { seedDemo } from '../src/seed/demo.js';
import { formatDuration, formatNumber, formatSeedReport } from '../src/seed/report.js';

/**
 * Large batches take seconds each; the server's default transaction timeout (10 s) is tuned for
 * requests. The seed raises it for itself unless DB_TRANSACTION_TIMEOUT_MS is set explicitly.
 */
const SEED_TRANSACTION_TIMEOUT_MS = 120_000;

const args = parseArgsOrExit(process.argv.slice(2));

runCli(async () => {
  const started = performance.now();
  loadEnvFile();
  const env = loadConfig();
  const config = {
    ...env,
    DB_TRANSACTION_TIMEOUT_MS: process.env.DB_TRANSACTION_TIMEOUT_MS ? env.DB_TRANSACTION_TIMEOUT_MS : SEED_TRANSACTION_TIMEOUT_MS,
  };
  const database = await createDatabase(config);
  const bar = createProgressBar();
  try {
    const session = await database.openAdminSession();
    try {
      const { applied } = await migrate(session, { log: (line) => console.error(line) });
      if (applied.length) console.error(`migrations applied: ${applied.length}`);
    } finally {
      await session.close();
    }
    const { help: _help, ...options } = args;
    const result = await seedDemo(database, { ...options, onProgress: bar.update });
    bar.stop();
    console.log(formatSeedReport(result, database.location));
    console.log(`Total with connect and migrate: ${formatDuration(Math.round(performance.now() - started))}`);
  } finally {
    bar.stop();
    await database.close();
  }
});

function parseArgsOrExit(argv: string[]): SeedArgs {
  try {
    const parsed = parseSeedArgs(argv);
    if (parsed.help) {
      console.log(SEED_USAGE);
      process.exit(0);
    }
    return parsed;
  } catch (error) {
    if (!(error instanceof SeedUsageError)) throw error;
    // One line, like runCli's known errors; `--help` has the details.
    console.error(`db:seed: ${error.message}`);
    process.exit(1);
  }
}

/** A bar on stderr, started on the first report (when the total is known). */
function createProgressBar() {
  let bar: cliProgress.SingleBar | undefined;
  let stopped = false;
  return {
    update(done: number, total: number, label: string) {
      if (!bar) {
        bar = new cliProgress.SingleBar(
          {
            stream: process.stderr,
            format: '{bar} {percentage}% | {doneRows}/{totalRows} | {label} | {duration_formatted} elapsed, ETA {eta_formatted}',
            hideCursor: true,
            // When stderr is not a terminal (CI, a log file) print a plain line every 10 s instead.
            noTTYOutput: !process.stderr.isTTY,
            notTTYSchedule: 10_000,
            etaBuffer: 50,
          },
          cliProgress.Presets.shades_classic,
        );
        bar.start(total, 0, { label, doneRows: '0', totalRows: formatNumber(total) });
      }
      bar.update(done, { label, doneRows: formatNumber(done) });
    },
    stop() {
      if (bar && !stopped) bar.stop();
      stopped = true;
    },
  };
}
