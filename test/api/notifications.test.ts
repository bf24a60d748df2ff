import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';
import { graphql } from '../generated/index.js';

const LIST = graphql(`query NotificationsList($first: Int, $after: String, $unreadOnly: Boolean) {
  notifications(first: $first, after: $after, unreadOnly: $unreadOnly) {
    totalCount unreadCount pageInfo { hasNextPage endCursor } nodes { id kind payload readAt createdAt }
  }
}`);
const MARK = graphql(`mutation NotificationsMark($id: UUID!) { markNotificationRead(id: $id) { id readAt } }`);
const MARK_ALL = graphql(`mutation NotificationsMarkAll { markAllNotificationsRead }`);
const COUNTS = graphql(`query NotificationsCounts { notifications { unreadCount totalCount } }`);
const TOTAL = graphql(`query NotificationsTotal { notifications { totalCount } }`);

interface Login { accessToken: string; userId: string }
interface Row { id: string; kind: string; payload: unknown; readAt: Date | null; createdAt: Date }

describe('notifications over HTTP', () => {
  let server: TestServer;
  let member: Login;
  let admin: Login;
  let viewer: Login;
  let otherTenant: Login;
  let tenantId: string;

  beforeAll(async () => {
    server = await startTestServer();
    member = await server.login('sakura-kensetsu', 'member@sakura-kensetsu.example');
    admin = await server.login('sakura-kensetsu', 'admin@sakura-kensetsu.example');
    viewer = await server.login('sakura-kensetsu', 'viewer@sakura-kensetsu.example');
    otherTenant = await server.login('fuji-logistics', 'owner@fuji-logistics.example');
    tenantId = server.tenantIds['sakura-kensetsu']!;
  });
  afterAll(() => server?.close());

  const sql = <T>(query: TemplateStringsArray, ...values: unknown[]) => server.database.writer.$queryRaw<T[]>(query, ...values);
  const rowsOf = (userId: string) =>
    sql<Row>`SELECT id::text, kind, payload, read_at AS "readAt", created_at AS "createdAt" FROM notifications
              WHERE user_id = ${userId}::uuid ORDER BY created_at DESC, id DESC`;
  const activityCount = async () => (await sql<{ n: number }>`SELECT count(*)::int AS n FROM activity_events`)[0]!.n;
  const give = async (userId: string, kind = 'task.assigned') =>
    (await sql<{ id: string }>`
      INSERT INTO notifications (id, tenant_id, user_id, kind, payload, updated_at)
      VALUES (gen_random_uuid(), ${tenantId}::uuid, ${userId}::uuid, ${kind}, '{"taskId":"t-1"}', now()) RETURNING id::text`)[0]!.id;

  it("lists only the viewer's own notifications, newest first, with both counts", async () => {
    const own = await rowsOf(member.userId);
    expect(own.length).toBeGreaterThan(2);
    const unread = own.filter((n) => n.readAt === null);
    expect(unread.length).toBeGreaterThan(0);

    const all = await server.graphql(LIST, { first: 100 }, member.accessToken);
    expect(all.errors).toBeUndefined();
    expect(all.data!.notifications).toEqual({
      totalCount: own.length,
      unreadCount: unread.length,
      pageInfo: { hasNextPage: false, endCursor: expect.any(String) },
      nodes: own.map((n) => ({ id: n.id, kind: n.kind, payload: n.payload, readAt: n.readAt?.toISOString() ?? null, createdAt: n.createdAt.toISOString() })),
    });

    const unreadOnly = await server.graphql(LIST, { first: 100, unreadOnly: true }, member.accessToken);
    expect(unreadOnly.data!.notifications.totalCount).toBe(unread.length);
    expect(unreadOnly.data!.notifications.unreadCount).toBe(unread.length);
    expect(unreadOnly.data!.notifications.nodes.map((n) => n.id)).toEqual(unread.map((n) => n.id));

    const page1 = await server.graphql(LIST, { first: 2 }, member.accessToken);
    const page2 = await server.graphql(LIST, { first: 2, after: page1.data!.notifications.pageInfo.endCursor }, member.accessToken);
    expect([...page1.data!.notifications.nodes, ...page2.data!.notifications.nodes].map((n) => n.id)).toEqual(own.slice(0, 4).map((n) => n.id));
  });

  it('marks one of the own notifications read, idempotently, without an ActivityEvent', async () => {
    const id = await give(member.userId);
    const eventsBefore = await activityCount();
    const first = await server.graphql(MARK, { id }, member.accessToken);
    expect(first.errors).toBeUndefined();
    expect(first.data!.markNotificationRead).toEqual({ id, readAt: expect.stringMatching(/^\d{4}-/) });
    const second = await server.graphql(MARK, { id }, member.accessToken);
    expect(second.data).toEqual(first.data);
    expect(await activityCount()).toBe(eventsBefore);
  });

  it("refuses someone else's notification as NOT_FOUND, in the same tenant and from another", async () => {
    const id = await give(admin.userId);
    for (const token of [member.accessToken, otherTenant.accessToken]) {
      const result = await server.graphql(MARK, { id }, token);
      expect(result.errors![0]!.extensions).toEqual({ code: 'NOT_FOUND', type: 'Notification', id });
    }
    const [row] = await sql<{ readAt: Date | null }>`SELECT read_at AS "readAt" FROM notifications WHERE id = ${id}::uuid`;
    expect(row).toEqual({ readAt: null });
    const foreignList = await server.graphql(LIST, { first: 100 }, otherTenant.accessToken);
    const fujiOwn = await rowsOf(otherTenant.userId);
    expect(foreignList.data!.notifications.nodes.map((n) => n.id)).toEqual(fujiOwn.map((n) => n.id));
  });

  it('lets a VIEWER mark all of their own notifications, and only theirs', async () => {
    await give(viewer.userId);
    await give(viewer.userId, 'comment.added');
    const adminUnreadBefore = (await rowsOf(admin.userId)).filter((n) => !n.readAt).length;
    const unread = (await rowsOf(viewer.userId)).filter((n) => !n.readAt).length;
    expect(unread).toBeGreaterThanOrEqual(2);
    const eventsBefore = await activityCount();

    const marked = await server.graphql(MARK_ALL, {}, viewer.accessToken);
    expect(marked.data).toEqual({ markAllNotificationsRead: unread });
    const again = await server.graphql(MARK_ALL, {}, viewer.accessToken);
    expect(again.data).toEqual({ markAllNotificationsRead: 0 });
    const counts = await server.graphql(COUNTS, {}, viewer.accessToken);
    expect(counts.data!.notifications).toEqual({ unreadCount: 0, totalCount: (await rowsOf(viewer.userId)).length });

    expect((await rowsOf(admin.userId)).filter((n) => !n.readAt).length).toBe(adminUnreadBefore);
    expect(await activityCount()).toBe(eventsBefore);
  });

  it('requires a signed-in user', async () => {
    const result = await server.graphql(TOTAL);
    expect(result.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
  });
});
