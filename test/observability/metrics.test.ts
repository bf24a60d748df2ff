/**
 * /metrics through a started server after real traffic: logins in two tenants, named and
 * anonymous queries, errors, a RATE_LIMITED login. Checks the series and their labels, and that
 * the whole exposition passes `promtool check metrics`. The METRICS_PORT variant serves the same
 * on its own port and 404 on the main one.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { find, parseSamples, promtoolAvailable, promtoolCheck, valueOf, type Sample } from '../support/prometheus-text.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { graphql } from '../generated/index.js';

// The operation names are the metric labels checked below. Sent as text on purpose: the two
// requests of MyTasks (two texts, one name), `{ me { id } }` (anonymous) and Broken (invalid).
const ANONYMOUS = graphql(`query Anonymous { tasks { totalCount } }`);
const ONE_TASK = graphql(`query OneTask($id: UUID!) { task(id: $id) { id } }`);
const SIGN_IN = graphql(`mutation SignIn($s: String!, $e: String!, $p: String!) { login(tenantSlug: $s, email: $e, password: $p) { accessToken } }`);
const PING = graphql(`query Ping { __typename }`);

const SAKURA = 'sakura-kensetsu';
const FUJI = 'fuji-logistics';

describe('/metrics on the main port', () => {
  let server: TestServer;
  let text: string;
  let samples: Sample[];
  let contentType: string | null;

  beforeAll(async () => {
    server = await startTestServer({ env: { DB_POOL_MAX: '7', LOGIN_MAX_FAILURES_PER_ACCOUNT_ADDRESS: '2' } });
    const member = await server.login(SAKURA, `member@${SAKURA}.example`);
    await server.login(SAKURA, `admin@${SAKURA}.example`);
    await server.login(FUJI, `owner@${FUJI}.example`);

    expect((await server.graphql('query MyTasks { tasks(first: 3) { totalCount } }', {}, member.accessToken)).errors).toBeUndefined();
    expect((await server.graphql('query MyTasks { tasks(first: 1) { totalCount } }', {}, member.accessToken)).errors).toBeUndefined();
    expect((await server.graphql('{ me { id } }', {}, member.accessToken)).errors).toBeUndefined();
    // Errors: UNAUTHENTICATED (no token) and GRAPHQL_VALIDATION_FAILED; a missing task is just null.
    expect((await server.graphql(ANONYMOUS)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await server.graphql('query Broken { tasks { nope } }', {}, member.accessToken)).errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect((await server.graphql(ONE_TASK, { id: randomUUID() }, member.accessToken)).data?.task).toBeNull();
    // Two wrong passwords (UNAUTHENTICATED) reach the limit; the third attempt is RATE_LIMITED.
    const wrong = (password: string) =>
      server.graphql(SIGN_IN, {
        s: SAKURA, e: `viewer@${SAKURA}.example`, p: password,
      });
    expect((await wrong('nope-1')).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await wrong('nope-2')).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await wrong('nope-3')).errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    // Refused before GraphQL runs, by Apollo (no query) and by the handler (not JSON): BAD_REQUEST both.
    const post = (body: string) => fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect((await post('{}')).status).toBe(400);
    expect((await post('{"query": ')).status).toBe(400);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${server.url}/nope/${randomUUID()}`)).status).toBe(404);

    await (await fetch(`${server.url}/metrics`)).text(); // so the second scrape sees a /metrics request
    const response = await fetch(`${server.url}/metrics`);
    expect(response.status).toBe(200);
    contentType = response.headers.get('content-type');
    text = await response.text();
    samples = parseSamples(text);
  });
  afterAll(() => server?.close());

  it('is Prometheus text format', () => {
    expect(contentType).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(text).toMatch(/^# HELP dandori_graphql_request_duration_seconds /m);
  });

  // Exit 1 is a format error; 3 means lint findings only. Ours must have none; prom-client's
  // default gauges `nodejs_active_*_total` carry a `_total` suffix promtool objects to.
  it.skipIf(!promtoolAvailable && !process.env.CI)('passes promtool check metrics', () => {
    const { status, output } = promtoolCheck(text);
    const findings = output.split('\n').filter((line) => line !== '');
    const known = /^nodejs_active_(handles|requests|resources)_total non-counter metrics should not have "_total" suffix$/;
    expect(findings.filter((line) => !known.test(line))).toEqual([]);
    expect(status).toBe(findings.length ? 3 : 0);
  });

  it('times GraphQL requests by operation name, tenant and outcome', () => {
    const sakura = server.tenantIds[SAKURA]!;
    const count = (labels: Record<string, string>) => valueOf(samples, 'dandori_graphql_request_duration_seconds_count', labels);
    expect(count({ operation: 'MyTasks', tenant_id: sakura, outcome: 'ok' })).toBe(2);
    // The test client's login mutation is TestSupportLogin; the tenant is the one signed in to.
    expect(count({ operation: 'TestSupportLogin', tenant_id: sakura, outcome: 'ok' })).toBe(2);
    expect(count({ operation: 'anonymous', tenant_id: sakura, outcome: 'ok' })).toBe(1); // `{ me }`
    expect(count({ operation: 'TestSupportLogin', tenant_id: server.tenantIds[FUJI]!, outcome: 'ok' })).toBe(1);
    expect(count({ operation: 'Anonymous', tenant_id: 'anonymous', outcome: 'error' })).toBe(1);
    expect(count({ operation: 'SignIn', tenant_id: 'anonymous', outcome: 'error' })).toBe(3);
    expect(count({ operation: 'OneTask', tenant_id: sakura, outcome: 'ok' })).toBe(1);
    // Validation failed, so the operation was never resolved: no label from it.
    expect(count({ operation: 'anonymous', tenant_id: sakura, outcome: 'error' })).toBe(1);
    const buckets = find(samples, 'dandori_graphql_request_duration_seconds_bucket', { operation: 'MyTasks' }).map((s) => s.labels.le);
    expect(buckets).toContain('0.2');
  });

  it('counts every error by code, including requests refused before GraphQL ran', () => {
    const errors = (code: string) => valueOf(samples, 'dandori_graphql_errors_total', { code });
    expect(errors('UNAUTHENTICATED')).toBe(3);
    expect(errors('RATE_LIMITED')).toBe(1);
    expect(errors('GRAPHQL_VALIDATION_FAILED')).toBe(1);
    expect(errors('BAD_REQUEST')).toBe(2);
  });

  it('counts login rate-limit rejections', () => {
    expect(valueOf(samples, 'dandori_rate_limit_rejections_total', { limiter: 'login' })).toBe(1);
  });

  it('counts HTTP requests by route, method and status, with bounded routes', () => {
    const requests = (labels: Record<string, string>) => valueOf(samples, 'http_requests_total', labels);
    // 200: 3 logins, 2 MyTasks, me, OneTask; 400: Broken, 2 bad bodies; 401: Anonymous, 2 wrong passwords.
    expect(requests({ route: '/graphql', method: 'POST', status: '200' })).toBe(7);
    expect(requests({ route: '/graphql', method: 'POST', status: '400' })).toBe(3);
    expect(requests({ route: '/graphql', method: 'POST', status: '401' })).toBe(3);
    expect(requests({ route: '/graphql', method: 'POST', status: '429' })).toBe(1);
    expect(requests({ route: '/healthz', method: 'GET', status: '200' })).toBe(1);
    expect(requests({ route: '/metrics', method: 'GET', status: '200' })).toBe(1);
    expect(requests({ route: 'other', method: 'GET', status: '404' })).toBe(1);
    expect(new Set(find(samples, 'http_requests_total').map((s) => s.labels.route))).toEqual(new Set(['/graphql', '/healthz', '/metrics', 'other']));
    expect(valueOf(samples, 'http_request_duration_seconds_count', { route: '/graphql' })).toBe(14);
  });

  it('counts distinct active users per tenant', () => {
    expect(valueOf(samples, 'dandori_active_users', { tenant_id: server.tenantIds[SAKURA]! })).toBe(2);
    expect(valueOf(samples, 'dandori_active_users', { tenant_id: server.tenantIds[FUJI]! })).toBe(1);
    expect(find(samples, 'dandori_active_users')).toHaveLength(2);
  });

  it('reports the database pool, with its maximum from DB_POOL_MAX', () => {
    expect(valueOf(samples, 'dandori_db_pool_max_connections', { endpoint: 'writer' })).toBe(7);
    const inUse = valueOf(samples, 'dandori_db_pool_connections', { endpoint: 'writer', state: 'in_use' });
    const idle = valueOf(samples, 'dandori_db_pool_connections', { endpoint: 'writer', state: 'idle' });
    expect(inUse + idle).toBeGreaterThan(0);
    expect(inUse + idle).toBeLessThanOrEqual(7);
    expect(valueOf(samples, 'dandori_db_pool_waiting_clients', { endpoint: 'writer' })).toBe(0);
  });

  it('has the cache, WebSocket and job queue series, and Node process metrics', () => {
    for (const cacheClass of ['user_list', 'dashboard']) {
      expect(valueOf(samples, 'dandori_cache_requests_total', { class: cacheClass, result: 'hit' })).toBe(0);
      expect(valueOf(samples, 'dandori_cache_requests_total', { class: cacheClass, result: 'miss' })).toBe(0);
    }
    // `{ me { id } }` may be cached whole (per user): looked up once, not there yet.
    expect(valueOf(samples, 'dandori_cache_requests_total', { class: 'response', result: 'miss' })).toBe(1);
    expect(valueOf(samples, 'dandori_cache_requests_total', { class: 'response', result: 'hit' })).toBe(0);
    // Every authenticated request reads its tenant's rate limit from the master data: five
    // requests of Sakura's member above, the first a miss.
    expect(valueOf(samples, 'dandori_cache_requests_total', { class: 'master', result: 'miss' })).toBe(1);
    expect(valueOf(samples, 'dandori_cache_requests_total', { class: 'master', result: 'hit' })).toBe(4);
    expect(valueOf(samples, 'dandori_rate_limit_rejections_total', { limiter: 'tenant' })).toBe(0);
    expect(valueOf(samples, 'dandori_websocket_connections')).toBe(0);
    expect(valueOf(samples, 'dandori_websocket_subscriptions')).toBe(0);
    // The app's job queue (in-process here) reports its depth by state.
    expect(find(samples, 'dandori_job_queue_depth', { state: 'waiting' })).toHaveLength(1);
    expect(find(samples, 'process_cpu_user_seconds_total')).toHaveLength(1);
    expect(find(samples, 'nodejs_eventloop_lag_seconds')).toHaveLength(1);
  });
});

describe('/metrics with METRICS_PORT', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ env: { METRICS_PORT: '0' } });
  });
  afterAll(() => server?.close());

  it('serves the metrics on their own port and 404 on the main port', async () => {
    await server.graphql(PING);
    const metricsUrl = server.app.metricsUrl;
    expect(metricsUrl).toBeDefined();
    expect(new URL(metricsUrl!).port).not.toBe(new URL(server.url).port);
    const separate = await fetch(`${metricsUrl}/metrics`);
    expect(separate.status).toBe(200);
    const samples = parseSamples(await separate.text());
    expect(valueOf(samples, 'dandori_graphql_request_duration_seconds_count', { operation: 'Ping', tenant_id: 'anonymous', outcome: 'ok' })).toBe(1);
    expect((await fetch(`${metricsUrl}/graphql`)).status).toBe(404);
    expect((await fetch(`${server.url}/metrics`)).status).toBe(404);
  });

  it('closes the metrics server when the app stops', async () => {
    const metricsUrl = server.app.metricsUrl!;
    await server.close();
    await expect(fetch(`${metricsUrl}/metrics`)).rejects.toThrow();
  });
});
