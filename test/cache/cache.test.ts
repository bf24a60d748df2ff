/**
 * The cache on its own, against the real Redis: keys start with the tenant, values survive JSON
 * (Dates revived), concurrent misses share one load, a generation bump is seen by another pod's
 * cache at once, and an unreachable Redis degrades to uncached loads.
 */
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCache, dateFields, generationKey, positionKey, type Cache } from '../../src/cache/cache.js';
import { createLogger } from '../../src/observability/logger.js';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const logger = createLogger({ LOG_LEVEL: 'silent' });

function countingMetrics() {
  const lookups: { cacheClass: string; hit: boolean }[] = [];
  return { lookups, recordCacheLookup: (cacheClass: string, hit: boolean) => void lookups.push({ cacheClass, hit }) };
}

async function ready(redis: Redis) {
  if (redis.status !== 'ready') await new Promise((resolve) => redis.once('ready', resolve));
}

describe('cache', () => {
  let redis: Redis;
  let other: Redis;
  beforeAll(async () => {
    redis = new Redis(REDIS_URL);
    other = new Redis(REDIS_URL);
    await Promise.all([ready(redis), ready(other)]);
  });
  afterAll(async () => {
    await redis.quit();
    await other.quit();
  });

  it('keys start with the tenant, and the tenant must be a UUID', async () => {
    const cache = createCache({ redis, metrics: countingMetrics(), logger });
    const tenantId = randomUUID();
    await cache.getOrLoad(tenantId, 'dashboard', 'projectsByStatus', async () => [1, 2, 3]);
    // The Redis SET is not awaited by the request: polled until it lands.
    await expect.poll(() => redis.keys(`*${tenantId}*`)).toEqual([`${tenantId}:cache:dashboard:v2.0:projectsByStatus`]);
    const keys = await redis.keys(`*${tenantId}*`);
    expect(await redis.pttl(keys[0]!)).toBeGreaterThan(55_000);
    expect(await redis.pttl(keys[0]!)).toBeLessThanOrEqual(60_000);
    await expect(cache.getOrLoad('projectsByStatus', 'dashboard', 'x', async () => 1)).rejects.toThrow(/tenantId/);
  });

  it('shares one load between concurrent misses and counts hits and misses', async () => {
    const metrics = countingMetrics();
    const cache = createCache({ redis, metrics, logger });
    const tenantId = randomUUID();
    let loads = 0;
    const load = async () => {
      loads += 1;
      await new Promise((r) => setTimeout(r, 50));
      return { n: 42 };
    };
    const results = await Promise.all(Array.from({ length: 10 }, () => cache.getOrLoad(tenantId, 'dashboard', 'k', load)));
    expect(results).toEqual(Array(10).fill({ n: 42 }));
    expect(loads).toBe(1);
    expect(await cache.getOrLoad(tenantId, 'dashboard', 'k', load)).toEqual({ n: 42 });
    expect(loads).toBe(1);
    expect(metrics.lookups.filter((l) => !l.hit)).toHaveLength(1);
    expect(metrics.lookups.filter((l) => l.hit)).toHaveLength(10);
  });

  it('revives Dates from Redis on another pod, and a generation bump reaches it at once', async () => {
    const one = createCache({ redis, metrics: countingMetrics(), logger });
    const two = createCache({ redis: other, metrics: countingMetrics(), logger });
    const tenantId = randomUUID();
    const codec = dateFields<{ id: string; dueAt: Date | null }>('dueAt');
    const row = { id: 'a', dueAt: new Date('2030-01-02T03:04:05.678Z') };
    const fromOne = await one.getOrLoad(tenantId, 'dashboard', 'row', async () => row, { codec });
    expect(fromOne).toEqual(row);
    await expect.poll(() => redis.exists(`${tenantId}:cache:dashboard:v2.0:row`)).toBe(1); // the SET is not awaited
    const fromTwo = await two.getOrLoad(tenantId, 'dashboard', 'row', async () => ({ id: 'loaded on two', dueAt: null }), { codec });
    expect(fromTwo.dueAt).toBeInstanceOf(Date);
    expect(fromTwo).toEqual(row); // a layer-2 hit

    // A write whose commit left the writer's log at 5000 bumps the generation with that position.
    await one.invalidate(tenantId, 'dashboard', 5000);
    expect(await redis.get(generationKey(tenantId, 'dashboard'))).toBe('1');
    expect(await redis.get(positionKey(tenantId, 'dashboard'))).toBe('5000');
    two.forgetGeneration(tenantId, 'dashboard'); // what its pub/sub listener does on the write's event
    let askedFor: number | undefined;
    const fresh = await two.getOrLoad(tenantId, 'dashboard', 'row', async (position) => ((askedFor = position), { id: 'fresh', dueAt: null }), { codec });
    expect(fresh).toEqual({ id: 'fresh', dueAt: null });
    expect(askedFor).toBe(5000); // the fill must read at least that far (never from a replica behind it)
    // The entry it loaded lives under the new generation, under the tenant.
    await expect.poll(() => redis.get(`${tenantId}:cache:dashboard:v2.1:row`)).toBe(JSON.stringify({ id: 'fresh', dueAt: null }));
    // A slower writer with an older position bumps again but never lowers the position.
    await two.invalidate(tenantId, 'dashboard', 4000);
    expect(await redis.get(positionKey(tenantId, 'dashboard'))).toBe('5000');
    one.forgetGeneration(tenantId, 'dashboard');
    expect(await one.generationsOf(tenantId, ['dashboard'])).toEqual({ generations: '2', position: 5000 });
  });

  it('without Redis, invalidation bumps the local generation', async () => {
    const cache: Cache = createCache({ metrics: countingMetrics(), logger });
    const tenantId = randomUUID();
    expect(await cache.getOrLoad(tenantId, 'master', 'tenant', async () => 'old')).toBe('old');
    expect(await cache.getOrLoad(tenantId, 'master', 'tenant', async () => 'new')).toBe('old');
    await cache.invalidate(tenantId, 'master');
    expect(await cache.getOrLoad(tenantId, 'master', 'tenant', async () => 'new')).toBe('new');
  });

  it('degrades to uncached loads when Redis is unreachable', async () => {
    const dead = new Redis('redis://127.0.0.1:1', { maxRetriesPerRequest: 1, connectTimeout: 200, retryStrategy: () => 1_000 });
    dead.on('error', () => {});
    try {
      const metrics = countingMetrics();
      const cache = createCache({ redis: dead, metrics, logger });
      const tenantId = randomUUID();
      let loads = 0;
      const started = Date.now();
      for (let i = 0; i < 3; i++) expect(await cache.getOrLoad(tenantId, 'dashboard', 'k', async () => ++loads)).toBe(i + 1);
      await cache.invalidate(tenantId, 'dashboard'); // logs, never throws
      // Each call gives up after one try (connectTimeout 200 ms) instead of waiting for Redis to
      // come back: five calls in well under the 1 s reconnect interval times five; only waiting crosses it.
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(metrics.lookups).toEqual(Array(3).fill({ cacheClass: 'dashboard', hit: false }));
    } finally {
      dead.disconnect();
    }
  });
});
