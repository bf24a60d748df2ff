/**
 * Dependency health as a metric, never as readiness. Every pod talks to the same PostgreSQL (through
 * RDS Proxy) and Redis; if /readyz followed them, an Aurora or ElastiCache failover would turn every
 * pod unready at once, the ALB target group would empty and users would get 503 from the load
 * balancer for the whole failover — instead of the app's own answers (503 SERVICE_UNAVAILABLE for
 * the requests that need the database, cached reads where it can). So readiness says only "this pod
 * has started and is not draining" (src/server/health.ts), and this probe feeds
 * `dandori_dependency_up{dependency}` (1 or 0), which Prometheus alerts on (pulumi/rules/).
 *
 * Cheap by design: one `SELECT 1` and one `PING` per interval per pod, a round never overlapping the
 * previous one (a hung check skips the next tick instead of piling up), bounded by a timeout.
 * PostgreSQL is probed on a connection of its own, never through Prisma: the probe must not show up
 * in query logs, trace spans or the statement counts of a request.
 */
import pg from 'pg';
import type { Database } from '../db/database.js';

export type DependencyName = 'postgres' | 'redis';

export interface DependencyProbeOptions {
  /** One check per dependency; resolving means up. Absent dependencies are not reported. */
  checks: Partial<Record<DependencyName, () => Promise<unknown>>>;
  /** Records the result (the `dandori_dependency_up` gauge). */
  report(dependency: DependencyName, up: boolean): void;
  /** Called when a dependency changes state (and after its first check), e.g. to log it. */
  onChange?(dependency: DependencyName, up: boolean, error?: unknown): void;
  /** Default 5 s: a failover shows in the metric within one scrape interval. */
  intervalMs?: number;
  /** Default 1 s. */
  timeoutMs?: number;
}

export interface DependencyProbe {
  /** Resolves when the first round has reported every dependency. */
  readonly firstRound: Promise<void>;
  stop(): void;
}

export const DEFAULT_PROBE_INTERVAL_MS = 5_000;
export const DEFAULT_PROBE_TIMEOUT_MS = 1_000;

export function startDependencyProbe(options: DependencyProbeOptions): DependencyProbe {
  const intervalMs = options.intervalMs ?? DEFAULT_PROBE_INTERVAL_MS;
  const timeoutMs = options.timeoutMs ?? DEFAULT_PROBE_TIMEOUT_MS;
  const checks = Object.entries(options.checks) as [DependencyName, () => Promise<unknown>][];
  const last = new Map<DependencyName, boolean>();
  let running = false;
  let stopped = false;

  async function probe(dependency: DependencyName, check: () => Promise<unknown>): Promise<void> {
    let up = true;
    let failure: unknown;
    try {
      await withTimeout(check(), timeoutMs);
    } catch (error) {
      up = false;
      failure = error;
    }
    if (stopped) return;
    options.report(dependency, up);
    if (last.get(dependency) !== up) options.onChange?.(dependency, up, failure);
    last.set(dependency, up);
  }

  async function round(): Promise<void> {
    if (running || stopped) return;
    running = true;
    try {
      await Promise.all(checks.map(([dependency, check]) => probe(dependency, check)));
    } finally {
      running = false;
    }
  }

  const firstRound = round();
  const timer = setInterval(() => void round(), intervalMs);
  timer.unref();
  return {
    firstRound,
    stop() {
      stopped = true;
      clearInterval(timer);
    },
  };
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  // A check that settles after the timeout must not surface as an unhandled rejection.
  work.catch(() => {});
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

export interface PostgresCheck {
  check(): Promise<unknown>;
  close(): Promise<void>;
}

/**
 * `SELECT 1` on one pooled connection of its own (kept between rounds, reopened after a failure), or
 * on the embedded PGlite's session when there is no DATABASE_URL.
 */
export function postgresCheck(databaseUrl: string | undefined, database: Pick<Database, 'openAdminSession'>, timeoutMs = DEFAULT_PROBE_TIMEOUT_MS): PostgresCheck {
  if (!databaseUrl) {
    return {
      check: async () => {
        const session = await database.openAdminSession();
        try {
          return await session.query('SELECT 1');
        } finally {
          await session.close();
        }
      },
      close: async () => {},
    };
  }
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: 1,
    // Longer than the probe interval: the same connection serves round after round.
    idleTimeoutMillis: 4 * DEFAULT_PROBE_INTERVAL_MS,
    connectionTimeoutMillis: timeoutMs,
    application_name: 'dandori-portal-api-probe',
  });
  pool.on('error', () => {}); // an idle connection losing its server: the next round reconnects
  pool.on('connect', (client) => client.on('error', () => {})); // and one lost mid-check: the check fails
  return {
    check: () => pool.query('SELECT 1'),
    close: () => pool.end(),
  };
}
