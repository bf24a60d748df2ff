/**
 * The bounds and sources of createMetrics, without a server: operation-name cardinality, the
 * active-user window, writer and replica pools, and sources registered after creation.
 */
import { describe, expect, it } from 'vitest';
import type { PoolStats } from '../../src/db/database.js';
import { ACTIVE_USER_WINDOW_MS, createMetrics, OPERATION_NAMES_MAX } from '../../src/observability/metrics.js';
import { find, parseSamples, valueOf } from '../support/prometheus-text.js';

const pools: PoolStats[] = [
  { endpoint: 'writer', max: 20, total: 5, idle: 2, waiting: 0 },
  { endpoint: 'replica', max: 20, total: 8, idle: 0, waiting: 3 },
];

async function scrape(metrics: ReturnType<typeof createMetrics>) {
  return parseSamples(await metrics.render());
}

describe('createMetrics', () => {
  it('keeps its own registry per instance', async () => {
    const a = createMetrics({ database: { poolStats: () => pools } });
    const b = createMetrics({ database: { poolStats: () => pools } });
    a.rateLimited('login');
    expect(valueOf(await scrape(a), 'dandori_rate_limit_rejections_total', { limiter: 'login' })).toBe(1);
    expect(valueOf(await scrape(b), 'dandori_rate_limit_rejections_total', { limiter: 'login' })).toBe(0);
  });

  it('labels the first OPERATION_NAMES_MAX valid names, then `other`; no name is `anonymous`', async () => {
    const metrics = createMetrics({ database: { poolStats: () => [] } });
    const observe = (operationName: string | null) => metrics.observeGraphQL({ operationName, tenantId: null, outcome: 'ok', seconds: 0.01 });
    for (let i = 0; i < OPERATION_NAMES_MAX + 50; i++) observe(`Op${i}`);
    observe('Op0'); // already known: keeps its label
    observe('not a name');
    observe(null);
    const samples = find(await scrape(metrics), 'dandori_graphql_request_duration_seconds_count');
    const labels = new Set(samples.map((s) => s.labels.operation));
    expect(labels.size).toBe(OPERATION_NAMES_MAX + 2);
    expect(samples.find((s) => s.labels.operation === 'Op0')!.value).toBe(2);
    expect(samples.find((s) => s.labels.operation === 'other')!.value).toBe(51);
    expect(samples.find((s) => s.labels.operation === 'anonymous')!.value).toBe(1);
    expect(samples.every((s) => s.labels.tenant_id === 'anonymous')).toBe(true);
  });

  it('counts users seen within the window, per tenant, forgetting older ones', async () => {
    let now = 1_000_000;
    const metrics = createMetrics({ database: { poolStats: () => [] }, now: () => now });
    metrics.userSeen('t1', 'u1');
    metrics.userSeen('t1', 'u2');
    metrics.userSeen('t2', 'u3');
    now += ACTIVE_USER_WINDOW_MS - 1_000;
    metrics.userSeen('t1', 'u1'); // seen again: stays active
    let samples = await scrape(metrics);
    expect(valueOf(samples, 'dandori_active_users', { tenant_id: 't1' })).toBe(2);
    expect(valueOf(samples, 'dandori_active_users', { tenant_id: 't2' })).toBe(1);
    now += 2_000;
    samples = await scrape(metrics);
    expect(valueOf(samples, 'dandori_active_users', { tenant_id: 't1' })).toBe(1);
    expect(find(samples, 'dandori_active_users', { tenant_id: 't2' })).toEqual([]);
  });

  it('reports each pool endpoint at scrape time', async () => {
    const samples = await scrape(createMetrics({ database: { poolStats: () => pools } }));
    expect(valueOf(samples, 'dandori_db_pool_connections', { endpoint: 'replica', state: 'in_use' })).toBe(8);
    expect(valueOf(samples, 'dandori_db_pool_connections', { endpoint: 'writer', state: 'idle' })).toBe(2);
    expect(valueOf(samples, 'dandori_db_pool_waiting_clients', { endpoint: 'replica' })).toBe(3);
    expect(valueOf(samples, 'dandori_db_pool_max_connections', { endpoint: 'replica' })).toBe(20);
  });

  it('reads WebSocket and job queue sources added after creation; a failing or stalled queue is left out', async () => {
    const metrics = createMetrics({ database: { poolStats: () => [] } });
    metrics.addSource({ websocket: { stats: () => ({ connections: 3, subscriptions: 7 }) } });
    metrics.addSource({
      jobQueues: {
        mail: { depth: async () => ({ waiting: 4, active: 1 }) },
        broken: { depth: () => Promise.reject(new Error('Redis is down')) },
        stalled: { depth: () => new Promise(() => {}) },
      },
    });
    const samples = await scrape(metrics);
    expect(valueOf(samples, 'dandori_websocket_connections')).toBe(3);
    expect(valueOf(samples, 'dandori_websocket_subscriptions')).toBe(7);
    expect(valueOf(samples, 'dandori_job_queue_depth', { queue: 'mail', state: 'waiting' })).toBe(4);
    expect(find(samples, 'dandori_job_queue_depth', { queue: 'broken' })).toEqual([]);
    expect(find(samples, 'dandori_job_queue_depth', { queue: 'stalled' })).toEqual([]);
  });

  it('counts cache lookups by class and result, HTTP methods bounded', async () => {
    const metrics = createMetrics({ database: { poolStats: () => [] } });
    metrics.recordCacheLookup('master', true);
    metrics.recordCacheLookup('master', false);
    metrics.recordCacheLookup('master', true);
    metrics.observeHttp('other', 'BREW', 405, 0.001);
    const samples = await scrape(metrics);
    expect(valueOf(samples, 'dandori_cache_requests_total', { class: 'master', result: 'hit' })).toBe(2);
    expect(valueOf(samples, 'dandori_cache_requests_total', { class: 'master', result: 'miss' })).toBe(1);
    expect(valueOf(samples, 'http_requests_total', { route: 'other', method: 'other', status: '405' })).toBe(1);
  });
});
