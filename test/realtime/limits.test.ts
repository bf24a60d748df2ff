/**
 * The limits of a pod's live updates, each crossed once: connections per user (closed 4429) and
 * per tenant (closed 1013), subscriptions per connection (LIMIT_EXCEEDED on that subscribe), the
 * subscribe rate per connection and the tenant's own rate limit (RATE_LIMITED) — each refusal
 * counted, and the connection or tenant next to it unaffected.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSamples, valueOf } from '../support/prometheus-text.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { connectWs, until, type TestWsClient } from '../support/ws-client.js';

const ACTIVITY = 'subscription { activityRecorded { id } }';

describe('live-update limits', () => {
  let server: TestServer;
  const clients: TestWsClient[] = [];
  const tokens: Record<string, string> = {};
  const connect = (who: string) => {
    const client = connectWs(server.url, `Bearer ${tokens[who]}`);
    clients.push(client);
    return client;
  };
  const rejections = async (limiter: string) => valueOf(parseSamples(await server.app.metrics.render()), 'dandori_rate_limit_rejections_total', { limiter });
  const stats = () => server.app.websocket.stats();
  /** Subscribes on each client (which opens its socket) and waits until the server counts `connections`. */
  const open = async (connections: number, ...subscribers: TestWsClient[]) => {
    for (const client of subscribers) client.subscribe(ACTIVITY);
    await until(() => stats().connections === connections, 10_000, () => `${connections} connections: ${JSON.stringify(stats())}`);
  };

  beforeAll(async () => {
    server = await startTestServer({
      env: { WS_MAX_CONNECTIONS_PER_USER: '2', WS_MAX_CONNECTIONS_PER_TENANT: '3', WS_MAX_SUBSCRIPTIONS_PER_CONNECTION: '2', WS_SUBSCRIBES_PER_MINUTE: '4' },
    });
    for (const role of ['owner', 'admin', 'member', 'viewer']) tokens[role] = (await server.login('sakura-kensetsu', `${role}@sakura-kensetsu.example`)).accessToken;
    tokens.fuji = (await server.login('fuji-logistics', 'member@fuji-logistics.example')).accessToken;
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.dispose()));
    await server?.close();
  });
  const closeAll = async () => {
    await Promise.all(clients.splice(0).map((c) => c.dispose()));
    await until(() => server.app.websocket.stats().connections === 0);
  };

  it('refuses a user’s connection past WS_MAX_CONNECTIONS_PER_USER with 4429, and admits one again after a close', async () => {
    const first = connect('member');
    const second = connect('member');
    await open(2, first, second);
    const third = connect('member');
    const refused = third.subscribe(ACTIVITY);
    await until(() => refused.error !== undefined);
    expect(third.closes).toEqual([{ code: 4429, reason: 'Too many connections: at most 2 per user' }]);
    expect(await rejections('ws_connections_per_user')).toBe(1);

    await first.dispose();
    await until(() => server.app.websocket.stats().connections === 1);
    const again = connect('member');
    await open(2, again);
    expect(again.closes).toEqual([]);
    await closeAll();
  });

  it('refuses a tenant’s connection past WS_MAX_CONNECTIONS_PER_TENANT with 1013; other tenants still connect', async () => {
    await open(3, ...['owner', 'admin', 'member'].map(connect));
    const fourth = connect('viewer');
    const refused = fourth.subscribe(ACTIVITY);
    await until(() => refused.error !== undefined);
    expect(fourth.closes).toEqual([{ code: 1013, reason: expect.stringMatching(/^Too many connections for your organisation/) }]);
    expect(await rejections('ws_connections_per_tenant')).toBe(1);

    const otherTenant = connect('fuji');
    await open(4, otherTenant);
    expect(otherTenant.closes).toEqual([]);
    await closeAll();
  });

  it('answers a subscribe past WS_MAX_SUBSCRIPTIONS_PER_CONNECTION with LIMIT_EXCEEDED, keeping the connection', async () => {
    const client = connect('owner');
    const one = client.subscribe(ACTIVITY);
    const two = client.subscribe('subscription { taskChanged { id } }');
    await until(() => server.app.websocket.stats().subscriptions === 2);
    const three = client.subscribe('subscription { dashboardUpdated { generatedAt } }');
    await until(() => three.error !== undefined);
    expect(three.error).toEqual([
      { message: 'At most 2 subscriptions per connection; complete one first', extensions: { code: 'LIMIT_EXCEEDED', limit: 'subscriptionsPerConnection', maximum: 2 } },
    ]);
    expect(client.closes).toEqual([]);
    expect(await rejections('ws_subscriptions_per_connection')).toBe(1);
    // Completing one makes room.
    one.unsubscribe();
    await until(() => server.app.websocket.stats().subscriptions === 1);
    client.subscribe(ACTIVITY);
    await until(() => server.app.websocket.stats().subscriptions === 2);
    expect(two.error).toBeUndefined();
    await closeAll();
  });

  it('answers subscribes past WS_SUBSCRIBES_PER_MINUTE on one connection with RATE_LIMITED; another connection is unaffected', async () => {
    const client = connect('admin');
    client.subscribe(ACTIVITY); // keeps the connection open (graphql-ws closes an idle one)
    await until(() => stats().subscriptions === 1);
    for (let i = 0; i < 3; i++) {
      const sub = client.subscribe('subscription { taskChanged { id } }');
      await until(() => stats().subscriptions === 2);
      sub.unsubscribe();
      await until(() => stats().subscriptions === 1);
    }
    const fifth = client.subscribe(ACTIVITY);
    await until(() => fifth.error !== undefined);
    expect(fifth.error).toEqual([
      { message: expect.stringMatching(/^At most 4 subscribes per connection and minute; try again in \d+ s$/), extensions: { code: 'RATE_LIMITED', retryAfterSeconds: expect.any(Number) } },
    ]);
    expect(await rejections('ws_subscribe_rate')).toBe(1);
    const other = connect('admin');
    await open(2, other);
    await until(() => stats().subscriptions === 2);
    expect(client.closes).toEqual([]);
    await closeAll();
  });

  it('counts every subscribe against the tenant’s rate limit', async () => {
    const tenantId = server.tenantIds['sakura-kensetsu']!;
    await server.database.writer.$executeRaw`UPDATE tenants SET rate_limit_per_minute = 1 WHERE id = ${tenantId}::uuid`;
    await server.app.deps.cache.invalidate(tenantId, 'master');
    try {
      const client = connect('viewer');
      // The budget of 1 may already be spent by this minute's requests; then the first subscribe is refused too.
      const subs = [client.subscribe(ACTIVITY), client.subscribe('subscription { taskChanged { id } }')];
      await until(() => subs.some((s) => s.error !== undefined));
      const refused = subs.find((s) => s.error !== undefined)!;
      expect(refused.error).toEqual([{ message: expect.stringMatching(/over its limit of 1 requests per minute/), extensions: { code: 'RATE_LIMITED', retryAfterSeconds: expect.any(Number) } }]);
      expect(await rejections('tenant')).toBeGreaterThanOrEqual(1);
      // The server keeps the socket (graphql-ws closes it itself, 1000, once nothing runs on it).
      expect(client.closes.filter((c) => c.code !== 1000)).toEqual([]);
    } finally {
      await server.database.writer.$executeRaw`UPDATE tenants SET rate_limit_per_minute = 60000 WHERE id = ${tenantId}::uuid`;
      await server.app.deps.cache.invalidate(tenantId, 'master');
      await closeAll();
    }
  });
});
