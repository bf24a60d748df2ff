/**
 * Redis is not a single point of failure for reads. A real server process on PostgreSQL and a
 * Redis of the test's own, which is then killed, frozen and restarted:
 *  - while Redis is gone, requests with a valid access token keep working (sessions known to the
 *    pod are trusted; rate limits and caches fail open), and sign-in answers a retryable 503;
 *  - each subsystem logs "unavailable" once when Redis goes and "is back" once when it returns,
 *    not a line per request;
 *  - a frozen Redis (SIGSTOP: connections open, no answers) does not hold requests;
 *  - with a Redis that persists (append-only file, as the production one does), sessions survive
 *    its restart.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, seedDemo } from '../../src/seed/demo.js';
import { openMigratedDatabase, type MigratedDatabase } from '../support/databases.js';
import type { ResultOf } from '../support/operations.js';
import { FULL_DASHBOARD, type FullDashboard } from '../support/queries.js';
import { startPrivateRedis, type PrivateRedis } from '../support/redis-server.js';
import { startServerProcess, type ServerProcess } from '../support/server-process.js';
import { graphql } from '../generated/index.js';

const LOGIN = graphql(`mutation RedisDownLogin($s: String!, $e: String!, $p: String!) { login(tenantSlug: $s, email: $e, password: $p) { accessToken refreshToken } }`);
const REFRESH = graphql(`mutation RedisDownRefresh($t: String!) { refreshSession(refreshToken: $t) { accessToken refreshToken } }`);
const CREATE_TASK = graphql(`mutation RedisDownCreateTask($i: CreateTaskInput!) { createTask(input: $i) { id title } }`);
const ME = graphql(`query RedisDownMe { me { id } }`);
const A_PROJECT = graphql(`query RedisDownAProject { projects(first: 1) { nodes { id } } }`);
/** FULL_DASHBOARD is FullDashboard printed without its name: its result has that type. */
type Dashboard = ResultOf<typeof FullDashboard>;
const credentials = (email: string) => ({ s: 'sakura-kensetsu', e: `${email}@sakura-kensetsu.example`, p: DEMO_PASSWORD });

async function signIn(server: ServerProcess, email: string) {
  const result = await server.graphql(LOGIN, credentials(email));
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data!.login;
}

const linesMatching = (output: string, pattern: RegExp) => output.split('\n').filter((line) => pattern.test(line));

describe('Redis down', () => {
  let database: MigratedDatabase;
  let redis: PrivateRedis;
  let server: ServerProcess;

  beforeAll(async () => {
    database = await openMigratedDatabase('postgres');
    await seedDemo(database.database);
    redis = await startPrivateRedis();
    server = await startServerProcess({ DATABASE_URL: database.url!, REDIS_URL: redis.url, LOG_LEVEL: 'info' });
  });
  afterAll(async () => {
    await server?.stop();
    await redis?.close();
    await database?.close();
  });

  it('keeps serving signed-in users, refuses sign-in with a retryable 503, and says so once', async () => {
    const member = await signIn(server, 'member');
    const admin = await signIn(server, 'admin');
    for (const token of [member.accessToken, admin.accessToken]) expect((await server.graphql(ME, {}, token)).status).toBe(200);

    await redis.kill();
    for (let i = 0; i < 10; i++) {
      for (const token of [member.accessToken, admin.accessToken]) {
        const dashboard = await server.graphql<Dashboard>(FULL_DASHBOARD, {}, token);
        expect(dashboard.status, JSON.stringify(dashboard.errors)).toBe(200);
        expect(dashboard.data?.dashboard.taskCountsByStatus).toHaveLength(4);
      }
    }
    const login = await server.graphql(LOGIN, credentials('viewer'));
    expect(login.status).toBe(503);
    expect(login.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
    const refresh = await server.graphql(REFRESH, { t: member.refreshToken });
    expect(refresh.status).toBe(503);
    expect(refresh.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');

    await redis.start();
    let back = false;
    for (let i = 0; i < 100 && !back; i++) {
      back = (await server.graphql(LOGIN, credentials('viewer'))).status === 200;
      if (!back) await new Promise((r) => setTimeout(r, 100));
    }
    expect(back).toBe(true);
    const admin2 = await signIn(server, 'admin');
    expect((await server.graphql(FULL_DASHBOARD, {}, admin2.accessToken)).status).toBe(200); // the cache talks to Redis again
    // Redis restarted empty (no persistence): the sessions it held are gone, as a revocation.
    await expect.poll(async () => (await server.graphql(ME, {}, member.accessToken)).status, { timeout: 5_000 }).toBe(401);

    const output = server.output();
    expect(output).not.toContain('Unhandled error event');
    // At most one line per subsystem when Redis went (not one per request: 20 requests were
    // served meanwhile), and one when it came back.
    expect(linesMatching(output, /"cache: redis unavailable/)).toHaveLength(1);
    for (const subsystem of ['sessions', 'tenant rate limit', 'response cache']) {
      expect(linesMatching(output, new RegExp(`"${subsystem}: redis unavailable`)).length, subsystem).toBeLessThanOrEqual(1);
    }
    expect(linesMatching(output, /"cache: redis is back"/)).toHaveLength(1);
  });

  it('does not hold requests while Redis is frozen', async () => {
    const member = await signIn(server, 'member2');
    expect((await server.graphql(ME, {}, member.accessToken)).status).toBe(200);
    const projects = await server.graphql(A_PROJECT, {}, member.accessToken);
    const projectId = projects.data!.projects.nodes[0]!.id;
    redis.freeze();
    try {
      const started = Date.now();
      // A write waits for Redis to take its invalidation only so long (context/scope.ts).
      const [me, dashboard, login, created] = await Promise.all([
        server.graphql(ME, {}, member.accessToken),
        server.graphql(FULL_DASHBOARD, {}, member.accessToken),
        server.graphql(LOGIN, credentials('member3')),
        server.graphql(CREATE_TASK, { i: { projectId, title: 'Written while Redis is frozen' } }, member.accessToken),
      ]);
      expect(me.status).toBe(200);
      expect(dashboard.status).toBe(200);
      expect(login.status).toBe(503);
      expect(created.status, JSON.stringify(created.errors)).toBe(200);
      expect(created.data?.createTask.title).toBe('Written while Redis is frozen');
      // Bounded by the Redis command timeout (1 s), not by TCP giving up.
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      redis.thaw();
    }
  });
});

describe('Redis restart with persistence', () => {
  let database: MigratedDatabase;
  let redis: PrivateRedis;
  let server: ServerProcess;

  beforeAll(async () => {
    database = await openMigratedDatabase('postgres');
    await seedDemo(database.database);
    redis = await startPrivateRedis({ persist: true });
    server = await startServerProcess({ DATABASE_URL: database.url!, REDIS_URL: redis.url });
  });
  afterAll(async () => {
    await server?.stop();
    await redis?.close();
    await database?.close();
  });

  it('keeps sessions: the access token and the refresh token still work', async () => {
    const member = await signIn(server, 'member');
    await redis.kill();
    await redis.start();
    // The pod drops what it held when its subscription dropped, and asks Redis again: still there.
    await expect.poll(async () => (await server.graphql(REFRESH, { t: member.refreshToken })).status, { timeout: 10_000 }).toBe(200);
    expect((await server.graphql(ME, {}, member.accessToken)).status).toBe(200);
  });
});
