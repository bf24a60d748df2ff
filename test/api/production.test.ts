/**
 * NODE_ENV=production: no Sandbox landing page, introspection only for ADMINs and OWNERs, and
 * /metrics (it names every tenant) only on METRICS_PORT, never on the port the load balancer reaches.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';
import { graphql } from '../generated/index.js';

const INTROSPECTION = graphql(`query ProductionIntrospection { __schema { queryType { name } } }`);
const TASK_TYPE = graphql(`query ProductionTaskType { __type(name: "Task") { name } }`);
const SEEN = graphql(`query ProductionSeen { me { id } }`);

describe('production mode', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ env: { NODE_ENV: 'production', REDIS_URL: 'redis://127.0.0.1:6379', METRICS_PORT: '0' } });
  });
  afterAll(() => server?.close());

  it('refuses introspection to anonymous callers, VIEWERs and MEMBERs', async () => {
    const anonymous = await server.graphql(INTROSPECTION);
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    for (const role of ['viewer', 'member']) {
      const { accessToken } = await server.login('sakura-kensetsu', `${role}@sakura-kensetsu.example`);
      const result = await server.graphql(TASK_TYPE, {}, accessToken);
      expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(result.status).toBe(403);
    }
  });

  it('allows introspection to ADMINs and OWNERs', async () => {
    for (const role of ['admin', 'owner']) {
      const { accessToken } = await server.login('sakura-kensetsu', `${role}@sakura-kensetsu.example`);
      const result = await server.graphql(INTROSPECTION, {}, accessToken);
      expect(result.errors).toBeUndefined();
      expect(result.data?.__schema.queryType.name).toBe('Query');
    }
  });

  it('serves no landing page', async () => {
    const response = await fetch(`${server.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(response.headers.get('content-type') ?? '').not.toMatch(/text\/html/);
    expect(response.status).toBe(400);
  });

  it('answers 404 for /metrics on the main port, and serves it on METRICS_PORT', async () => {
    const { accessToken } = await server.login('sakura-kensetsu', 'member@sakura-kensetsu.example');
    expect((await server.graphql(SEEN, {}, accessToken)).status).toBe(200);
    for (const method of ['GET', 'HEAD']) expect((await fetch(`${server.url}/metrics`, { method })).status).toBe(404);
    const scrape = await fetch(`${server.app.metricsUrl}/metrics`);
    expect(scrape.status).toBe(200);
    expect(await scrape.text()).toContain(`tenant_id="${server.tenantIds['sakura-kensetsu']}"`);
  });
});
