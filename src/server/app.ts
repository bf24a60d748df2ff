/**
 * Builds the whole server from a Config: clients and services once (Dependencies), the schema
 * and Apollo Server once, and one node:http server for GraphQL, health and uploads.
 * `start()` listens; `stop()` closes everything in reverse order.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAuthService } from '../auth/auth-service.js';
import { createLoginThrottle } from '../auth/login-throttle.js';
import { createMemorySessionStore, createRedisSessionStore } from '../auth/session-store.js';
import { createTokenIssuer } from '../auth/tokens.js';
import type { Config } from '../config.js';
import { bootstrapDatabase, type BootstrapOptions, type DemoLogin } from '../db/bootstrap.js';
import { createLogger, type Logger } from '../observability/logger.js';
import { createRedis } from '../redis.js';
import { createFileStorage } from '../storage/create-storage.js';
import { createApolloServer } from './apollo.js';
import type { Dependencies } from './dependencies.js';
import { healthRoutes } from './health.js';
import { createHttpHandler, type Route } from './http.js';
import { createLifecycle } from './lifecycle.js';
import { buildSchema } from './schema.js';

export interface App {
  deps: Dependencies;
  logger: Logger;
  httpServer: Server;
  demoLogins: DemoLogin[];
  /** Listens on config.HOST:PORT (PORT=0 picks a free port); resolves to the base URL. */
  start(): Promise<string>;
  /** Graceful shutdown (see lifecycle.ts), within `graceMs` (default SHUTDOWN_GRACE_MS). */
  stop(graceMs?: number): Promise<void>;
}

export interface AppOptions extends Pick<BootstrapOptions, 'seedDemo' | 'logQueries'> {
  logger?: Logger;
}

export async function createApp(config: Config, options: AppOptions = {}): Promise<App> {
  const logger = options.logger ?? createLogger(config);
  const { database, demoLogins } = await bootstrapDatabase(config, {
    log: (line) => logger.info(line),
    ...(options.seedDemo && { seedDemo: options.seedDemo }),
    ...(options.logQueries && { logQueries: true }),
  });
  const redis = config.REDIS_URL ? createRedis(config.REDIS_URL, 'commands') : undefined;
  const auth = createAuthService({
    database,
    sessions: redis ? createRedisSessionStore(redis) : createMemorySessionStore(),
    tokens: createTokenIssuer(config.JWT_SECRET, config.ACCESS_TOKEN_TTL_SECONDS),
    throttle: createLoginThrottle({
      maxFailuresPerAccount: config.LOGIN_MAX_FAILURES_PER_ACCOUNT,
      maxFailuresPerIp: config.LOGIN_MAX_FAILURES_PER_IP,
      windowSeconds: config.LOGIN_THROTTLE_WINDOW_SECONDS,
      ...(redis && { redis }),
    }),
    refreshTokenTtlSeconds: config.REFRESH_TOKEN_TTL_SECONDS,
  });
  const lifecycle = createLifecycle((message, fields) => logger.error(fields ?? {}, message));
  // Registered first, closed last: everything else may still need them while it shuts down.
  lifecycle.onStop('close', 'database', () => database.close());
  if (redis) lifecycle.onStop('close', 'redis', () => redis.quit().catch(() => redis.disconnect()));

  const storage = createFileStorage(config);
  const deps: Dependencies = { config, database, auth, storage, lifecycle, ...(redis && { redis }) };

  const apollo = createApolloServer(buildSchema(), config, logger);
  await apollo.start();
  lifecycle.onStop('close', 'apollo', () => apollo.stop());
  const routes: Route[] = [...healthRoutes(deps), ...(storage.routes ?? [])];
  const httpServer = createServer(createHttpHandler({ apollo, deps, config, logger, routes }));
  httpServer.keepAliveTimeout = 65_000; // longer than the ALB's idle timeout, so it closes first
  lifecycle.onStop('stop-accepting', 'http', (deadline) => closeHttpServer(httpServer, deadline, config.SHUTDOWN_DRAIN_DELAY_MS));

  return {
    deps,
    logger,
    httpServer,
    demoLogins,
    start: () =>
      new Promise((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(config.PORT, config.HOST, () => {
          const { port } = httpServer.address() as AddressInfo;
          const host = config.HOST === '0.0.0.0' || config.HOST === '::' ? 'localhost' : config.HOST;
          const url = `http://${host}:${port}`;
          storage.listening?.(url); // local storage links here unless PUBLIC_URL is set
          resolve(url);
        });
      }),
    stop: (graceMs = config.SHUTDOWN_GRACE_MS) => lifecycle.stop(graceMs),
  };
}

/**
 * Stops accepting connections and resolves once every open request has been answered, or at the
 * deadline, when the remaining sockets are cut. Idle keep-alive sockets are closed at once and
 * again as requests finish, so clients reconnect (to another pod) instead of waiting on this one.
 */
async function closeHttpServer(server: Server, deadline: number, drainDelayMs: number): Promise<void> {
  // First a short window in which requests are still accepted but answered with
  // `connection: close` (see http.ts), so busy keep-alive connections end cleanly.
  await new Promise((resolve) => setTimeout(resolve, Math.min(drainDelayMs, Math.max(0, deadline - Date.now()))));
  return new Promise((resolve) => {
    const sweep = setInterval(() => server.closeIdleConnections(), 100);
    const cut = setTimeout(() => server.closeAllConnections(), Math.max(0, deadline - Date.now()));
    server.close(() => {
      clearInterval(sweep);
      clearTimeout(cut);
      resolve();
    });
    server.closeIdleConnections();
  });
}
