/**
 * Prometheus metrics (prom-client), one Registry per app instance — never prom-client's global
 * default registry, so several servers in one process (tests) keep separate counts.
 *
 * Every label is bounded: operation names (the first OPERATION_NAMES_MAX valid names seen, then
 * `other`), tenant ids (the tenants that exist), error codes (src/errors.ts plus Apollo's few),
 * routes (a fixed list) and HTTP methods (a fixed list). Values that only exist at scrape time
 * (pools, active users, WebSocket and queue sizes) are read in `collect()`, not on a timer.
 *
 * Counts are per pod: `dandori_active_users` is the number of distinct users this pod served in
 * the last five minutes; a user served by two pods counts on both (sum over pods is an upper bound).
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Database } from '../db/database.js';

/** Operation names beyond this many distinct ones share the `other` label. */
export const OPERATION_NAMES_MAX = 200;
/** How long a user counts as active after their last request. */
export const ACTIVE_USER_WINDOW_MS = 5 * 60_000;
/** The cache classes of src/cache/cache.ts, and `response` for whole results (src/cache/response-cache.ts). */
export const CACHE_CLASSES = ['response', 'master', 'user_list', 'dashboard'] as const;
export type CacheClass = (typeof CACHE_CLASSES)[number];

/** Seconds; 0.2 s is the p95 target, so it is a bucket boundary. */
const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.2, 0.3, 0.5, 1, 2.5, 5, 10];
const GRAPHQL_NAME = /^[_A-Za-z][_0-9A-Za-z]*$/;
/** A queue slower than this to report its depth (Redis unreachable) is left out of the scrape. */
const SOURCE_TIMEOUT_MS = 1_000;
const METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']);

export interface WebSocketSource {
  stats(): { connections: number; subscriptions: number };
}
export interface JobQueueSource {
  /** Job counts by state (e.g. BullMQ's `getJobCounts()`). */
  depth(): Promise<Record<string, number>>;
}
/** Live state owned by other subsystems, read at scrape time. */
export interface MetricsSources {
  websocket?: WebSocketSource | undefined;
  /** By queue name (the `queue` label). */
  jobQueues?: Record<string, JobQueueSource>;
}

export interface GraphQLObservation {
  /** The operation's own name (from the document); null for an anonymous or unresolved one. */
  operationName: string | null | undefined;
  tenantId: string | null | undefined;
  outcome: 'ok' | 'error';
  seconds: number;
}

export interface Metrics {
  readonly registry: Registry;
  readonly contentType: string;
  /** The exposition text (Prometheus text format 0.0.4). */
  render(): Promise<string>;
  /** Registers sources that exist only after the metrics do (WebSocket server, job queues). */
  addSource(sources: MetricsSources): void;
  observeGraphQL(observation: GraphQLObservation): void;
  /** One count per error in a response, by `extensions.code`. */
  countGraphQLErrors(codes: readonly string[]): void;
  observeHttp(route: string, method: string | undefined, status: number, seconds: number): void;
  /** Marks a user as active now (the `dandori_active_users` gauge). */
  userSeen(tenantId: string, userId: string): void;
  rateLimited(limiter: string): void;
  /** An operation not in the trusted documents' manifest (TRUSTED_DOCUMENTS=log: answered; enforce: refused). */
  untrustedOperation(transport: 'http' | 'websocket', action: 'logged' | 'refused'): void;
  recordCacheLookup(cacheClass: CacheClass, hit: boolean): void;
  /** Sets `dandori_dependency_up{dependency}` (src/observability/dependency-probe.ts). */
  dependencyUp(dependency: string, up: boolean): void;
  /** A call to a dependency failed and was caught where it was made (`dandori_dependency_errors_total`). */
  dependencyError(dependency: DependencyName, operation: DependencyOperation): void;
  /** An error reached the process-wide last net (`dandori_unhandled_errors_total`): a bug to fix. */
  unhandledError(kind: 'rejection' | 'exception'): void;
}

/** The bounded label values of dandori_dependency_errors_total. */
export type DependencyName = 'redis' | 'postgres';
export type DependencyOperation = 'publish' | 'subscribe' | 'unsubscribe' | 'resubscribe';

export interface MetricsOptions {
  database: Pick<Database, 'poolStats'>;
  /** Clock for the active-user window (tests). */
  now?: () => number;
}

export function createMetrics(options: MetricsOptions): Metrics {
  const now = options.now ?? Date.now;
  const registry = new Registry();
  const registers = [registry];
  const websockets: WebSocketSource[] = [];
  const jobQueues = new Map<string, JobQueueSource>();
  collectDefaultMetrics({ register: registry });

  const graphqlDuration = new Histogram({
    name: 'dandori_graphql_request_duration_seconds',
    help: 'GraphQL request duration from the arrival of the HTTP request to the response, by operation name and tenant',
    labelNames: ['operation', 'tenant_id', 'outcome'] as const,
    buckets: DURATION_BUCKETS,
    registers,
  });
  const graphqlErrors = new Counter({
    name: 'dandori_graphql_errors_total',
    help: 'Errors in GraphQL responses, by extensions.code',
    labelNames: ['code'] as const,
    registers,
  });
  const httpRequests = new Counter({
    name: 'http_requests_total',
    help: 'HTTP requests answered, by route, method and status (the HPA scales on its rate)',
    labelNames: ['route', 'method', 'status'] as const,
    registers,
  });
  const httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration until the response was sent, by route',
    labelNames: ['route'] as const,
    buckets: DURATION_BUCKETS,
    registers,
  });
  const rateLimitRejections = new Counter({
    name: 'dandori_rate_limit_rejections_total',
    help: 'Requests refused by a rate limiter, by limiter',
    labelNames: ['limiter'] as const,
    registers,
  });
  rateLimitRejections.inc({ limiter: 'login' }, 0);
  rateLimitRejections.inc({ limiter: 'tenant' }, 0);
  const untrustedOperations = new Counter({
    name: 'dandori_untrusted_operations_total',
    help: 'Operations not in the trusted documents manifest, by transport and action (logged: answered anyway; refused)',
    labelNames: ['transport', 'action'] as const,
    registers,
  });
  const cacheRequests = new Counter({
    name: 'dandori_cache_requests_total',
    help: 'Cache lookups by cache class and result (hit or miss)',
    labelNames: ['class', 'result'] as const,
    registers,
  });
  for (const cacheClass of CACHE_CLASSES) {
    cacheRequests.inc({ class: cacheClass, result: 'hit' }, 0);
    cacheRequests.inc({ class: cacheClass, result: 'miss' }, 0);
  }

  // Shared dependencies' health, from the background probe: an alert, not a readiness condition.
  const dependencyUp = new Gauge({
    name: 'dandori_dependency_up',
    help: 'Whether this pod reached the dependency (postgres, redis) in its last background probe (1) or not (0)',
    labelNames: ['dependency'] as const,
    registers,
  });

  const dependencyErrors = new Counter({
    name: 'dandori_dependency_errors_total',
    help: 'Failed calls to a dependency that were caught where they were made, by dependency and operation',
    labelNames: ['dependency', 'operation'] as const,
    registers,
  });
  for (const operation of ['publish', 'subscribe', 'unsubscribe', 'resubscribe'] as const) dependencyErrors.inc({ dependency: 'redis', operation }, 0);
  const unhandledErrors = new Counter({
    name: 'dandori_unhandled_errors_total',
    help: 'Errors that reached the process-wide unhandledRejection/uncaughtException handler (always a bug; the pod keeps serving)',
    labelNames: ['kind'] as const,
    registers,
  });
  unhandledErrors.inc({ kind: 'rejection' }, 0);
  unhandledErrors.inc({ kind: 'exception' }, 0);

  const activeUsers = createActiveUsers(now);
  new Gauge({
    name: 'dandori_active_users',
    help: 'Distinct users this pod served in the last 5 minutes, by tenant (per pod)',
    labelNames: ['tenant_id'] as const,
    registers,
    collect() {
      this.reset();
      for (const [tenantId, count] of activeUsers.counts()) this.set({ tenant_id: tenantId }, count);
    },
  });

  const pool = options.database;
  new Gauge({
    name: 'dandori_db_pool_connections',
    help: 'Database pool connections by endpoint and state (in_use, idle)',
    labelNames: ['endpoint', 'state'] as const,
    registers,
    collect() {
      for (const stats of pool.poolStats()) {
        this.set({ endpoint: stats.endpoint, state: 'in_use' }, stats.total - stats.idle);
        this.set({ endpoint: stats.endpoint, state: 'idle' }, stats.idle);
      }
    },
  });
  new Gauge({
    name: 'dandori_db_pool_waiting_clients',
    help: 'Queries waiting for a free pooled connection, by endpoint',
    labelNames: ['endpoint'] as const,
    registers,
    collect() {
      for (const stats of pool.poolStats()) this.set({ endpoint: stats.endpoint }, stats.waiting);
    },
  });
  new Gauge({
    name: 'dandori_db_pool_max_connections',
    help: 'Largest number of connections a pool may open (DB_POOL_MAX), by endpoint',
    labelNames: ['endpoint'] as const,
    registers,
    collect() {
      for (const stats of pool.poolStats()) this.set({ endpoint: stats.endpoint }, stats.max);
    },
  });

  const websocketTotal = (key: 'connections' | 'subscriptions') => websockets.reduce((sum, source) => sum + source.stats()[key], 0);
  new Gauge({
    name: 'dandori_websocket_connections',
    help: 'Open WebSocket connections on this pod',
    registers,
    collect() {
      this.set(websocketTotal('connections'));
    },
  });
  new Gauge({
    name: 'dandori_websocket_subscriptions',
    help: 'Active GraphQL subscriptions on this pod',
    registers,
    collect() {
      this.set(websocketTotal('subscriptions'));
    },
  });
  new Gauge({
    name: 'dandori_job_queue_depth',
    help: 'Jobs in each queue by state (waiting, active, delayed, failed, ...)',
    labelNames: ['queue', 'state'] as const,
    registers,
    async collect() {
      this.reset();
      await Promise.all(
        [...jobQueues].map(async ([queue, source]) => {
          // A queue that cannot answer (Redis down) is left out rather than failing or stalling the scrape.
          const depth = await withTimeout(source.depth(), SOURCE_TIMEOUT_MS).catch(() => undefined);
          for (const [state, count] of Object.entries(depth ?? {})) this.set({ queue, state }, count);
        }),
      );
    },
  });

  const operationLabel = createOperationLabeller();
  return {
    registry,
    contentType: registry.contentType,
    render: () => registry.metrics(),
    addSource(added) {
      if (added.websocket) websockets.push(added.websocket);
      for (const [name, queue] of Object.entries(added.jobQueues ?? {})) jobQueues.set(name, queue);
    },
    observeGraphQL({ operationName, tenantId, outcome, seconds }) {
      graphqlDuration.observe({ operation: operationLabel(operationName), tenant_id: tenantId ?? 'anonymous', outcome }, seconds);
    },
    countGraphQLErrors(codes) {
      for (const code of codes) graphqlErrors.inc({ code });
    },
    observeHttp(route, method, status, seconds) {
      const methodLabel = method && METHODS.has(method) ? method : 'other';
      httpRequests.inc({ route, method: methodLabel, status: String(status) });
      httpDuration.observe({ route }, seconds);
    },
    userSeen: (tenantId, userId) => activeUsers.seen(tenantId, userId),
    rateLimited: (limiter) => rateLimitRejections.inc({ limiter }),
    untrustedOperation: (transport, action) => untrustedOperations.inc({ transport, action }),
    recordCacheLookup: (cacheClass, hit) => cacheRequests.inc({ class: cacheClass, result: hit ? 'hit' : 'miss' }),
    dependencyUp: (dependency, up) => dependencyUp.set({ dependency }, up ? 1 : 0),
    dependencyError: (dependency, operation) => dependencyErrors.inc({ dependency, operation }),
    unhandledError: (kind) => unhandledErrors.inc({ kind }),
  };
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** `anonymous` for no name, the name itself while fewer than OPERATION_NAMES_MAX are known, else `other`. */
function createOperationLabeller() {
  const known = new Set<string>();
  return (name: string | null | undefined): string => {
    if (!name) return 'anonymous';
    if (known.has(name)) return name;
    if (!GRAPHQL_NAME.test(name) || known.size >= OPERATION_NAMES_MAX) return 'other';
    known.add(name);
    return name;
  };
}

/**
 * Last-seen times per tenant and user. Each tenant's Map is kept in last-seen order (a user
 * seen again is moved to the end), so pruning stops at the first user still inside the window.
 * Pruned when counted and, at most once a minute, when a user is recorded, so memory stays
 * bounded by the users of the last window even if nobody scrapes.
 */
function createActiveUsers(now: () => number) {
  const byTenant = new Map<string, Map<string, number>>();
  let lastPrune = now();

  function prune(at: number) {
    lastPrune = at;
    for (const [tenantId, users] of byTenant) {
      for (const [userId, seenAt] of users) {
        if (at - seenAt < ACTIVE_USER_WINDOW_MS) break;
        users.delete(userId);
      }
      if (users.size === 0) byTenant.delete(tenantId);
    }
  }

  return {
    seen(tenantId: string, userId: string) {
      const at = now();
      let users = byTenant.get(tenantId);
      if (!users) byTenant.set(tenantId, (users = new Map()));
      users.delete(userId);
      users.set(userId, at);
      if (at - lastPrune > 60_000) prune(at);
    },
    counts(): [string, number][] {
      prune(now());
      return [...byTenant].map(([tenantId, users]) => [tenantId, users.size]);
    },
  };
}
