/**
 * Configuration: every setting comes from the environment, parsed and validated once at
 * start-up into a frozen, typed Config. A bad or missing value stops the process with one
 * message that names every problem, not just the first.
 */
import { z } from 'zod';

const booleanFromEnv = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const postgresUrl = z
  .string()
  .url()
  .refine((v) => /^postgres(ql)?:\/\//.test(v), 'expected a postgres:// or postgresql:// URL');

const redisUrl = z
  .string()
  .url()
  .refine((v) => /^rediss?:\/\//.test(v), 'expected a redis:// or rediss:// URL');

const positiveInt = z.coerce.number().int().positive();

/** The schema is what docs/configuration.md documents, variable for variable (test/docs/guide.test.ts). */
const schema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    HOST: z.string().min(1).default('0.0.0.0'),
    /** 0 asks the OS for a free port (tests). */
    PORT: z.coerce.number().int().min(0).max(65535).default(4000),
    /**
     * Serve /metrics on this port instead of PORT (0 picks a free port: tests). Required in
     * production, where PORT never serves /metrics; elsewhere, unset, /metrics is on PORT.
     */
    METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
    PUBLIC_URL: z.string().url().optional(),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),

    DATABASE_URL: postgresUrl.optional(),
    DATABASE_REPLICA_URL: postgresUrl.optional(),
    /**
     * How the writer's WAL position and a replica's replay position are read, so a cache entry is
     * never filled from a replica that has not applied the write that made its generation
     * (src/db/replica-position.ts): 'wal' (PostgreSQL streaming replication) or 'aurora'.
     */
    DB_REPLICA_POSITION: z.enum(['wal', 'aurora']).default('wal'),
    DB_POOL_MAX: positiveInt.default(20),
    DB_POOL_IDLE_TIMEOUT_MS: positiveInt.default(30_000),
    DB_CONNECT_TIMEOUT_MS: positiveInt.default(2_000),
    DB_TRANSACTION_TIMEOUT_MS: positiveInt.default(10_000),
    /**
     * Longest one SQL statement may take: PostgreSQL cancels it (statement_timeout, set per
     * transaction), and the client gives up a second later when the server does not answer at all
     * (a hung or partitioned database), discarding that connection.
     */
    DB_STATEMENT_TIMEOUT_MS: positiveInt.default(5_000),
    /**
     * A GraphQL request over HTTP is answered within this time from its arrival, whatever the
     * database or Redis does: past it, 503 SERVICE_UNAVAILABLE with Retry-After.
     */
    REQUEST_DEADLINE_MS: positiveInt.default(10_000),
    DB_PREPARED_STATEMENTS: booleanFromEnv.default(false),
    PGLITE_DATA_DIR: z.string().min(1).default('.data/pglite'),
    DB_AUTO_MIGRATE: booleanFromEnv.optional(),

    REDIS_URL: redisUrl.optional(),
    /** How long Redis keeps an Automatic Persisted Query document after it was registered (src/cache/persisted-queries.ts). */
    APQ_TTL_SECONDS: positiveInt.default(7 * 24 * 3600),
    /** BullMQ queue of the maintenance jobs (src/jobs/); tests use a unique one per run. */
    JOB_QUEUE_NAME: z.string().regex(/^[A-Za-z0-9_.-]+$/, 'letters, digits, ".", "_" and "-" only').default('dandori-maintenance'),

    JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    ACCESS_TOKEN_TTL_SECONDS: positiveInt.default(900),
    REFRESH_TOKEN_TTL_SECONDS: positiveInt.default(30 * 24 * 3600),
    /** Failed sign-ins of one account from one address per window; past it that pair is refused for the window. */
    LOGIN_MAX_FAILURES_PER_ACCOUNT_ADDRESS: positiveInt.default(5),
    /** Failed sign-ins of one account from all addresses per window after which each attempt waits (2, 4, 8 … s). */
    LOGIN_ACCOUNT_BACKOFF_AFTER_FAILURES: positiveInt.default(50),
    LOGIN_ACCOUNT_BACKOFF_MAX_SECONDS: positiveInt.default(60),
    /** Failed sign-ins (and wrong refresh secrets) from one address, all accounts, per window. */
    LOGIN_MAX_FAILURES_PER_IP: positiveInt.default(30),
    LOGIN_THROTTLE_WINDOW_SECONDS: positiveInt.default(900),
    /**
     * Replaced: it locked an account for everyone, which let anyone lock anyone out. Refused rather
     * than ignored, so an operator who set it learns that its meaning is gone.
     */
    LOGIN_MAX_FAILURES_PER_ACCOUNT: z.never({
      error: 'is no longer used: failures are limited per account and address (LOGIN_MAX_FAILURES_PER_ACCOUNT_ADDRESS), with a back-off past LOGIN_ACCOUNT_BACKOFF_AFTER_FAILURES for the account as a whole; set those instead',
    }).optional(),
    /**
     * Largest GraphQL body (HTTP /graphql and WebSocket messages). The largest legitimate one is a
     * write with one long text: 20,000 characters (`longText`), 120,000 bytes if a client escapes
     * every character as \uXXXX; 128 KiB holds it. Uploads never come through here (S3, or the
     * local upload route with its own MAX_UPLOAD_BYTES).
     */
    MAX_REQUEST_BYTES: positiveInt.default(131_072),
    /**
     * Lexical tokens in one GraphQL document, counted while parsing (graphql's maxLexicalTokens):
     * past it parsing stops with GRAPHQL_PARSE_FAILED. The full introspection query is ~200 tokens,
     * the whole dashboard ~80.
     */
    MAX_QUERY_TOKENS: positiveInt.default(2_000),
    /**
     * Selections (fields and fragments) in one document with every fragment spread expanded,
     * counted after parsing and before validation (src/server/document-screen.ts): validation's
     * overlapping-fields check is quadratic in repeated selections, the cost estimate exponential
     * in nested spreads. The full introspection query counts ~490.
     */
    MAX_QUERY_SELECTIONS: positiveInt.default(1_000),
    MAX_QUERY_DEPTH: positiveInt.default(12),
    MAX_QUERY_COST: positiveInt.default(100_000),
    TRUST_PROXY: booleanFromEnv.default(false),
    /** Anonymous GraphQL requests (login, refresh…) one client address may send per minute to one pod (src/server/anonymous-rate-limit.ts). */
    ANONYMOUS_REQUESTS_PER_MINUTE: positiveInt.default(3_000),
    /** A client must have sent its request's headers within this time, the whole request within the next (node:http; 408 past them). */
    HTTP_HEADERS_TIMEOUT_MS: positiveInt.default(10_000),
    HTTP_REQUEST_TIMEOUT_MS: positiveInt.default(30_000),

    AWS_REGION: z.string().min(1).default('ap-northeast-1'),
    S3_UPLOAD_BUCKET: z.string().min(3).optional(),
    UPLOAD_DIR: z.string().min(1).default('.data/uploads'),
    /** How long a presigned upload URL stays valid. */
    UPLOAD_URL_TTL_SECONDS: positiveInt.default(900),
    /** Download URLs are minted on every read of Attachment.downloadUrl, so they can be short-lived. */
    DOWNLOAD_URL_TTL_SECONDS: positiveInt.default(300),
    /** Largest attachment accepted (default 50 MiB); at most 2^31-1, the range of GraphQL Int. */
    MAX_UPLOAD_BYTES: positiveInt.max(2_147_483_647).default(50 * 1024 * 1024),
    /** A PENDING attachment (upload never completed) older than this is deleted with its file. */
    ATTACHMENT_PENDING_TTL_HOURS: positiveInt.default(24),
    /** How often the stale-upload cleanup runs (scheduled by the worker, or in-process without Redis). */
    ATTACHMENT_CLEANUP_INTERVAL_MINUTES: positiveInt.default(60),

    /**
     * Apollo GraphOS (src/server/graphos.ts): both set, or neither. With them, the schema and usage
     * (operations, field usage, latency; never variable values, headers or error messages) are
     * reported to Apollo; without them nothing is sent.
     */
    APOLLO_KEY: z.string().min(1).optional(),
    APOLLO_GRAPH_REF: z.string().regex(/^[^@\s]+@[^@\s]+$/, 'expected <graph id>@<variant>, e.g. dandori-portal@production').optional(),
    /** Where usage and schema reports go (default: Apollo's own endpoints); tests point them at a local stand-in. */
    APOLLO_USAGE_REPORTING_URL: z.string().url().optional(),
    APOLLO_SCHEMA_REPORTING_URL: z.string().url().optional(),
    /**
     * Trusted documents (src/server/trusted-documents.ts): `enforce` answers only the operations of
     * documents/persisted-query-manifest.json for viewers below ADMIN; `log` answers everything and
     * counts the others (dandori_untrusted_operations_total); `off` does neither.
     */
    TRUSTED_DOCUMENTS: z.enum(['off', 'log', 'enforce']).default('off'),
    OTEL_EXPORTER_OTLP_ENDPOINT: z.string().url().optional(),
    /** Resolvers that take at least this long get a span of their own (when tracing is on). */
    OTEL_RESOLVER_SPAN_MIN_MS: z.coerce.number().min(0).default(5),
    /** How often open WebSocket connections re-check their token and session (revocation, expiry). */
    WS_SESSION_CHECK_SECONDS: positiveInt.default(30),
    /** Live updates (src/realtime/): at most this many event executions use the database at once. */
    SUBSCRIPTION_DB_CONCURRENCY: positiveInt.default(4),
    /** Events waiting for execution on this pod; past it an event is dropped (counted, logged, subscribers told). */
    SUBSCRIPTION_QUEUE_MAX: positiveInt.default(10_000),
    /** Events a subscription resumed with `after` replays at most; past it the subscription ends with LIMIT_EXCEEDED (docs/live-updates.md). */
    SUBSCRIPTION_REPLAY_MAX: positiveInt.default(1_000),
    /** A connection with more than this unsent is a slow consumer: closed with 1013. */
    WS_SEND_BUFFER_MAX_BYTES: positiveInt.default(1_048_576),
    /** Live frames handed to sockets before the event loop serves other work (src/realtime/delivery.ts). */
    WS_DELIVERY_SLICE: positiveInt.default(50),
    /** Open WebSocket connections per user and per tenant, on each pod. */
    WS_MAX_CONNECTIONS_PER_USER: positiveInt.default(10),
    WS_MAX_CONNECTIONS_PER_TENANT: positiveInt.default(5_000),
    WS_MAX_SUBSCRIPTIONS_PER_CONNECTION: positiveInt.default(20),
    /** Subscribe messages one connection may send per minute. */
    WS_SUBSCRIBES_PER_MINUTE: positiveInt.default(60),
    SHUTDOWN_GRACE_MS: positiveInt.default(25_000),
    /** Part of the grace period during which requests are still served, with `connection: close`. */
    SHUTDOWN_DRAIN_DELAY_MS: z.coerce.number().int().min(0).default(1_000),
  })
  .superRefine((env, ctx) => {
    // node:http refuses a headers timeout longer than the request timeout it is part of.
    // (Both numbers: this runs even when a value is malformed, see the end of this refinement.)
    if (typeof env.HTTP_HEADERS_TIMEOUT_MS === 'number' && typeof env.HTTP_REQUEST_TIMEOUT_MS === 'number' && env.HTTP_HEADERS_TIMEOUT_MS > env.HTTP_REQUEST_TIMEOUT_MS) {
      ctx.addIssue({ code: 'custom', path: ['HTTP_HEADERS_TIMEOUT_MS'], message: `must not exceed HTTP_REQUEST_TIMEOUT_MS (${env.HTTP_REQUEST_TIMEOUT_MS})` });
    }
    if (env.NODE_ENV === 'production') {
      // The embedded defaults are for a laptop, never for a production pod. METRICS_PORT too: on
      // PORT, /metrics (tenant ids, active users, operation names) would be reachable through the
      // load balancer by anyone.
      for (const key of ['DATABASE_URL', 'REDIS_URL', 'JWT_SECRET', 'METRICS_PORT'] as const) {
        if (env[key] === undefined) ctx.addIssue({ code: 'custom', path: [key], message: 'is required when NODE_ENV=production' });
      }
    } else if (env.NODE_ENV !== 'development' && env.REDIS_URL && !env.JWT_SECRET) {
      // Redis means several servers share sessions; each would sign with its own random key and
      // refuse the others' tokens. Development only warns (src/auth/token-secret.ts).
      ctx.addIssue({ code: 'custom', path: ['JWT_SECRET'], message: 'is required when REDIS_URL is set (every server must sign tokens with the same key)' });
    }
    if ((env.APOLLO_KEY === undefined) !== (env.APOLLO_GRAPH_REF === undefined)) {
      const missing = env.APOLLO_KEY === undefined ? 'APOLLO_KEY' : 'APOLLO_GRAPH_REF';
      ctx.addIssue({ code: 'custom', path: [missing], message: 'APOLLO_KEY and APOLLO_GRAPH_REF go together: set both (GraphOS reporting on) or neither (off)' });
    }
    if (typeof env.METRICS_PORT === 'number' && env.METRICS_PORT !== 0 && env.METRICS_PORT === env.PORT) {
      ctx.addIssue({ code: 'custom', path: ['METRICS_PORT'], message: 'must differ from PORT (it is a second listener, kept off the load balancer)' });
    }
  }, { when: () => true }); // even when a value above is malformed, so that one message names every problem

export type Config = Readonly<z.infer<typeof schema>>;

/** Every environment variable the configuration reads, for the documentation's test. */
export const settingNames: readonly string[] = Object.keys(schema.shape);

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

/** Parses the given environment (default: process.env); throws ConfigError listing every problem. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // Treat empty strings as unset so `FOO=` in a .env file does not fail a URL check.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const result = schema.safeParse(present);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => {
      const key = issue.path.join('.') || '(environment)';
      const value = env[key];
      const shown = value === undefined ? '' : ` (got ${JSON.stringify(redact(key, value))})`;
      return `${key}: ${issue.message}${shown}`;
    });
    throw new ConfigError(problems);
  }
  return Object.freeze(result.data);
}

function redact(key: string, value: string): string {
  if (/SECRET|PASSWORD|TOKEN|_KEY$/.test(key)) return '***';
  return value.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
}
