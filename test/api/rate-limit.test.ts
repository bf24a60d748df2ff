/**
 * The gateway limits each tenant's rate (src/admission/tenant-rate-limit.ts), through real HTTP:
 * past Tenant.rateLimitPerMinute authenticated requests in the minute, a tenant's requests get
 * 429 RATE_LIMITED with Retry-After, other tenants are unaffected, rejections are counted in
 * /metrics, and with Redis two servers ("pods") share one budget per tenant.
 */
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTenantRateLimiter, rateKey, TENANT_RATE_KEY_PREFIX } from '../../src/admission/tenant-rate-limit.js';
import { startTestServer, type GraphQLResult, type TestServer } from '../support/server.js';
import { graphql } from '../generated/index.js';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const ME = graphql(`query RateLimitMe { me { id } }`);
const TENANT = graphql(`query RateLimitTenant { tenant { id } }`);

/** Sets a tenant's limit as the owner and makes the servers' master-data cache forget the tenant. */
async function setLimit(servers: TestServer[], tenantId: string, perMinute: number) {
  await servers[0]!.database.writer.$executeRaw`UPDATE tenants SET rate_limit_per_minute = ${perMinute} WHERE id = ${tenantId}::uuid`;
  for (const server of servers) await server.app.deps.cache.invalidate(tenantId, 'master');
}

function expectRateLimited(result: GraphQLResult<unknown>) {
  expect(result.status).toBe(429);
  expect(result.data ?? null).toBeNull();
  const error = result.errors?.[0];
  expect(error?.extensions?.code).toBe('RATE_LIMITED');
  const retryAfterSeconds = error?.extensions?.retryAfterSeconds as number;
  expect(retryAfterSeconds).toBeGreaterThan(0);
  expect(retryAfterSeconds).toBeLessThanOrEqual(60);
  expect(result.headers.get('retry-after')).toBe(String(retryAfterSeconds));
  expect(error?.extensions).not.toHaveProperty('http');
}

describe('per-tenant rate limit (one server, in memory)', () => {
  let server: TestServer;
  let sakuraId: string;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    server = await startTestServer();
    sakuraId = server.tenantIds['sakura-kensetsu']!;
    await setLimit([server], sakuraId, 5);
    tokens.sakura = (await server.login('sakura-kensetsu', 'member@sakura-kensetsu.example')).accessToken;
    tokens.fuji = (await server.login('fuji-logistics', 'member@fuji-logistics.example')).accessToken;
  });
  afterAll(() => server?.close());

  it('refuses the limit+1-th authenticated request of the minute with 429 and Retry-After', async () => {
    for (let i = 0; i < 5; i++) {
      const ok = await server.graphql(ME, {}, tokens.sakura);
      expect(ok.status, JSON.stringify(ok.errors)).toBe(200);
      expect(ok.errors).toBeUndefined();
    }
    expectRateLimited(await server.graphql(ME, {}, tokens.sakura));
    expectRateLimited(await server.graphql(TENANT, {}, tokens.sakura));
  });

  it('leaves other tenants alone, and anonymous requests (login) uncounted', async () => {
    for (let i = 0; i < 10; i++) {
      const ok = await server.graphql(ME, {}, tokens.fuji);
      expect(ok.status).toBe(200);
      expect(ok.errors).toBeUndefined();
    }
    // Sakura is over its limit, but signing in is anonymous (login has its own throttle).
    const again = await server.login('sakura-kensetsu', 'admin@sakura-kensetsu.example');
    expect(again.accessToken).toBeTruthy();
    expectRateLimited(await server.graphql(ME, {}, again.accessToken));
  });

  it('counts rejections in /metrics', async () => {
    const text = await (await fetch(`${server.url}/metrics`)).text();
    const value = Number(/^dandori_rate_limit_rejections_total\{limiter="tenant"\} (\d+)/m.exec(text)?.[1]);
    expect(value).toBeGreaterThanOrEqual(3);
  });
});

describe('per-tenant rate limit shared by two servers through Redis', () => {
  let one: TestServer;
  let two: TestServer;
  let redis: Redis;
  let tenantId: string;

  beforeAll(async () => {
    one = await startTestServer({ env: { REDIS_URL } });
    two = await startTestServer({ env: { REDIS_URL }, databaseUrl: one.databaseUrl! });
    redis = new Redis(REDIS_URL);
    tenantId = one.tenantIds['minato-design']!; // a fresh database: a tenant id of this run only
    await setLimit([one, two], tenantId, 4);
  });
  afterAll(async () => {
    if (redis && tenantId) {
      const keys = await redis.keys(`${TENANT_RATE_KEY_PREFIX}:${tenantId}:*`);
      if (keys.length) await redis.del(...keys);
    }
    await redis?.quit();
    await two?.close();
    await one?.close(); // owns and drops the database
  });

  it('refuses the limit+1-th request of the tenant whichever server gets it', async () => {
    const token = (await one.login('minato-design', 'member@minato-design.example')).accessToken;
    const servers = [one, two, one, two];
    for (const server of servers) {
      const ok = await server.graphql(ME, {}, token);
      expect(ok.status, JSON.stringify(ok.errors)).toBe(200);
    }
    expectRateLimited(await one.graphql(ME, {}, token));
    expectRateLimited(await two.graphql(ME, {}, token));
    // One counter per tenant and minute, shared by both servers.
    const keys = await redis.keys(`${TENANT_RATE_KEY_PREFIX}:${tenantId}:*`);
    expect(keys).toEqual([rateKey(tenantId, Math.floor(Date.now() / 60_000))]);
    expect(Number(await redis.get(keys[0]!))).toBeGreaterThanOrEqual(5);
    // Another tenant on the same servers is unaffected.
    const fuji = (await two.login('fuji-logistics', 'member@fuji-logistics.example')).accessToken;
    expect((await one.graphql(ME, {}, fuji)).status).toBe(200);
    const fujiId = one.tenantIds['fuji-logistics']!;
    await redis.del(rateKey(fujiId, Math.floor(Date.now() / 60_000)));
  });
});

describe('tenant rate limiter without a working Redis', () => {
  it('allows the request and warns only now and then', async () => {
    const dead = new Redis('redis://127.0.0.1:1', { maxRetriesPerRequest: 1, connectTimeout: 200, retryStrategy: () => 1_000, lazyConnect: true });
    dead.on('error', () => {});
    const warnings: unknown[] = [];
    const rejected: string[] = [];
    const limiter = createTenantRateLimiter({ redis: dead, onReject: (t) => rejected.push(t), logger: { warn: (...args: unknown[]) => warnings.push(args) } as never });
    try {
      for (let i = 0; i < 5; i++) await expect(limiter.consume('00000000-0000-4000-8000-000000000001', 1)).resolves.toBeUndefined();
      expect(rejected).toEqual([]);
      expect(warnings).toHaveLength(1);
    } finally {
      dead.disconnect();
    }
  });
});
