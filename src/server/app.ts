/**
 * Builds the whole server from a Config: clients and services once (Dependencies), the schema
 * and Apollo Server once, and one node:http server for GraphQL, health and uploads.
 * `start()` listens; `stop()` closes everything in reverse order.
 */
import { existsSync } from 'node:fs';
import { createServer, type Server, type ServerOptions } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAuthService } from '../auth/auth-service.js';
import { createLoginThrottle } from '../auth/login-throttle.js';
import { createFileSessionStore } from '../auth/file-session-store.js';
import { createSessionLiveness } from '../auth/session-liveness.js';
import { createMemorySessionStore, createRedisSessionStore, type SessionStore } from '../auth/session-store.js';
import { resolveSigningSecret } from '../auth/signing-secret.js';
import { createTokenIssuer } from '../auth/tokens.js';
import type { Config } from '../config.js';
import { bootstrapDatabase, type BootstrapOptions, type DemoLogin } from '../db/bootstrap.js';
import { keptDataDir } from '../db/database.js';
import { createLogger, type Logger } from '../observability/logger.js';
import { postgresCheck, startDependencyProbe } from '../observability/dependency-probe.js';
import { createMetrics, type Metrics } from '../observability/metrics.js';
import { createMetricsServer, metricsRoute } from '../observability/metrics-http.js';
import { startTracing, type Tracing } from '../observability/tracing.js';
import { createRedis } from '../redis.js';
import { createPubSub } from '../pubsub/pubsub.js';
import { createCache } from '../cache/cache.js';
import { createPersistedQueryCache } from '../cache/persisted-queries.js';
import { listenForInvalidations } from '../cache/invalidation.js';
import { createResponseCache } from '../cache/response-cache.js';
import { createOutageLog } from '../observability/outage-log.js';
import { createJobQueue, scheduleMaintenanceJobs } from '../jobs/create-job-queue.js';
import { createModuleLoaders } from '../modules/index.js';
import { createFileStorage } from '../storage/create-storage.js';
import { createApolloServer } from './apollo.js';
import { loadGraphOSPlugins, type GraphOSOptions } from './graphos.js';
import { answerClientErrors } from './client-errors.js';
import type { Dependencies } from '../context/dependencies.js';
import { explorerRoutes } from './explorer/routes.js';
import { healthRoutes } from './health.js';
import { createHttpHandler } from './http.js';
import type { Route } from '../http/responses.js';
import { createLifecycle } from '../lifecycle.js';
import { createTenantRateLimiter } from '../admission/tenant-rate-limit.js';
import { buildSchema } from './schema.js';
import { createTrustedDocuments, loadManifest, MANIFEST_PATH, withManifestDocuments, type Manifest } from './trusted-documents.js';
import { attachWebSocketServer, type AttachedWebSocketServer } from './websocket.js';
import { dashboardPageRoutes } from '../web/dashboard/routes.js';

export interface App {
  deps: Dependencies;
  /** Open WebSocket connections and subscriptions (metrics, revocations, tests' counts). */
  websocket: AttachedWebSocketServer;
  logger: Logger;
  httpServer: Server;
  demoLogins: DemoLogin[];
  metrics: Metrics;
  /** Present only when OTEL_EXPORTER_OTLP_ENDPOINT is set. */
  tracing: Tracing | undefined;
  /** Base URL of the separate metrics server once started (METRICS_PORT set), else undefined. */
  readonly metricsUrl: string | undefined;
  /** Listens on config.HOST:PORT (PORT=0 picks a free port), and METRICS_PORT; resolves to the base URL. */
  start(): Promise<string>;
  /** Graceful shutdown (see src/lifecycle.ts), within `graceMs` (default SHUTDOWN_GRACE_MS). */
  stop(graceMs?: number): Promise<void>;
}

export interface AppOptions extends Pick<BootstrapOptions, 'seedDemo' | 'logQueries'> {
  logger?: Logger;
  /** How often `dandori_dependency_up` is refreshed (default 5 s; tests shorten it). */
  dependencyProbeIntervalMs?: number;
  /** GraphOS reporting's timings (tests shorten them). */
  graphos?: GraphOSOptions;
}

export async function createApp(configured: Config, options: AppOptions = {}): Promise<App> {
  const logger = options.logger ?? createLogger(configured);
  // Before anything else, so everything after it can be traced; undefined (and free) when off.
  const tracing = await startTracing(configured);
  const { database, demoLogins } = await bootstrapDatabase(configured, {
    log: (line) => logger.info(line),
    // One line when requests find PostgreSQL gone (with the cause), one when it answers again.
    outage: createOutageLog(logger, 'postgres', 'database', 'requests that need it answer 503 SERVICE_UNAVAILABLE with Retry-After', { settleMs: 1_000 }),
    ...(options.seedDemo && { seedDemo: options.seedDemo }),
    // Prisma query events feed the SQL spans; without tracing they are off unless a test asks.
    ...((options.logQueries || tracing) && { logQueries: true }),
  });
  tracing?.traceQueries(database);
  // The embedded default keeps its signing key and sessions in its data folder, so restarts keep
  // everyone signed in (src/auth/signing-secret.ts); from here on `config` carries the key in use.
  const dataDir = keptDataDir(database);
  const signing = await resolveSigningSecret(configured, dataDir);
  if (signing.warning) logger.warn(signing.warning);
  const config: Config = signing.secret === configured.JWT_SECRET ? configured : Object.freeze({ ...configured, JWT_SECRET: signing.secret });
  const metrics = createMetrics({ database });
  const redis = config.REDIS_URL ? createRedis(config.REDIS_URL, 'commands') : undefined;
  // Each subsystem logs Redis going and coming back once (observability/outage-log.ts); without a
  // listener ioredis would print every failed reconnect to stderr.
  redis?.on('error', (err) => logger.debug({ err }, 'redis connection error'));
  const lifecycle = createLifecycle((message, fields) => logger.error(fields ?? {}, message));
  // Closed after everything else, so the spans of the shutdown itself are exported too.
  if (tracing) lifecycle.onStop('close', 'tracing', (deadline) => tracing.shutdown(deadline));
  // Registered first, closed last: everything else may still need them while it shuts down.
  lifecycle.onStop('close', 'database', () => database.close());
  if (redis) lifecycle.onStop('close', 'redis', () => redis.quit().catch(() => redis.disconnect()));

  // Live events; closed (in the 'close' phase) after the WebSocket clients are gone. Created
  // before the services that keep their in-memory state in step through it.
  const pubsub = createPubSub({ redisUrl: config.REDIS_URL, logger, dependencyError: (dependency, operation) => metrics.dependencyError(dependency, operation) });
  lifecycle.onStop('close', 'pubsub', () => pubsub.close());
  // Embedded default with a data folder: sessions kept there, so a restart signs no one out.
  const sessions: SessionStore & { close?: () => Promise<void> } = redis
    ? createRedisSessionStore(redis)
    : dataDir
      ? await createFileSessionStore(dataDir, logger)
      : createMemorySessionStore();
  // Closed (written) after everything that may still change a session, before the database.
  if (sessions.close) lifecycle.onStop('close', 'sessions', () => sessions.close!());
  const auth = createAuthService({
    database,
    sessions,
    liveness: createSessionLiveness({
      store: sessions,
      shared: !!redis,
      revokedMarkTtlMs: config.ACCESS_TOKEN_TTL_SECONDS * 1000,
      outage: createOutageLog(logger, 'redis', 'sessions', 'valid access tokens are accepted without checking their session'),
    }),
    onRevoked: (tenantId, sessionIds) => void pubsub.publish(tenantId, { name: 'SESSIONS_REVOKED', payload: { sessionIds } }),
    tokens: createTokenIssuer(config.JWT_SECRET, config.ACCESS_TOKEN_TTL_SECONDS),
    throttle: createLoginThrottle({
      maxFailuresPerAccountAddress: config.LOGIN_MAX_FAILURES_PER_ACCOUNT_ADDRESS,
      accountBackoffAfterFailures: config.LOGIN_ACCOUNT_BACKOFF_AFTER_FAILURES,
      accountBackoffMaxSeconds: config.LOGIN_ACCOUNT_BACKOFF_MAX_SECONDS,
      maxFailuresPerIp: config.LOGIN_MAX_FAILURES_PER_IP,
      windowSeconds: config.LOGIN_THROTTLE_WINDOW_SECONDS,
      ...(redis && { redis }),
      onReject: () => metrics.rateLimited('login'),
    }),
    refreshTokenTtlSeconds: config.REFRESH_TOKEN_TTL_SECONDS,
  });
  let websocket: AttachedWebSocketServer | undefined; // attached below, once the HTTP server exists
  const stopRevocations = await pubsub.subscribeAllTenants('SESSIONS_REVOKED', (tenantId, { sessionIds }) => {
    auth.sessionsRevoked(tenantId, sessionIds);
    websocket?.sessionsRevoked(tenantId, sessionIds); // open sockets of those sessions close at once
  });
  lifecycle.onStop('close', 'session revocations', () => stopRevocations());

  const storage = createFileStorage(config);
  // Jobs: BullMQ with Redis and PostgreSQL (the worker Deployment runs and schedules them), else
  // run in this process, which then owns the schedules too. Closed before Redis and the database.
  const jobs = await createJobQueue(config, { database, storage, logger });
  if (jobs.kind === 'in-process') await scheduleMaintenanceJobs(jobs, config);
  lifecycle.onStop('close', 'jobs', (deadline) => jobs.close(deadline));
  metrics.addSource({ jobQueues: { [jobs.name]: jobs } });
  // Cached dashboards and master data; every pod drops a tenant's entries when it hears of a write.
  const cache = createCache({ redis, metrics, logger });
  const stopInvalidations = await listenForInvalidations(cache, pubsub, logger);
  lifecycle.onStop('close', 'cache invalidations', () => stopInvalidations());
  // Whole results of tenant-wide reads, keyed by the same generations.
  const responseCache = createResponseCache({ cache, redis, metrics, logger });
  // Revocations and invalidations sent while this pod's subscription was down are lost: forget
  // what was kept in step with them, and ask Redis again.
  pubsub.onInterruption(() => {
    auth.forgetLiveSessions();
    cache.forgetGenerations();
  });
  // The gateway limits each tenant's rate; with Redis every pod shares the tenant's budget.
  const rateLimiter = createTenantRateLimiter({ redis, logger, onReject: () => metrics.rateLimited('tenant') });
  // PostgreSQL and Redis health as a metric (and alarms), never as readiness: see health.ts.
  const postgres = postgresCheck(config.DATABASE_URL, database);
  const probe = startDependencyProbe({
    checks: { postgres: postgres.check, ...(redis && { redis: () => redis.ping() }) },
    report: (dependency, up) => metrics.dependencyUp(dependency, up),
    onChange: (dependency, up, error) =>
      up ? logger.info({ dependency }, 'dependency reachable') : logger.warn({ dependency, err: error }, 'dependency unreachable'),
    ...(options.dependencyProbeIntervalMs !== undefined && { intervalMs: options.dependencyProbeIntervalMs }),
  });
  // Registered late, so stopped first.
  lifecycle.onStop('close', 'dependency probe', async () => {
    probe.stop();
    await postgres.close();
  });
  const deps: Dependencies = {
    config,
    database,
    auth,
    storage,
    jobs,
    lifecycle,
    pubsub,
    metrics,
    cache,
    responseCache,
    rateLimiter,
    createLoaders: createModuleLoaders,
    ...(redis && { redis }),
  };

  const schema = buildSchema();
  // The operations our own clients send (documents/, written by `npm run documents`): known by id
  // on every pod whatever the mode, and the only ones answered below ADMIN with TRUSTED_DOCUMENTS=enforce.
  const trustedDocuments = createTrustedDocuments({
    mode: config.TRUSTED_DOCUMENTS,
    manifest: config.TRUSTED_DOCUMENTS === 'off' && !existsSync(MANIFEST_PATH) ? emptyManifest : loadManifest(),
    metrics,
    logger,
    maxTokens: config.MAX_QUERY_TOKENS,
  });
  // Automatic persisted queries: with Redis, a hash registered on one pod is known to all.
  const apollo = createApolloServer(schema, config, logger, { metrics, tracing }, {
    persistedQueryCache: withManifestDocuments(createPersistedQueryCache(redis, logger), trustedDocuments),
    graphosPlugins: await loadGraphOSPlugins(config, options.graphos),
  });
  await apollo.start();
  lifecycle.onStop('close', 'apollo', () => apollo.stop());
  // With METRICS_PORT set, /metrics is served there only, not through the load balancer; production
  // never serves it on PORT (config.ts requires METRICS_PORT there): it names every tenant.
  const metricsServer = config.METRICS_PORT === undefined ? undefined : createMetricsServer(metrics, config.HOST, config.METRICS_PORT);
  if (metricsServer) lifecycle.onStop('close', 'metrics', () => metricsServer.close());
  let metricsUrl: string | undefined;
  const routes: Route[] = [
    ...healthRoutes(deps),
    ...(storage.routes ?? []),
    ...(metricsServer || config.NODE_ENV === 'production' ? [] : [metricsRoute(metrics)]),
    ...dashboardPageRoutes(),
    // GET / and the offline explorer; production serves the API only.
    ...(config.NODE_ENV === 'production' ? [] : explorerRoutes()),
  ];
  const httpServer = createServer(httpServerOptions(config), createHttpHandler({ apollo, deps, config, logger, routes, tracing, trustedDocuments }));
  httpServer.keepAliveTimeout = 65_000; // longer than the ALB's idle timeout, so it closes first
  answerClientErrors(httpServer); // 400 / 408 / 431 with a coded JSON body
  websocket = attachWebSocketServer({ httpServer, schema, deps, logger, trustedDocuments }); // subscriptions on /graphql
  metrics.addSource({ websocket });
  lifecycle.onStop('stop-accepting', 'http', (deadline) => closeHttpServer(httpServer, deadline, config.SHUTDOWN_DRAIN_DELAY_MS));

  return {
    deps,
    websocket,
    logger,
    httpServer,
    demoLogins,
    metrics,
    tracing,
    get metricsUrl() {
      return metricsUrl;
    },
    start: async () => {
      if (metricsServer) metricsUrl = await metricsServer.start();
      return new Promise((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(config.PORT, config.HOST, () => {
          const { port } = httpServer.address() as AddressInfo;
          const host = config.HOST === '0.0.0.0' || config.HOST === '::' ? 'localhost' : config.HOST;
          const url = `http://${host}:${port}`;
          storage.listening?.(url); // local storage links here unless PUBLIC_URL is set
          resolve(url);
        });
      });
    },
    stop: (graceMs = config.SHUTDOWN_GRACE_MS) => lifecycle.stop(graceMs),
  };
}

const emptyManifest: Manifest = { format: 'apollo-persisted-query-manifest', version: 1, operations: [] };

/**
 * Slow clients cannot hold sockets: the headers must arrive within HTTP_HEADERS_TIMEOUT_MS and
 * the whole request within HTTP_REQUEST_TIMEOUT_MS (408 after either, client-errors.ts). Node
 * checks those deadlines only every `connectionsCheckingInterval` (30 s by default, which would
 * let a slow client stay up to 30 s longer): here at most 1 s, so the cut comes within a second
 * of the deadline.
 *
 * The request timeout covers bodies too. GraphQL bodies are at most MAX_REQUEST_BYTES (128 KiB:
 * well under a second on any link). Attachments go straight to S3 in production (presigned URL,
 * never through this server); only the embedded default's local upload route takes up to
 * MAX_UPLOAD_BYTES here, from a developer's own machine — 50 MiB within 30 s needs 14 Mbit/s,
 * so whoever serves local uploads over a slower network raises HTTP_REQUEST_TIMEOUT_MS.
 */
function httpServerOptions(config: Config): ServerOptions {
  return {
    headersTimeout: config.HTTP_HEADERS_TIMEOUT_MS,
    requestTimeout: config.HTTP_REQUEST_TIMEOUT_MS,
    connectionsCheckingInterval: Math.min(1_000, Math.ceil(config.HTTP_HEADERS_TIMEOUT_MS / 4)),
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
