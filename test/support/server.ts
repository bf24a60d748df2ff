/**
 * A real server for tests: a fresh, migrated PostgreSQL database (or PGlite) seeded with the demo
 * companies, the whole app started on a free port, and a tiny GraphQL-over-HTTP client.
 */
import type { App, AppOptions } from '../../src/server/app.js';
import { createApp } from '../../src/server/app.js';
import { seedDemo, DEMO_PASSWORD } from '../../src/seed/demo.js';
import { createLogger, type Logger } from '../../src/observability/logger.js';
import { openMigratedDatabase, testConfig, type Backend } from './databases.js';
import type { Database } from '../../src/db/database.js';
import { operationText, type Operation, type SendOperation } from './operations.js';
import { graphql as typed } from '../generated/index.js';

export { DEMO_PASSWORD };
export type { GraphQLResult } from './operations.js';

const LOGIN = typed(`
  mutation TestSupportLogin($s: String!, $e: String!, $p: String!) {
    login(tenantSlug: $s, email: $e, password: $p) { accessToken refreshToken user { id } }
  }
`);

export interface TestServer {
  url: string;
  /** The PostgreSQL database it serves (for `startTestServer({ databaseUrl })`). */
  databaseUrl?: string;
  app: App;
  database: Database;
  /**
   * POSTs one operation; `token` becomes the Bearer header. A document from test/generated's
   * `graphql(...)` types the result and variables; a plain string is sent as it is.
   */
  graphql: SendOperation;
  /** Logs in a demo user (e.g. `member@sakura-kensetsu.example`) and returns the access token. */
  login(tenantSlug: string, email: string, password?: string): Promise<{ accessToken: string; refreshToken: string; userId: string }>;
  /** The demo tenants' ids by slug. */
  tenantIds: Record<string, string>;
  close(): Promise<void>;
}

export interface TestServerOptions {
  backend?: Backend;
  env?: Record<string, string>;
  logQueries?: boolean;
  /** Seed the demo companies (default true). */
  seed?: boolean;
  /**
   * Serve an existing, already migrated and seeded database (e.g. another test server's
   * `databaseUrl`) instead of a fresh scratch one; it is left alone on close (its owner drops it).
   */
  databaseUrl?: string;
  /** The app's logger (e.g. one writing to a capturing stream); default: silent, or TEST_LOG_LEVEL. */
  logger?: Logger;
  /** GraphOS reporting's timings (with APOLLO_KEY and APOLLO_GRAPH_REF in `env`). */
  graphos?: AppOptions['graphos'];
}

export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const backend = options.backend ?? 'postgres';
  // PostgreSQL: a fresh scratch database, migrated and seeded here; the app opens its own clients
  // on it. PGlite: the app's own in-memory database, migrated and seeded by the app as on a
  // developer's first `npm start`.
  const migrated = backend === 'postgres' && !options.databaseUrl ? await openMigratedDatabase('postgres') : undefined;
  if (migrated && options.seed !== false) await seedDemo(migrated.database);
  const url = options.databaseUrl ?? migrated?.url;
  const config = testConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    JWT_SECRET: 'test-secret-test-secret-test-secret-0123456789',
    UPLOAD_DIR: `.data/test-uploads-${process.pid}`,
    ...(url ? { DATABASE_URL: url } : { PGLITE_DATA_DIR: 'memory://' }),
    ...options.env,
  });
  const logger = options.logger ?? createLogger({ LOG_LEVEL: (process.env.TEST_LOG_LEVEL as 'silent') ?? 'silent' });
  const seedEmbedded = backend === 'pglite' && options.seed !== false;
  const app = await createApp(config, {
    logger,
    ...(options.logQueries && { logQueries: true }),
    ...(options.graphos && { graphos: options.graphos }),
    ...(seedEmbedded && { seedDemo: async (database: Database) => (await seedDemo(database)).logins }),
  });
  const tenants = await app.deps.database.writer.tenant.findMany({ select: { id: true, slug: true } });
  const base = await app.start();
  const endpoint = `${base}/graphql`;

  const graphql = (async (query: Operation, variables?: unknown, token?: string, headers: Record<string, string> = {}) => {
    const response = await fetch(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token && { authorization: `Bearer ${token}` }), ...headers },
      body: JSON.stringify({ query: operationText(query), variables }),
    });
    const body = (await response.json()) as object;
    return { status: response.status, headers: response.headers, ...body };
  }) as SendOperation;

  return {
    url: base,
    ...(url && { databaseUrl: url }),
    app,
    database: app.deps.database,
    graphql,
    tenantIds: Object.fromEntries(tenants.map((t) => [t.slug, t.id])),
    async login(tenantSlug, email, password = DEMO_PASSWORD) {
      const result = await graphql(LOGIN, { s: tenantSlug, e: email, p: password });
      if (!result.data?.login) throw new Error(`login failed for ${email}: ${JSON.stringify(result.errors)}`);
      return { accessToken: result.data.login.accessToken, refreshToken: result.data.login.refreshToken, userId: result.data.login.user.id };
    },
    async close() {
      await app.stop();
      await migrated?.close();
    },
  };
}
