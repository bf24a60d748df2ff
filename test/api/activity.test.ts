import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';
import { graphql } from '../generated/index.js';

const LIST = graphql(`query ActivityList($first: Int, $after: String, $filter: ActivityFilter) {
  activity(first: $first, after: $after, filter: $filter) {
    totalCount pageInfo { hasNextPage endCursor } nodes { id verb subjectType subjectId summary createdAt actor { id displayName } }
  }
}`);

interface EventRow { id: string; verb: string; subjectType: string; subjectId: string; summary: string; createdAt: Date; actorId: string | null; actorName: string | null }

describe('activity over HTTP', () => {
  let server: TestServer;
  let viewer: string;
  let otherTenant: string;
  let tenantId: string;

  beforeAll(async () => {
    server = await startTestServer();
    viewer = (await server.login('sakura-kensetsu', 'viewer@sakura-kensetsu.example')).accessToken;
    otherTenant = (await server.login('fuji-logistics', 'owner@fuji-logistics.example')).accessToken;
    tenantId = server.tenantIds['sakura-kensetsu']!;
  });
  afterAll(() => server?.close());

  /** The tenant's events, newest first, as the API should show them. */
  const eventsOf = (tenant: string) =>
    server.database.writer.$queryRaw<EventRow[]>`
      SELECT e.id::text, e.verb, e.subject_type AS "subjectType", e.subject_id::text AS "subjectId", e.summary, e.created_at AS "createdAt",
             e.actor_id::text AS "actorId", u.display_name AS "actorName"
        FROM activity_events e LEFT JOIN users u ON u.id = e.actor_id
       WHERE e.tenant_id = ${tenant}::uuid ORDER BY e.created_at DESC, e.id DESC`;
  const asNode = (e: EventRow) => ({
    id: e.id, verb: e.verb, subjectType: e.subjectType, subjectId: e.subjectId, summary: e.summary,
    createdAt: e.createdAt.toISOString(), actor: e.actorId ? { id: e.actorId, displayName: e.actorName } : null,
  });

  it('lists the tenant\'s activity newest first, with actors, totals and cursors', async () => {
    const expected = await eventsOf(tenantId);
    const first = await server.graphql(LIST, { first: 25 }, viewer);
    expect(first.errors).toBeUndefined();
    expect(first.data!.activity).toEqual({
      totalCount: expected.length,
      pageInfo: { hasNextPage: true, endCursor: expect.any(String) },
      nodes: expected.slice(0, 25).map(asNode),
    });
    const second = await server.graphql(LIST, { first: 25, after: first.data!.activity.pageInfo.endCursor }, viewer);
    expect(second.data!.activity.nodes).toEqual(expected.slice(25, 50).map(asNode));
  });

  it('filters by subject type, subject and actor', async () => {
    const expected = await eventsOf(tenantId);
    const someTask = expected.find((e) => e.subjectType === 'Task')!;
    const someActor = expected.find((e) => e.actorId)!.actorId!;
    const cases = [
      { filter: { subjectType: 'Comment' }, match: (e: EventRow) => e.subjectType === 'Comment' },
      { filter: { subjectId: someTask.subjectId }, match: (e: EventRow) => e.subjectId === someTask.subjectId },
      { filter: { actorId: someActor }, match: (e: EventRow) => e.actorId === someActor },
      { filter: { subjectType: 'Project', actorId: someActor }, match: (e: EventRow) => e.subjectType === 'Project' && e.actorId === someActor },
    ];
    for (const { filter, match } of cases) {
      const rows = expected.filter(match);
      const result = await server.graphql(LIST, { first: 100, filter }, viewer);
      expect(result.errors).toBeUndefined();
      expect(result.data!.activity.totalCount).toBe(rows.length);
      expect(result.data!.activity.nodes).toEqual(rows.slice(0, 100).map(asNode));
    }
  });

  it('shows events without an actor with a null actor', async () => {
    const subjectId = randomUUID();
    await server.database.writer.$executeRaw`
      INSERT INTO activity_events (id, tenant_id, actor_id, verb, subject_type, subject_id, summary, updated_at)
      VALUES (gen_random_uuid(), ${tenantId}::uuid, NULL, 'tenant.maintenance', 'Tenant', ${subjectId}::uuid, 'nightly clean-up', now())`;
    const result = await server.graphql(LIST, { first: 1, filter: { subjectId } }, viewer);
    expect(result.data!.activity.nodes).toEqual([
      { id: expect.any(String), verb: 'tenant.maintenance', subjectType: 'Tenant', subjectId, summary: 'nightly clean-up', createdAt: expect.any(String), actor: null },
    ]);
  });

  it('never shows another tenant\'s activity', async () => {
    const sakura = await eventsOf(tenantId);
    const fuji = await eventsOf(server.tenantIds['fuji-logistics']!);
    const result = await server.graphql(LIST, { first: 100 }, otherTenant);
    expect(result.data!.activity.totalCount).toBe(fuji.length);
    const sakuraIds = new Set(sakura.map((e) => e.id));
    expect(result.data!.activity.nodes.filter((n) => sakuraIds.has(n.id))).toEqual([]);
    const bySakuraSubject = await server.graphql(LIST, { filter: { subjectId: sakura[0]!.subjectId } }, otherTenant);
    expect(bySakuraSubject.data!.activity).toMatchObject({ totalCount: 0, nodes: [] });
  });

  it('refuses page sizes out of range', async () => {
    const result = await server.graphql(LIST, { first: 0 }, viewer);
    expect(result.errors![0]!.extensions).toEqual({ code: 'BAD_USER_INPUT', fields: { first: 'must be between 1 and 100' } });
  });
});
