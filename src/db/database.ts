/**
 * The process's database clients, created once at start-up: a writer, an optional read replica,
 * and an admin SQL session for migrations. Two backends behind one shape:
 *  - PostgreSQL (DATABASE_URL): a `pg` pool per endpoint, sized from the config;
 *  - PGlite (no DATABASE_URL): an in-process PostgreSQL keeping its data in PGLITE_DATA_DIR.
 * Both run the same migrations, so both enforce the same Row Level Security.
 *
 * Nothing outside src/db/ touches these clients directly: tenant data is reached only through
 * `createTenantDb` (tenant-db.ts), which names the tenant and drops to the application role.
 */
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import pg from 'pg';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../generated/prisma/client.js';
import type { Config } from '../config.js';
import type { OutageLog } from '../observability/outage-log.js';
import { connectPg, pgliteSession, type SqlSession } from './sql-session.js';
import { pgliteTransactionOpener, pgTransactionOpener, type SqlTransaction, type StatementListener } from './sql-transaction.js';
import type { Prisma } from '../generated/prisma/client.js';
import { positionOf, replicaPositionStatement, UNKNOWN_POSITION, writerPositionStatement } from './replica-position.js';

export type DatabaseKind = 'postgres' | 'pglite';

export interface PoolStats {
  endpoint: 'writer' | 'replica';
  max: number;
  total: number;
  idle: number;
  waiting: number;
}

export interface Database {
  readonly kind: DatabaseKind;
  /** Human-readable location (URL without password, or the PGlite folder). */
  readonly location: string;
  readonly writer: PrismaClient;
  /** The replica when DATABASE_REPLICA_URL is set, else the writer. */
  readonly reader: PrismaClient;
  /**
   * With a replica: the statement that reads, inside a reader's transaction, how far that
   * replica has applied the writer's log (replica-position.ts). Undefined without one.
   */
  readonly replicaPosition: Prisma.Sql | undefined;
  /**
   * With a replica: the writer's current log position, read after a commit (so at or past it);
   * UNKNOWN_POSITION when it cannot be read. Without a replica: 0 (nothing can lag). Never rejects.
   */
  writerPosition(): Promise<number>;
  readonly transactionOptions: { maxWait: number; timeout: number };
  /** PostgreSQL's statement_timeout for every tenant transaction (DB_STATEMENT_TIMEOUT_MS). */
  readonly statementTimeoutMs: number;
  /** Told when requests find the database unavailable and when it answers again: one log line per change. */
  readonly outage: Pick<OutageLog, 'down' | 'up'>;
  /**
   * Opens a plain-SQL transaction (sql-transaction.ts) on the writer or the reader whose first
   * statement is `preamble`. Only tenant-db.ts calls it, with the tenant preamble.
   */
  openSqlTransaction(endpoint: 'writer' | 'reader', preamble: Prisma.Sql): Promise<SqlTransaction>;
  /**
   * Calls `listener` for every SQL statement the app runs: plain-SQL reads always, Prisma's
   * statements when the database was created with `logQueries`. Returns an unsubscribe.
   */
  onStatement(listener: StatementListener): () => void;
  /** A dedicated admin session (migrations, health checks); the caller closes it. */
  openAdminSession(): Promise<SqlSession>;
  poolStats(): PoolStats[];
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** Emit Prisma 'query' events (used by tests that count statements, and by tracing). */
  logQueries?: boolean;
  /** Where "database unavailable" / "back" is logged (observability/outage-log.ts); silent when absent. */
  outage?: Pick<OutageLog, 'down' | 'up'>;
}

const SILENT_OUTAGE: Pick<OutageLog, 'down' | 'up'> = { down: () => {}, up: () => {} };

/**
 * How much longer than PostgreSQL's own statement_timeout the client waits for an answer: a
 * server that is alive cancels the statement itself (a clean error, the connection stays
 * usable); one that says nothing at all (hung, partitioned) is given up on a second later.
 */
export const CLIENT_TIMEOUT_GRACE_MS = 1_000;

type DbConfig = Pick<
  Config,
  | 'DB_PREPARED_STATEMENTS'
  | 'DATABASE_URL'
  | 'DATABASE_REPLICA_URL'
  | 'DB_REPLICA_POSITION'
  | 'DB_POOL_MAX'
  | 'DB_POOL_IDLE_TIMEOUT_MS'
  | 'DB_CONNECT_TIMEOUT_MS'
  | 'DB_TRANSACTION_TIMEOUT_MS'
  | 'DB_STATEMENT_TIMEOUT_MS'
  | 'PGLITE_DATA_DIR'
>;

/** The embedded database's folder, when it is kept on disk (PGlite, not `memory://`): its own state lives there too. */
export function keptDataDir(database: Pick<Database, 'kind' | 'location'>): string | undefined {
  return database.kind === 'pglite' && database.location !== 'memory://' ? database.location : undefined;
}

export async function createDatabase(config: DbConfig, options: DatabaseOptions = {}): Promise<Database> {
  return config.DATABASE_URL
    ? createPostgresDatabase(config, config.DATABASE_URL, options)
    : createPgliteDatabase(config, options);
}

function prismaLogOptions(options: DatabaseOptions) {
  return options.logQueries ? ([{ emit: 'event', level: 'query' }] as const) : ([] as const);
}

/** The statement listeners of one Database, and Prisma's query events forwarded to them. */
function statementListeners(clients: PrismaClient[], options: DatabaseOptions) {
  const listeners = new Set<StatementListener>();
  const notify: StatementListener = (event) => {
    for (const listener of listeners) listener(event);
  };
  if (options.logQueries) {
    for (const client of new Set(clients)) {
      (client as unknown as PrismaClient<'query'>).$on('query', (e) => notify({ query: e.query, startedAt: e.timestamp.getTime(), durationMs: e.duration }));
    }
  }
  return {
    /** Undefined while nobody listens, so the hot path skips building events. */
    current: (): StatementListener | undefined => (listeners.size ? notify : undefined),
    on(listener: StatementListener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}

function createPool(url: string, config: DbConfig): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max: config.DB_POOL_MAX,
    idleTimeoutMillis: config.DB_POOL_IDLE_TIMEOUT_MS,
    // Bounds both opening a connection and waiting for a free one when the pool is full.
    connectionTimeoutMillis: config.DB_CONNECT_TIMEOUT_MS,
    // Every statement, Prisma's included, is given up on when the server does not answer: a
    // hung or partitioned database must not hold a request until TCP gives up (minutes).
    query_timeout: config.DB_STATEMENT_TIMEOUT_MS + CLIENT_TIMEOUT_GRACE_MS,
    // A peer that vanished without a word (a partition, a failed-over host) is noticed on
    // idle connections too, not only when a statement waits on one.
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
    application_name: 'dandori-portal-api',
  });
  // An idle client losing its server must not crash the process; the next checkout reconnects.
  pool.on('error', () => {});
  // The pool listens only on idle clients. A connection terminated while checked out (a restart
  // or failover sends 57P01 between two statements of a Prisma transaction) emits 'error' on its
  // client, which without a listener ends the process. The statement waiting on it fails on its
  // own (and is answered 503); the client is then no longer queryable, so the pool drops it.
  pool.on('connect', (client) => client.on('error', () => {}));
  pool.on('release', (error, client) => {
    if (!error) discardIfStuck(client);
  });
  return pool;
}

/**
 * A statement that timed out on the client is still outstanding on its connection: `pg` would
 * queue the next checkout's statements behind it. Whoever releases such a connection (Prisma's
 * adapter releases without an error) gets it closed here instead, and the pool opens a new one.
 */
function discardIfStuck(client: pg.PoolClient): void {
  const internals = client as unknown as { _getActiveQuery?: () => unknown; _queryQueue?: unknown[] };
  if (internals._getActiveQuery?.() || internals._queryQueue?.length) void client.end().catch(() => {});
}

function poolStatsOf(endpoint: PoolStats['endpoint'], pool: pg.Pool, max: number): PoolStats {
  return { endpoint, max, total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount };
}

async function createPostgresDatabase(config: DbConfig, url: string, options: DatabaseOptions): Promise<Database> {
  const writerPool = createPool(url, config);
  const replicaPool = config.DATABASE_REPLICA_URL ? createPool(config.DATABASE_REPLICA_URL, config) : undefined;
  const writer = new PrismaClient({ adapter: new PrismaPg(writerPool), log: [...prismaLogOptions(options)] });
  const reader = replicaPool
    ? new PrismaClient({ adapter: new PrismaPg(replicaPool), log: [...prismaLogOptions(options)] })
    : writer;
  const statements = statementListeners([writer, reader], options);
  const opener = (pool: pg.Pool) => pgTransactionOpener(pool, { preparedStatements: config.DB_PREPARED_STATEMENTS, listener: statements.current });
  const openers = { writer: opener(writerPool), reader: opener(replicaPool ?? writerPool) };
  return {
    openSqlTransaction: (endpoint, preamble) => openers[endpoint](preamble),
    onStatement: statements.on,
    kind: 'postgres',
    location: url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@'),
    writer,
    reader,
    replicaPosition: replicaPool ? replicaPositionStatement[config.DB_REPLICA_POSITION] : undefined,
    async writerPosition() {
      if (!replicaPool) return 0;
      try {
        return positionOf(await writer.$queryRaw<{ position: string }[]>(writerPositionStatement[config.DB_REPLICA_POSITION])) || UNKNOWN_POSITION;
      } catch {
        return UNKNOWN_POSITION; // the write committed; only the replica may not be trusted with it
      }
    },
    transactionOptions: { maxWait: config.DB_CONNECT_TIMEOUT_MS, timeout: config.DB_TRANSACTION_TIMEOUT_MS },
    statementTimeoutMs: config.DB_STATEMENT_TIMEOUT_MS,
    outage: options.outage ?? SILENT_OUTAGE,
    openAdminSession: () => connectPg(url, config.DB_CONNECT_TIMEOUT_MS),
    poolStats: () => [
      poolStatsOf('writer', writerPool, config.DB_POOL_MAX),
      ...(replicaPool ? [poolStatsOf('replica', replicaPool, config.DB_POOL_MAX)] : []),
    ],
    async close() {
      await Promise.allSettled([writer.$disconnect(), reader === writer ? undefined : reader.$disconnect()]);
      await Promise.allSettled([writerPool.end(), replicaPool?.end()]);
    },
  };
}

/**
 * PostgreSQL's default 128 MB of shared buffers is zero-filled in WebAssembly on every start,
 * which was most of PGlite's start-up time; 16 MB holds the demo data many times over and
 * takes ~0.4 s of CPU off each start (measured with `npm start`, see docs/benchmarks.md).
 */
const PGLITE_SETTINGS = ['-c', 'shared_buffers=16MB'];

async function createPgliteDatabase(config: DbConfig, options: DatabaseOptions): Promise<Database> {
  // Loaded lazily: production never pays for the WASM build of PostgreSQL.
  const [{ PGlite }, { PrismaPGlite }] = await Promise.all([
    import('@electric-sql/pglite'),
    import('pglite-prisma-adapter'),
  ]);
  const dataDir = config.PGLITE_DATA_DIR === 'memory://' ? 'memory://' : resolve(config.PGLITE_DATA_DIR);
  if (dataDir !== 'memory://') await mkdir(dataDir, { recursive: true });
  const pglite = await PGlite.create(dataDir, { startParams: [...PGlite.defaultStartParams, ...PGLITE_SETTINGS] });
  const writer = new PrismaClient({ adapter: new PrismaPGlite(pglite), log: [...prismaLogOptions(options)] });
  const statements = statementListeners([writer], options);
  const open = pgliteTransactionOpener(pglite, statements.current);
  return {
    openSqlTransaction: (_endpoint, preamble) => open(preamble),
    onStatement: statements.on,
    kind: 'pglite',
    location: dataDir,
    writer,
    reader: writer,
    replicaPosition: undefined,
    writerPosition: async () => 0,
    // PGlite has one session: a transaction waits for the one before it, so allow for queueing.
    transactionOptions: { maxWait: Math.max(config.DB_CONNECT_TIMEOUT_MS, 10_000), timeout: config.DB_TRANSACTION_TIMEOUT_MS },
    statementTimeoutMs: config.DB_STATEMENT_TIMEOUT_MS,
    outage: options.outage ?? SILENT_OUTAGE,
    openAdminSession: async () => pgliteSession(pglite),
    poolStats: () => [{ endpoint: 'writer', max: 1, total: 1, idle: 1, waiting: 0 }],
    async close() {
      await writer.$disconnect();
      await pglite.close();
    },
  };
}
