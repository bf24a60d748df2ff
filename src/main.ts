/**
 * Entry point: read the configuration, build the app, listen, print where it is, and drain on
 * SIGTERM/SIGINT. With no DATABASE_URL the embedded PostgreSQL is migrated and seeded on first
 * start, and the demo logins are printed.
 */
import { loadConfig, ConfigError } from './config.js';
import { createApp } from './server/app.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await createApp(config, {
    // Loaded only on the embedded default, so production never imports the seed code.
    seedDemo: async (database) => {
      const { seedDemo } = await import('./seed/demo.js');
      return (await seedDemo(database)).logins;
    },
  });
  const url = await app.start();
  app.logger.info({ url: `${url}/graphql` }, 'Dandori Portal API is ready');
  printBanner(`${url}/graphql`, app.demoLogins, app.deps.database.kind === 'pglite' ? app.deps.database.location : undefined);

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.logger.info({ signal }, 'shutting down');
    // A last resort: the lifecycle already bounds the drain by the same grace period.
    const timer = setTimeout(() => process.exit(1), config.SHUTDOWN_GRACE_MS + 5_000).unref();
    app.stop().then(
      () => {
        clearTimeout(timer);
        process.exit(0);
      },
      (error: unknown) => {
        app.logger.error({ err: error }, 'error while shutting down');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

function printBanner(url: string, logins: { tenantSlug: string; email: string; password: string; role: string }[], dataDir?: string) {
  const lines = [`\n  Dandori Portal API: ${url}  (Apollo Sandbox: open it in a browser)`];
  if (dataDir) lines.push(`  Embedded PostgreSQL data: ${dataDir}  (delete the folder to start afresh)`);
  if (logins.length) {
    lines.push('  Demo logins (mutation login(tenantSlug, email, password)), one per role:');
    const onePerRole = logins.filter((l, i) => logins.findIndex((o) => o.tenantSlug === l.tenantSlug && o.role === l.role) === i);
    for (const l of onePerRole) lines.push(`    ${l.tenantSlug.padEnd(18)} ${l.email.padEnd(36)} ${l.password}  ${l.role}`);
  } else if (dataDir) {
    lines.push('  Demo logins: see README (password dandori-demo-2026), or `npm run db:seed` to print them');
  }
  console.log(lines.join('\n') + '\n');
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
