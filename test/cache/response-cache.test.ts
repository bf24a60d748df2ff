/**
 * The whole-result cache (src/cache/response-cache.ts) through real HTTP, on two servers ("pods")
 * sharing PostgreSQL and a Redis of this test's own (so its command counts are exact):
 *  - a warm, repeated dashboard request runs no SQL and at most one Redis command;
 *  - a per-user field splits the entry per user: nobody gets another user's `me`;
 *  - a write in one tenant refreshes that tenant's entries only, and never mixes two tenants;
 *  - an entry never outlives the dashboard's `generatedAt` bound (one minute);
 *  - a pod that never ran an operation answers it from another pod's entry in Redis;
 *  - GET responses say the same to a CDN or browser in Cache-Control.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import type { ResultOf } from '../support/operations.js';
import { FULL_DASHBOARD, type FullDashboard } from '../support/queries.js';
import { startPrivateRedis, type PrivateRedis } from '../support/redis-server.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { graphql } from '../generated/index.js';

const WITH_ME = graphql(`query ResponseCacheWithMe { dashboard { overdueCount } me { id displayName } }`);
const CREATE_TASK = graphql(`mutation ResponseCacheCreateTask($i: CreateTaskInput!) { createTask(input: $i) { id } }`);
const SHARED = graphql(`query ResponseCacheShared { dashboard { overdueCount projectsByStatus { status count } } }`);
const OVERDUE = graphql(`query Overdue($n: Int) { dashboard { overdueTasks(first: $n) { id } } }`);
const A_PROJECT = graphql(`query ResponseCacheAProject { projects(first: 1) { nodes { id } } }`);
const USERS = graphql(`query ResponseCacheUsers { users(first: 50) { nodes { id displayName department { name } } } }`);
const RENAME_USER = graphql(`mutation ResponseCacheRenameUser($id: UUID!) { updateUser(id: $id, input: { displayName: "Renamed For Cache" }) { id } }`);
const DEPARTMENTS = graphql(`query ResponseCacheDepartments { departments(first: 50) { nodes { id name } } }`);
const RENAME_DEPARTMENT = graphql(`mutation ResponseCacheRenameDepartment($id: UUID!) { updateDepartment(id: $id, input: { name: "Renamed Department" }) { id } }`);
const GENERATED_AT = graphql(`query ResponseCacheGeneratedAt { dashboard { generatedAt overdueCount } }`);
const ELSEWHERE = graphql(`query ResponseCacheElsewhere { dashboard { projectsByStatus { status count } recentActivity(first: 3) { id summary } } }`);
const ME = graphql(`query ResponseCacheMe { me { id } }`);
/** FULL_DASHBOARD, the anonymous text clients send, is FullDashboard printed without its name. */
type Dashboard = ResultOf<typeof FullDashboard>;

describe('whole-result cache', () => {
  let redis: PrivateRedis;
  let inspect: Redis;
  let one: TestServer;
  let two: TestServer;
  const statements: Record<'one' | 'two', string[]> = { one: [], two: [] };
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    redis = await startPrivateRedis();
    inspect = new Redis(redis.url);
    one = await startTestServer({ env: { REDIS_URL: redis.url }, logQueries: true });
    two = await startTestServer({ env: { REDIS_URL: redis.url }, databaseUrl: one.databaseUrl!, logQueries: true });
    one.database.onStatement((e) => statements.one.push(e.query));
    two.database.onStatement((e) => statements.two.push(e.query));
    tokens.member = (await one.login('sakura-kensetsu', 'member@sakura-kensetsu.example')).accessToken;
    tokens.admin = (await one.login('sakura-kensetsu', 'admin@sakura-kensetsu.example')).accessToken;
    tokens.fuji = (await one.login('fuji-logistics', 'member@fuji-logistics.example')).accessToken;
  });
  afterAll(async () => {
    inspect?.disconnect();
    await two?.close();
    await one?.close();
    await redis?.close();
  });

  const ask = async <T = Dashboard>(server: TestServer, query: TypedDocumentNode<T, any> | typeof FULL_DASHBOARD, token: string, variables: Record<string, unknown> = {}) => {
    const result = typeof query === 'string' ? await server.graphql<T>(query, variables, token) : await server.graphql(query, variables, token);
    expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
    return { data: result.data!, cache: result.headers.get('x-dandori-cache') };
  };

  it('answers a warm, repeated dashboard with no SQL and at most one Redis command', async () => {
    await ask(one, FULL_DASHBOARD, tokens.member!); // plans the text, fills the entry
    const warm = await ask(one, FULL_DASHBOARD, tokens.member!);
    expect(warm.cache).toBe('hit');
    let total = 0;
    for (let i = 0; i < 20; i++) {
      statements.one = [];
      const before = await redis.commandCount();
      const again = await ask(one, FULL_DASHBOARD, tokens.member!);
      const commands = (await redis.commandCount()) - before;
      expect(again.cache).toBe('hit');
      expect(again.data).toEqual(warm.data);
      expect(statements.one, statements.one.join('\n')).toEqual([]);
      expect(commands).toBeLessThanOrEqual(1);
      total += commands;
    }
    // Typically none at all: the session, the rate limit and the cache generations are in memory.
    expect(total).toBeLessThanOrEqual(2);
  });

  it('never serves one user’s answer to another when a field depends on the user', async () => {
    const member = await ask(one, WITH_ME, tokens.member!);
    expect((await ask(one, WITH_ME, tokens.member!)).cache).toBe('hit');
    const admin = await ask(one, WITH_ME, tokens.admin!);
    expect(admin.cache).toBe('miss'); // the member's entry is not the admin's
    expect(admin.data.me.id).not.toBe(member.data.me.id);
    expect(admin.data.me.displayName).not.toBe(member.data.me.displayName);
    const again = await ask(one, WITH_ME, tokens.admin!);
    expect(again).toEqual({ data: admin.data, cache: 'hit' });
    expect((await ask(one, WITH_ME, tokens.member!)).data).toEqual(member.data);
    // A tenant-wide operation IS shared by both (one entry for the tenant).
    await ask(one, SHARED, tokens.member!);
    expect((await ask(one, SHARED, tokens.admin!)).cache).toBe('hit');
  });

  it('keeps variables apart', async () => {
    const oneTask = await ask(one, OVERDUE, tokens.member!, { n: 1 });
    const twoTasks = await ask(one, OVERDUE, tokens.member!, { n: 2 });
    expect(oneTask.data.dashboard.overdueTasks).toHaveLength(1);
    expect(twoTasks.data.dashboard.overdueTasks).toHaveLength(2);
    expect((await ask(one, OVERDUE, tokens.member!, { n: 1 })).data).toEqual(oneTask.data);
  });

  it('refreshes the writing tenant only, and never mixes two tenants', async () => {
    const sakura = await ask(one, FULL_DASHBOARD, tokens.member!);
    const fuji = await ask(one, FULL_DASHBOARD, tokens.fuji!);
    expect((await ask(two, FULL_DASHBOARD, tokens.fuji!)).data).toEqual(fuji.data);
    expect(fuji.data).not.toEqual(sakura.data);

    const projectId = (await one.graphql(A_PROJECT, {}, tokens.member!)).data!.projects.nodes[0]!.id;
    const created = await two.graphql(CREATE_TASK, { i: { projectId, title: 'Whole-result cache check' } }, tokens.member!);
    expect(created.errors).toBeUndefined();

    const todo = (d: typeof sakura.data) => d.dashboard.taskCountsByStatus.find((c) => c.status === 'TODO')!.count;
    // Written through pod two: pod one answers the new figures as soon as it hears of the write
    // (pub/sub, milliseconds; the writer bumped the generation in Redis before it answered).
    await expect.poll(async () => todo((await ask(one, FULL_DASHBOARD, tokens.member!)).data), { timeout: 2_000 }).toBe(todo(sakura.data) + 1);
    expect((await ask(one, FULL_DASHBOARD, tokens.member!)).cache).toBe('hit'); // and caches them again
    // Fuji's entries were not touched, on either pod.
    expect(await ask(one, FULL_DASHBOARD, tokens.fuji!)).toEqual({ data: fuji.data, cache: 'hit' });
    expect(await ask(two, FULL_DASHBOARD, tokens.fuji!)).toEqual({ data: fuji.data, cache: 'hit' });
    // Every entry in Redis is under a tenant, and each tenant's only under its own id.
    const keys = await inspect.keys('*:cache:response:*');
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) expect([one.tenantIds['sakura-kensetsu'], one.tenantIds['fuji-logistics']]).toContain(key.slice(0, 36));
  });

  it('refreshes user lists when a user changes, and master data when a department does', async () => {
    const before = await ask(one, USERS, tokens.admin!);
    expect((await ask(one, USERS, tokens.admin!)).cache).toBe('hit');
    const someone = before.data.users.nodes.find((u) => u.department)!;
    const renamed = await one.graphql(RENAME_USER, { id: someone.id }, tokens.admin!);
    expect(renamed.errors).toBeUndefined();
    const afterUser = await ask(one, USERS, tokens.admin!);
    expect(afterUser.cache).toBe('miss');
    expect(afterUser.data.users.nodes.find((u) => u.id === someone.id)!.displayName).toBe('Renamed For Cache');

    const departments = (await one.graphql(DEPARTMENTS, {}, tokens.admin!)).data!.departments.nodes;
    const department = departments.find((d) => d.name === someone.department!.name)!;
    const moved = await one.graphql(RENAME_DEPARTMENT, { id: department.id }, tokens.admin!);
    expect(moved.errors).toBeUndefined();
    const afterDepartment = await ask(one, USERS, tokens.admin!);
    expect(afterDepartment.cache).toBe('miss');
    expect(afterDepartment.data.users.nodes.find((u) => u.id === someone.id)!.department!.name).toBe('Renamed Department');
  });

  it('lets no entry outlive the dashboard’s generatedAt by more than a minute', async () => {
    const { data } = await ask(one, GENERATED_AT, tokens.fuji!);
    const generatedAt = Date.parse(data.dashboard.generatedAt);
    const fujiId = one.tenantIds['fuji-logistics']!;
    // The Redis copy is written after the answer.
    let ours: string | null | undefined;
    for (let i = 0; i < 50 && !ours; i++) {
      const entries = await Promise.all((await inspect.keys(`${fujiId}:cache:response:*`)).map((k) => inspect.get(k)));
      ours = entries.find((value) => value?.includes(data.dashboard.generatedAt));
      if (!ours) await new Promise((r) => setTimeout(r, 50));
    }
    expect(ours).toBeDefined();
    const [expiresAt, storedAt] = ours!.slice(0, ours!.indexOf('\n')).split(' ').map(Number) as [number, number];
    expect(storedAt).toBeLessThan(expiresAt);
    expect(expiresAt).toBeLessThanOrEqual(generatedAt + 60_000);
    expect(expiresAt).toBeGreaterThan(Date.now());
  });

  it('answers on a pod that never ran the operation from the entry another pod left in Redis', async () => {
    const first = await ask(one, ELSEWHERE, tokens.fuji!);
    const fujiId = one.tenantIds['fuji-logistics']!;
    const stored = async () => (await Promise.all((await inspect.keys(`${fujiId}:cache:response:*`)).map((k) => inspect.get(k)))).some((v) => v?.includes('"recentActivity"'));
    for (let i = 0; i < 50 && !(await stored()); i++) await new Promise((r) => setTimeout(r, 50));
    await ask(two, ME, tokens.fuji!); // the tenant's rate limit row is in pod two's cache now
    statements.two = [];
    const elsewhere = await ask(two, ELSEWHERE, tokens.fuji!);
    expect(elsewhere).toEqual({ data: first.data, cache: 'hit' });
    expect(statements.two, statements.two.join('\n')).toEqual([]);
  });

  it('says the same in Cache-Control on GET: private with a token, public only when nobody’s data is in it', async () => {
    const get = (query: string, token?: string) =>
      fetch(`${one.url}/graphql?query=${encodeURIComponent(query)}`, {
        headers: { 'apollo-require-preflight': 'true', ...(token && { authorization: `Bearer ${token}` }) },
      });
    const dashboard = await get('{ dashboard { overdueCount } }', tokens.member);
    expect(dashboard.status).toBe(200);
    // max-age is the answer's life from when it was computed (never past the class TTL); Age how much has passed.
    const maxAge = (r: Response) => Number(/max-age=(\d+)/.exec(r.headers.get('cache-control') ?? '')?.[1]);
    expect(dashboard.headers.get('cache-control')).toMatch(/^private, max-age=\d+$/);
    expect(maxAge(dashboard)).toBeLessThanOrEqual(60);
    expect(maxAge(dashboard)).toBeGreaterThanOrEqual(55);
    expect(dashboard.headers.get('vary')).toBe('Accept, Authorization');
    await new Promise((r) => setTimeout(r, 1_100));
    const again = await get('{ dashboard { overdueCount } }', tokens.member);
    expect(again.headers.get('x-dandori-cache')).toBe('hit');
    expect(again.headers.get('vary')).toBe('Accept, Authorization');
    expect(Number(again.headers.get('age'))).toBeGreaterThanOrEqual(1);
    // What a browser may keep it for from now (max-age − Age) is no more than what is left of it.
    expect(maxAge(again) - Number(again.headers.get('age'))).toBeLessThanOrEqual(maxAge(dashboard) - 1);
    expect(await again.json()).toEqual(await dashboard.json());
    expect((await get('{ tasks(first: 1) { nodes { id } } }', tokens.member)).headers.get('cache-control')).toBe('private, no-store');
    expect((await get('{ tenant { name } }', tokens.member)).headers.get('cache-control')).toMatch(/^private, max-age=(3600|359\d)$/);
    expect((await get('{ __typename }')).headers.get('cache-control')).toBe('public, max-age=3600');
    // POST responses carry no caching instructions of ours (the GET's text above, on purpose).
    const post = await one.graphql('{ dashboard { overdueCount } }', {}, tokens.member!);
    expect(post.headers.get('cache-control')).toBeNull();
  });
});
