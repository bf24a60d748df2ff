/**
 * /readyz follows the database: false while PostgreSQL is unreachable, true again when it
 * returns; false while draining. /healthz only says the process is alive.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/server/app.js';
import { createLogger } from '../../src/observability/logger.js';
import { openMigratedDatabase, testConfig, type MigratedDatabase } from '../support/databases.js';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.js';

async function eventually<T>(probe: () => Promise<T>, accept: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (accept(value) || Date.now() > until) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('readiness', () => {
  let migrated: MigratedDatabase;
  let proxy: TcpProxy;
  let app: App;
  let base: string;

  beforeAll(async () => {
    migrated = await openMigratedDatabase('postgres');
    proxy = await startTcpProxy({ host: '127.0.0.1', port: 5432 });
    const url = new URL(migrated.url!);
    url.port = String(proxy.port);
    app = await createApp(
      testConfig({ PORT: '0', HOST: '127.0.0.1', DATABASE_URL: url.toString(), DB_CONNECT_TIMEOUT_MS: '500', SHUTDOWN_DRAIN_DELAY_MS: '300' }),
      { logger: createLogger({ LOG_LEVEL: 'silent' }) },
    );
    base = await app.start();
  });
  afterAll(async () => {
    await app?.stop(2_000);
    await proxy?.close();
    await migrated?.close();
  });

  const readyz = async () => {
    const response = await fetch(`${base}/readyz`);
    return { status: response.status, body: (await response.json()) as { status: string; checks?: Record<string, string> } };
  };

  it('is ready while the database answers', async () => {
    expect(await readyz()).toEqual({ status: 200, body: { status: 'ready', checks: { database: 'ok' } } });
  });

  it('turns false when PostgreSQL is unreachable and true again when it returns', async () => {
    await proxy.down();
    const down = await eventually(readyz, (r) => r.status === 503);
    expect(down.status).toBe(503);
    expect(down.body.status).toBe('not ready');
    expect(down.body.checks?.database).not.toBe('ok');
    expect((await fetch(`${base}/healthz`)).status).toBe(200); // alive all the same

    await proxy.up();
    const back = await eventually(readyz, (r) => r.status === 200);
    expect(back).toEqual({ status: 200, body: { status: 'ready', checks: { database: 'ok' } } });
  });

  it('turns false as soon as the server starts draining', async () => {
    const stopping = app.stop(3_000);
    const draining = await fetch(`${base}/readyz`).then(async (r) => ({ status: r.status, body: await r.json() }));
    expect(draining).toEqual({ status: 503, body: { status: 'draining' } });
    await stopping;
  });
});
