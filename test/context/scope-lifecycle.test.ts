/**
 * Every tenant scope a request opens is finished by the request's owner (context/scope.ts, the
 * HTTP handler), whatever happens: a refusal (429), an error after reads began, a client that
 * goes away mid-request. Checked where it matters — PostgreSQL's own view of the sessions: no
 * connection of ours is left "idle in transaction".
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { startTestServer, type TestServer } from '../support/server.js';
import { graphql } from '../generated/index.js';

const A_DEPARTMENT = graphql(`query ScopeLifecycleADepartment { departments(first: 1) { nodes { id } } }`);
const REFUSED_MEMBERS = graphql(`query ScopeLifecycleRefusedMembers($d: UUID!) { tasks(first: 2) { nodes { id } } department(id: $d) { name members(first: 500) { totalCount } } }`);
const ME = graphql(`query ScopeLifecycleMe { me { id } }`);
// Sent as text: the aborted requests below alias it into distinct operations.
const NESTED = '{ projects(first: 50) { nodes { id tasks(first: 20) { nodes { id assignee { id department { name } } comments { nodes { id author { id } } } } } } } }';

describe('a request leaves no transaction open', () => {
  let server: TestServer;
  let admin: pg.Client;
  let token: string;

  beforeAll(async () => {
    server = await startTestServer();
    admin = new pg.Client({ connectionString: server.databaseUrl });
    await admin.connect();
    token = (await server.login('sakura-kensetsu', 'member@sakura-kensetsu.example')).accessToken;
  });
  afterAll(async () => {
    await admin?.end();
    await server?.close();
  });

  /** Our sessions on this database that sit inside a transaction doing nothing. */
  const idleInTransaction = async () =>
    Number(
      (await admin.query<{ n: string }>(
        `SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND state LIKE 'idle in transaction%' AND pid <> pg_backend_pid()`,
      )).rows[0]!.n,
    );
  const settlesToNone = () => expect.poll(idleInTransaction, { timeout: 5_000, interval: 50 }).toBe(0);

  it('after an error raised once reads have begun', async () => {
    const departmentId = (await server.graphql(A_DEPARTMENT, {}, token)).data!.departments.nodes[0]!.id;
    // tasks and the department are read first; members(first: 500) is refused by its resolver.
    const result = await server.graphql(REFUSED_MEMBERS, { d: departmentId }, token);
    expect(result.data?.tasks?.nodes).toHaveLength(2);
    expect(result.data?.department).toBeNull();
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    await settlesToNone();
  });

  it('after a 429', async () => {
    const tenantId = server.tenantIds['sakura-kensetsu']!;
    await server.database.writer.$executeRaw`UPDATE tenants SET rate_limit_per_minute = 1 WHERE id = ${tenantId}::uuid`;
    await server.app.deps.cache.invalidate(tenantId, 'master');
    const fresh = (await server.login('sakura-kensetsu', 'admin@sakura-kensetsu.example')).accessToken;
    const results = await Promise.all(Array.from({ length: 4 }, () => server.graphql(NESTED, {}, fresh)));
    expect(results.map((r) => r.status)).toContain(429);
    await settlesToNone();
    await server.database.writer.$executeRaw`UPDATE tenants SET rate_limit_per_minute = 60000 WHERE id = ${tenantId}::uuid`;
    await server.app.deps.cache.invalidate(tenantId, 'master');
  });

  it('after the client went away mid-request', async () => {
    const aborted = [];
    for (let i = 0; i < 5; i++) {
      const controller = new AbortController();
      const pending = fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: NESTED.replace('projects(', `p${i}: projects(`) }),
        signal: controller.signal,
      }).catch((error: unknown) => error);
      setTimeout(() => controller.abort(), 5 + i * 5);
      aborted.push(pending);
    }
    expect((await Promise.all(aborted)).some((r) => r instanceof Error)).toBe(true);
    await settlesToNone();
    // And the pool is whole again: a normal request still gets an answer.
    expect((await server.graphql(ME, {}, token)).status).toBe(200);
  });
});
