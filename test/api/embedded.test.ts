/**
 * The API on the embedded default (PGlite: one database session for everybody), through real
 * HTTP: the same answers as on PostgreSQL, and no request holds the session while it waits —
 * a request that reads and then writes finishes at once (it used to wait on its own read
 * transaction until the transaction timeout), and two tenants' requests run side by side.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FullDashboard } from '../support/queries.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { graphql } from '../generated/index.js';

const TASKS = graphql(`query EmbeddedTasks { tasks(first: 5) { totalCount nodes { title project { name } assignee { displayName } } } }`);
const BY_STATUS = graphql(`query EmbeddedByStatus($s: [TaskStatus!]) { tasks(first: 50, filter: { status: $s }) { nodes { status } } }`);
const TWO_IDS = graphql(`query EmbeddedTwoIds { tasks(first: 2) { nodes { id } } }`);
const TWO_WRITES = graphql(`
  mutation EmbeddedTwoWrites($a: UUID!, $b: UUID!) {
    a: changeTaskStatus(id: $a, status: IN_PROGRESS) { status project { name } assignee { displayName } }
    b: changeTaskStatus(id: $b, status: BLOCKED) { status project { name } }
  }
`);
const TENANT_TASKS = graphql(`query EmbeddedTenantTasks { tenant { slug } tasks(first: 50) { nodes { id } } }`);

describe('the API on the embedded PGlite', () => {
  let server: TestServer;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    server = await startTestServer({ backend: 'pglite', env: { DB_TRANSACTION_TIMEOUT_MS: '5000' } });
    tokens.sakura = (await server.login('sakura-kensetsu', 'member@sakura-kensetsu.example')).accessToken;
    tokens.fuji = (await server.login('fuji-logistics', 'member@fuji-logistics.example')).accessToken;
  });
  afterAll(() => server?.close());

  it('serves the dashboard and lists with their relations', async () => {
    const dashboard = await server.graphql(FullDashboard, {}, tokens.sakura);
    expect(dashboard.errors).toBeUndefined();
    expect(dashboard.data!.dashboard.taskCountsByStatus).toHaveLength(4);
    const tasks = await server.graphql(TASKS, {}, tokens.sakura);
    expect(tasks.errors).toBeUndefined();
    expect(tasks.data!.tasks.nodes).toHaveLength(5);
    expect(tasks.data!.tasks.nodes[0]!.project.name).toEqual(expect.any(String));
  });

  it('filters by a list of enum values (an array parameter of a type of our own)', async () => {
    const filtered = await server.graphql(BY_STATUS, { s: ['TODO', 'IN_PROGRESS'] }, tokens.sakura);
    expect(filtered.errors).toBeUndefined();
    const statuses = new Set(filtered.data!.tasks.nodes.map((t) => t.status));
    expect(statuses.size).toBeGreaterThan(0);
    for (const status of statuses) expect(['TODO', 'IN_PROGRESS']).toContain(status);
  });

  it('lets a request read, then write, then read again without waiting on itself', async () => {
    const { data } = await server.graphql(TWO_IDS, {}, tokens.sakura);
    const [first, second] = data!.tasks.nodes;
    const result = await server.graphql(TWO_WRITES, { a: first!.id, b: second!.id }, tokens.sakura);
    expect(result.errors).toBeUndefined();
    expect(result.data).toMatchObject({ a: { status: 'IN_PROGRESS' }, b: { status: 'BLOCKED' } });
    // Held read transactions would have made the second write wait the whole transaction timeout
    // and fail with it: the absence of errors above is the check, not a wall clock.
  });

  it('serves two tenants side by side, each its own data', async () => {
    const [sakura, fuji] = await Promise.all(
      [tokens.sakura, tokens.fuji].map((token) => server.graphql(TENANT_TASKS, {}, token)),
    );
    expect(sakura!.data!.tenant.slug).toBe('sakura-kensetsu');
    expect(fuji!.data!.tenant.slug).toBe('fuji-logistics');
    const ids = new Set(sakura!.data!.tasks.nodes.map((t) => t.id));
    expect(fuji!.data!.tasks.nodes.some((t) => ids.has(t.id))).toBe(false);
  });
});
