/**
 * Entry point: read .env and the configuration, build the app, listen, print where it is (and
 * how long that took), and drain on SIGTERM/SIGINT. With no DATABASE_URL the embedded PostgreSQL
 * is migrated and seeded on first start; the demo logins are printed on every start.
 */
import { loadConfig, ConfigError } from './config.js';
import { loadEnvFile } from './env-file.js';
import { createApp, type App } from './server/app.js';
import { formatBanner } from './server/banner.js';
import { installLastNet } from './observability/last-net.js';

async function main(): Promise<void> {
  loadEnvFile();
  const config = loadConfig();
  // Signals are caught from the first moment: one that arrives while the app is still being built
  // (a rollout stopping a pod that is starting) is kept, and the app drains once it exists,
  // instead of the process dying half-built with connections open.
  let requestedStop: string | undefined;
  let shutdown = (signal: string) => void (requestedStop ??= signal);
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
  const app = await createApp(config, {
    // Loaded only on the embedded default, so production never imports the seed code.
    seedDemo: async (database) => {
      const { seedDemo } = await import('./seed/demo.js');
      return (await seedDemo(database)).logins;
    },
  });
  // From here on, an error nobody handled is logged and counted, and the pod keeps serving.
  installLastNet(process, app.logger, app.metrics);
  const url = await app.start();
  const readyInMs = Math.round(performance.now());
  // CPU time too: on a busy machine it says more about the start-up's own cost than the clock.
  const { user, system } = process.cpuUsage();
  app.logger.info({ url: `${url}/graphql`, readyInMs, cpuMs: Math.round((user + system) / 1000) }, 'Dandori Portal API is ready');
  const embedded = app.deps.database.kind === 'pglite';
  console.log(
    formatBanner({
      graphqlUrl: `${url}/graphql`,
      readyInMs,
      explorer: config.NODE_ENV !== 'production',
      dataDir: embedded ? app.deps.database.location : undefined,
      logins: await demoLogins(app),
    }),
  );
  // Prisma loads its query compiler (WebAssembly) on its first query; start that now, while
  // nobody waits, rather than in the first request that writes. Failures show up there.
  void app.deps.database.writer.tenant.findFirst({ select: { id: true } }).catch(() => {});

  let stopping = false;
  shutdown = (signal: string) => {
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
  if (requestedStop) shutdown(requestedStop);
}

/**
 * The demo logins to print: those this start seeded, else (outside production) those of the demo
 * companies already in the database, so every start shows them.
 */
async function demoLogins(app: App) {
  if (app.demoLogins.length > 0) return app.demoLogins;
  if (app.deps.config.NODE_ENV === 'production') return [];
  try {
    const { findDemoLogins } = await import('./seed/demo-logins.js');
    return await findDemoLogins(app.deps.database);
  } catch (error) {
    // A convenience only (e.g. a database not migrated yet): never a reason to stop.
    app.logger.warn({ err: error }, 'could not look up the demo logins');
    return [];
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
