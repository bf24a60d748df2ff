/**
 * The dashboard cache end to end: two servers ("pods") sharing PostgreSQL and Redis.
 * Measured here (full dashboard as in test/api/query-count.test.ts, seeded demo tenant):
 *   miss: 10 statements (set_config, six aggregates, users, progress, COMMIT);
 *   the same operation again: 0 statements (the whole result is cached, src/cache/response-cache.ts);
 *   another selection of the same figures: 3 statements (set_config, users of the assignees and
 *   actors, COMMIT): the aggregates come from the per-field cache;
 *   another selection without user fields: 0 statements.
 */
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCache } from '../../src/cache/cache.js';
import { createResponseCache } from '../../src/cache/response-cache.js';
import { startTestServer, type TestServer } from '../support/server.js';
import type { ResultOf } from '../support/operations.js';
import { FULL_DASHBOARD, type FullDashboard } from '../support/queries.js';
import { graphql } from '../generated/index.js';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const MISS_STATEMENTS = 10;
const FIELD_HIT_STATEMENTS = 3;
const CROSS_POD_ROUNDS = 40;
/** The same figures asked for by another document: a whole-result miss, per-field hits. */
const FULL_DASHBOARD_AGAIN = FULL_DASHBOARD.replace('dashboard {', 'dashboard { __typename');

const NUMBERS_ONLY = '{ dashboard { generatedAt taskCountsByStatus { status count } overdueCount projectsByStatus { status count } } }';
/**
 * The dashboard documents above are sent as text (the caches and statement counts are of these
 * texts); FULL_DASHBOARD is FullDashboard printed without its name, so its answer has that type.
 */
type Dashboard = ResultOf<typeof FullDashboard>;
/** FULL_DASHBOARD_AGAIN's answer: the same, with the __typename it adds. */
type DashboardAgain = { dashboard: Dashboard['dashboard'] & { __typename: 'Dashboard' } };

const ME = graphql(`query DashboardCacheMe { me { id } }`);
const ACTIVE_PROJECT = graphql(`query DashboardCacheActiveProject { projects(first: 1, status: ACTIVE) { nodes { id } } }`);
const A_PROJECT = graphql(`query DashboardCacheAProject { projects(first: 1) { nodes { id } } }`);
const CREATE_TASK = graphql(`mutation DashboardCacheCreateTask($i: CreateTaskInput!) { createTask(input: $i) { id } }`);

describe('dashboard cache across two pods', () => {
  let one: TestServer;
  let two: TestServer;
  let redis: Redis;
  let statements: string[] = [];
  const tokens: Record<string, { one: string; two: string }> = {};

  beforeAll(async () => {
    one = await startTestServer({ env: { REDIS_URL }, logQueries: true });
    two = await startTestServer({ env: { REDIS_URL }, databaseUrl: one.databaseUrl! });
    redis = new Redis(REDIS_URL);
    one.database.onStatement((event) => statements.push(event.query));
    for (const slug of ['sakura-kensetsu', 'fuji-logistics']) {
      tokens[slug] = {
        one: (await one.login(slug, `member@${slug}.example`)).accessToken,
        two: (await two.login(slug, `member@${slug}.example`)).accessToken,
      };
      // The first authenticated request reads the tenant (its rate limit) into the master cache.
      for (const [server, token] of [[one, tokens[slug]!.one], [two, tokens[slug]!.two]] as const) {
        expect((await server.graphql(ME, {}, token)).errors).toBeUndefined();
      }
    }
  });
  afterAll(async () => {
    await redis?.quit();
    await two?.close();
    await one?.close(); // owns and drops the database
  });

  async function dashboard<T extends { dashboard: object } = Dashboard>(server: TestServer, slug: string, query = FULL_DASHBOARD): Promise<T['dashboard']> {
    const result = await server.graphql<T>(query, {}, server === one ? tokens[slug]!.one : tokens[slug]!.two);
    expect(result.errors).toBeUndefined();
    return result.data!.dashboard;
  }

  async function counted<T extends { dashboard: object } = Dashboard>(server: TestServer, slug: string, query = FULL_DASHBOARD) {
    statements = [];
    const data = await dashboard<T>(server, slug, query);
    return { data, count: statements.length, statements: statements.join('\n') };
  }

  const todo = (d: Dashboard['dashboard']) => d.taskCountsByStatus.find((c) => c.status === 'TODO')!.count;

  async function createTask(server: TestServer, slug: string, title: string): Promise<string> {
    const token = server === one ? tokens[slug]!.one : tokens[slug]!.two;
    const projects = await server.graphql(ACTIVE_PROJECT, {}, token);
    const projectId = projects.data?.projects?.nodes[0]?.id ?? (await server.graphql(A_PROJECT, {}, token)).data!.projects.nodes[0]!.id;
    const created = await server.graphql(CREATE_TASK, { i: { projectId, title } }, token);
    expect(created.errors).toBeUndefined();
    return created.data!.createTask.id;
  }

  it('serves the second request from the cache with far fewer statements', async () => {
    const miss = await counted(one, 'sakura-kensetsu');
    const hit = await counted(one, 'sakura-kensetsu');
    expect(miss.count, miss.statements).toBe(MISS_STATEMENTS);
    expect(hit.count, hit.statements).toBe(0);
    expect(hit.data).toEqual(miss.data);
    const fields = await counted<DashboardAgain>(one, 'sakura-kensetsu', FULL_DASHBOARD_AGAIN);
    expect(fields.count, fields.statements).toBe(FIELD_HIT_STATEMENTS);
    const { __typename, ...sameFigures } = fields.data;
    expect(__typename).toBe('Dashboard');
    expect(sameFigures).toEqual(miss.data); // the same instant, numbers, rows (Dates revived) and users
    const numbers = await counted(one, 'sakura-kensetsu', NUMBERS_ONLY);
    expect(numbers.count, numbers.statements).toBe(0);
  });

  it('shows a write made through the same pod at once', async () => {
    const before = await dashboard(one, 'sakura-kensetsu');
    const taskId = await createTask(one, 'sakura-kensetsu', 'Cache check, same pod');
    const after = await dashboard(one, 'sakura-kensetsu');
    expect(todo(after)).toBe(todo(before) + 1);
    expect(after.recentActivity[0]).toMatchObject({ verb: 'task.created' });
    expect(Date.parse(after.generatedAt)).toBeGreaterThan(Date.parse(before.generatedAt));
    expect(taskId).toBeTruthy();
  });

  it('shows a write made through the other pod at once (no stale minute), round after round', async () => {
    // Each round: both pods have the dashboard cached, in process and in Redis; pod two writes; pod
    // one's very next read shows it. The writer bumped the generation in Redis, published the event
    // and waited for Redis to hand it to every pod before it answered (context/scope.ts); pod one
    // handles what arrived on its pub/sub socket before it reads a generation (server/http.ts).
    // One round alone rarely catches a lost race: before that ordering, 5 rounds in 200 were stale
    // with both cores busy; so this runs many.
    for (let round = 0; round < CROSS_POD_ROUNDS; round++) {
      const before = await dashboard(one, 'sakura-kensetsu');
      expect(await dashboard(two, 'sakura-kensetsu')).toEqual(before);
      await createTask(two, 'sakura-kensetsu', `Cache check, other pod, round ${round}`);
      const after = await dashboard(one, 'sakura-kensetsu');
      expect(todo(after), `round ${round}`).toBe(todo(before) + 1);
      expect(after.recentActivity[0]).toMatchObject({ verb: 'task.created' });
    }
  });

  it('never serves one tenant the dashboard of another; every key starts with a tenant id', async () => {
    const sakuraId = one.tenantIds['sakura-kensetsu']!;
    const fujiId = one.tenantIds['fuji-logistics']!;
    const sakura = await dashboard(one, 'sakura-kensetsu'); // cached
    const fuji = await dashboard(one, 'fuji-logistics');
    expect(fuji.recentActivity.map((e) => e.id)).not.toEqual(sakura.recentActivity.map((e) => e.id));
    const fujiActivity = await one.database.writer.$queryRaw<{ id: string }[]>`
      SELECT id::text FROM activity_events WHERE tenant_id = ${fujiId}::uuid ORDER BY created_at DESC, id DESC LIMIT 10`;
    expect(fuji.recentActivity.map((e) => e.id)).toEqual(fujiActivity.map((r) => r.id));
    const fujiTasks = await one.database.writer.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM tasks WHERE tenant_id = ${fujiId}::uuid`;
    expect(fuji.taskCountsByStatus.reduce((n, c) => n + c.count, 0)).toBe(fujiTasks[0]!.n);

    // Redis SETs are not awaited by the request: polled until both tenants' entries have landed.
    const landed = async () => {
      const all = await redis.keys('*:cache:*');
      return [sakuraId, fujiId].every((id) => all.filter((k) => k.startsWith(`${id}:cache:dashboard:`)).length >= 7);
    };
    await expect.poll(landed).toBe(true);
    const keys = await redis.keys('*:cache:*');
    for (const key of keys) expect(key).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}:cache:/);
    const ours = (tenantId: string) => keys.filter((k) => k.startsWith(`${tenantId}:cache:dashboard:`));
    expect(ours(sakuraId).length).toBeGreaterThanOrEqual(7);
    expect(ours(fujiId).length).toBeGreaterThanOrEqual(7);
    expect(keys).toContain(`${sakuraId}:cache:dashboard:gen`);
    // Fuji's numbers are under Fuji's id: nothing of Sakura's generation names them.
    expect(ours(fujiId).some((k) => k.includes(':taskStats:'))).toBe(true);
  });

  it('with Redis unreachable, answers uncached and correct', async () => {
    const dead = new Redis('redis://127.0.0.1:1', { maxRetriesPerRequest: 1, connectTimeout: 200, retryStrategy: () => 1_000 });
    dead.on('error', () => {});
    // The sessions still need the real Redis (REDIS_URL), so only the caches' connection is dead.
    const { cache, responseCache } = one.app.deps;
    one.app.deps.cache = createCache({ redis: dead, metrics: one.app.metrics, logger: one.app.logger });
    one.app.deps.responseCache = createResponseCache({ cache: one.app.deps.cache, redis: dead, metrics: one.app.metrics, logger: one.app.logger });
    try {
      const first = await counted(one, 'sakura-kensetsu');
      const second = await counted(one, 'sakura-kensetsu');
      // Uncached, the tenant's rate limit (master data) is read too, in a transaction of its own.
      const RATE_LIMIT_LOOKUP = 3;
      expect(first.count, first.statements).toBe(MISS_STATEMENTS + RATE_LIMIT_LOOKUP);
      expect(second.count, second.statements).toBe(MISS_STATEMENTS + RATE_LIMIT_LOOKUP);
      await createTask(one, 'sakura-kensetsu', 'Cache check, Redis down');
      const after = await dashboard(one, 'sakura-kensetsu');
      expect(todo(after)).toBe(todo(second.data) + 1);
    } finally {
      one.app.deps.cache = cache;
      one.app.deps.responseCache = responseCache;
      dead.disconnect();
    }
  });

  it('exports cache hits and misses', async () => {
    const text = await (await fetch(`${one.url}/metrics`)).text();
    const value = (result: string) => Number(new RegExp(`^dandori_cache_requests_total\\{class="dashboard",result="${result}"\\} (\\d+)`, 'm').exec(text)?.[1]);
    expect(value('hit')).toBeGreaterThan(0);
    expect(value('miss')).toBeGreaterThan(0);
  });
});
