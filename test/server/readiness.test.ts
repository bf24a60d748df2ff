/**
 * /readyz reflects only the pod itself: ready while serving, 503 while draining — and NOT false when
 * PostgreSQL or Redis are unreachable (every pod shares them: following them would empty the load
 * balancer during a failover). Their health shows in `dandori_dependency_up{dependency}` instead,
 * which falls to 0 while a dependency is unreachable and returns to 1 when it is back; meanwhile
 * a request that needs the database gets a clear 503 SERVICE_UNAVAILABLE from the app itself.
 * Both dependencies sit behind TCP proxies the test takes down and brings back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/server/app.js';
import { createLogger } from '../../src/observability/logger.js';
import { seedDemo } from '../../src/seed/demo.js';
import { openMigratedDatabase, testConfig, type MigratedDatabase } from '../support/databases.js';
import { find, parseSamples, valueOf } from '../support/prometheus-text.js';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.js';

const REDIS = new URL(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');

async function eventually<T>(probe: () => Promise<T>, accept: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (accept(value) || Date.now() > until) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('readiness and dependency health', () => {
  let migrated: MigratedDatabase;
  let pgProxy: TcpProxy;
  let redisProxy: TcpProxy;
  let app: App;
  let base: string;

  beforeAll(async () => {
    migrated = await openMigratedDatabase('postgres');
    await seedDemo(migrated.database);
    pgProxy = await startTcpProxy({ host: '127.0.0.1', port: 5432 });
    redisProxy = await startTcpProxy({ host: REDIS.hostname, port: Number(REDIS.port || 6379) });
    const url = new URL(migrated.url!);
    url.port = String(pgProxy.port);
    app = await createApp(
      testConfig({
        PORT: '0', HOST: '127.0.0.1', DATABASE_URL: url.toString(), REDIS_URL: `redis://127.0.0.1:${redisProxy.port}`,
        DB_CONNECT_TIMEOUT_MS: '500', SHUTDOWN_DRAIN_DELAY_MS: '300',
      }),
      { logger: createLogger({ LOG_LEVEL: 'silent' }), dependencyProbeIntervalMs: 200 },
    );
    base = await app.start();
  });
  afterAll(async () => {
    await app?.stop(2_000);
    await pgProxy?.close();
    await redisProxy?.close();
    await migrated?.close();
  });

  const readyz = async () => {
    const response = await fetch(`${base}/readyz`);
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const dependencyUp = async () => {
    const samples = parseSamples(await (await fetch(`${base}/metrics`)).text());
    // No sample before the probe's first round has finished (it may be slow on a loaded machine).
    const up = (dependency: string) => (find(samples, 'dandori_dependency_up', { dependency }).length ? valueOf(samples, 'dandori_dependency_up', { dependency }) : undefined);
    return { postgres: up('postgres'), redis: up('redis') };
  };
  const login = async () => {
    const response = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'mutation { login(tenantSlug: "sakura-kensetsu", email: "member@sakura-kensetsu.example", password: "dandori-demo-2026") { accessToken } }' }),
    });
    const body = (await response.json()) as { data?: unknown; errors?: { extensions?: { code?: string } }[] };
    return { status: response.status, code: body.errors?.[0]?.extensions?.code ?? 'ok' };
  };

  it('is ready, and reports both dependencies up', async () => {
    expect(await readyz()).toEqual({ status: 200, body: { status: 'ready' } });
    expect(await eventually(dependencyUp, (d) => d.postgres === 1 && d.redis === 1)).toEqual({ postgres: 1, redis: 1 });
  });

  it('stays ready while PostgreSQL is unreachable; the metric and the affected requests say so', async () => {
    await pgProxy.down();
    try {
      expect(await eventually(dependencyUp, (d) => d.postgres === 0)).toEqual({ postgres: 0, redis: 1 });
      expect(await readyz()).toEqual({ status: 200, body: { status: 'ready' } });
      expect((await fetch(`${base}/healthz`)).status).toBe(200);
      expect(await login()).toEqual({ status: 503, code: 'SERVICE_UNAVAILABLE' });
    } finally {
      await pgProxy.up();
    }
    expect(await eventually(dependencyUp, (d) => d.postgres === 1)).toEqual({ postgres: 1, redis: 1 });
    expect(await eventually(login, (r) => r.status === 200)).toEqual({ status: 200, code: 'ok' });
  });

  it('stays ready while Redis is unreachable, and reports it', async () => {
    await redisProxy.down();
    try {
      expect(await eventually(dependencyUp, (d) => d.redis === 0)).toEqual({ postgres: 1, redis: 0 });
      expect(await readyz()).toEqual({ status: 200, body: { status: 'ready' } });
    } finally {
      await redisProxy.up();
    }
    expect(await eventually(dependencyUp, (d) => d.redis === 1)).toEqual({ postgres: 1, redis: 1 });
  });

  it('turns unready as soon as the server starts draining', async () => {
    const stopping = app.stop(3_000);
    expect(await readyz()).toEqual({ status: 503, body: { status: 'draining' } });
    await stopping;
  });
});
