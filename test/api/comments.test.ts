import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';
import { graphql } from '../generated/index.js';

const ADD = graphql(`mutation CommentsAdd($t: UUID!, $b: String!) { addComment(taskId: $t, body: $b) { id body author { id } task { id } createdAt updatedAt } }`);
const EDIT = graphql(`mutation CommentsEdit($id: UUID!, $b: String!) { editComment(id: $id, body: $b) { id body author { id } } }`);
const DELETE = graphql(`mutation CommentsDelete($id: UUID!) { deleteComment(id: $id) { id } }`);
const ON_TASK = graphql(`query CommentsOnTask($id: UUID!) { task(id: $id) { comments(first: 100) { nodes { id body author { id } } } } }`);
const ON_TASK_IDS = graphql(`query CommentsOnTaskIds($id: UUID!) { task(id: $id) { comments { nodes { id } } } }`);

interface Login { accessToken: string; userId: string }

describe('comments over HTTP', () => {
  let server: TestServer;
  let admin: Login;
  let member: Login;
  let otherMember: Login;
  let viewer: Login;
  let otherTenant: Login;
  let tenantId: string;
  /** A task of the tenant assigned to neither `member` nor `otherMember`. */
  let task: { id: string; assigneeId: string };

  beforeAll(async () => {
    server = await startTestServer();
    admin = await server.login('sakura-kensetsu', 'admin@sakura-kensetsu.example');
    member = await server.login('sakura-kensetsu', 'member@sakura-kensetsu.example');
    otherMember = await server.login('sakura-kensetsu', 'member2@sakura-kensetsu.example');
    viewer = await server.login('sakura-kensetsu', 'viewer@sakura-kensetsu.example');
    otherTenant = await server.login('fuji-logistics', 'owner@fuji-logistics.example');
    tenantId = server.tenantIds['sakura-kensetsu']!;
    const [row] = await sql<{ id: string; assigneeId: string }>`
      SELECT id::text, assignee_id::text AS "assigneeId" FROM tasks
       WHERE tenant_id = ${tenantId}::uuid AND assignee_id IS NOT NULL AND assignee_id NOT IN (${member.userId}::uuid, ${otherMember.userId}::uuid)
       ORDER BY created_at LIMIT 1`;
    task = row!;
  });
  afterAll(() => server?.close());

  const sql = <T>(query: TemplateStringsArray, ...values: unknown[]) => server.database.writer.$queryRaw<T[]>(query, ...values);
  const add = async (token: string, body = 'A comment') => {
    const result = await server.graphql(ADD, { t: task.id, b: body }, token);
    expect(result.errors).toBeUndefined();
    return result.data!.addComment;
  };
  const verbsOf = async (subjectId: string) =>
    (await sql<{ verb: string; subjectType: string }>`
      SELECT verb, subject_type AS "subjectType" FROM activity_events WHERE subject_id = ${subjectId}::uuid ORDER BY created_at, verb`);

  it('adds a comment, shows it on the task, notifies the assignee and records comment.added', async () => {
    const result = await server.graphql(ADD, { t: task.id, b: '  Concrete arrives at 9:00  ' }, member.accessToken);
    expect(result.errors).toBeUndefined();
    const comment = result.data!.addComment;
    expect(comment).toEqual({
      id: expect.any(String),
      body: 'Concrete arrives at 9:00',
      author: { id: member.userId },
      task: { id: task.id },
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      updatedAt: comment.createdAt,
    });

    const onTask = await server.graphql(ON_TASK, { id: task.id }, viewer.accessToken);
    expect(onTask.data!.task!.comments.nodes.at(-1)).toEqual({ id: comment.id, body: 'Concrete arrives at 9:00', author: { id: member.userId } });

    const notifications = await sql<{ kind: string; payload: Record<string, string> }>`
      SELECT kind, payload FROM notifications WHERE user_id = ${task.assigneeId}::uuid AND payload->>'commentId' = ${comment.id}`;
    expect(notifications).toEqual([{ kind: 'comment.added', payload: { taskId: task.id, commentId: comment.id, title: expect.any(String), actorId: member.userId } }]);
    expect(await verbsOf(comment.id)).toEqual([{ verb: 'comment.added', subjectType: 'Comment' }]);
  });

  it('does not notify an assignee of their own comment', async () => {
    const [own] = await sql<{ id: string }>`SELECT id::text FROM tasks WHERE assignee_id = ${member.userId}::uuid LIMIT 1`;
    const result = await server.graphql(ADD, { t: own!.id, b: 'Note to self' }, member.accessToken);
    const [row] = await sql<{ n: number }>`SELECT count(*)::int AS n FROM notifications WHERE payload->>'commentId' = ${result.data!.addComment.id}`;
    expect(row!.n).toBe(0);
  });

  it('validates the body and the task', async () => {
    const empty = await server.graphql(ADD, { t: task.id, b: '   ' }, member.accessToken);
    expect(empty.errors![0]!.extensions).toEqual({ code: 'BAD_USER_INPUT', fields: { body: 'must not be empty' } });
    const long = await server.graphql(ADD, { t: task.id, b: 'x'.repeat(10_001) }, member.accessToken);
    expect(long.errors![0]!.extensions).toEqual({ code: 'BAD_USER_INPUT', fields: { body: 'at most 10,000 characters' } });
    expect((await add(member.accessToken, 'x'.repeat(10_000))).body).toHaveLength(10_000);

    const noTask = randomUUID();
    const missing = await server.graphql(ADD, { t: noTask, b: 'Hello?' }, member.accessToken);
    expect(missing.errors![0]!.extensions).toEqual({ code: 'NOT_FOUND', type: 'Task', id: noTask });
    const editEmpty = await server.graphql(EDIT, { id: (await add(member.accessToken)).id, b: '' }, member.accessToken);
    expect(editEmpty.errors![0]!.extensions).toEqual({ code: 'BAD_USER_INPUT', fields: { body: 'must not be empty' } });
  });

  it('lets VIEWERs read but not comment', async () => {
    const result = await server.graphql(ADD, { t: task.id, b: 'Can I?' }, viewer.accessToken);
    expect(result.errors![0]!.extensions!.code).toBe('FORBIDDEN');
  });

  it('lets authors edit and delete their own comments, recording each change', async () => {
    const { id } = await add(member.accessToken);
    const edited = await server.graphql(EDIT, { id, b: 'Corrected' }, member.accessToken);
    expect(edited.data).toEqual({ editComment: { id, body: 'Corrected', author: { id: member.userId } } });
    const deleted = await server.graphql(DELETE, { id }, member.accessToken);
    expect(deleted.data).toEqual({ deleteComment: { id } });
    const [row] = await sql<{ n: number }>`SELECT count(*)::int AS n FROM comments WHERE id = ${id}::uuid`;
    expect(row!.n).toBe(0);
    expect((await verbsOf(id)).map((e) => e.verb)).toEqual(['comment.added', 'comment.edited', 'comment.deleted']);
  });

  it('refuses a MEMBER someone else\'s comment and lets an ADMIN moderate it', async () => {
    const { id } = await add(member.accessToken, 'Original');
    const edit = await server.graphql(EDIT, { id, b: 'Vandalised' }, otherMember.accessToken);
    expect(edit.errors![0]!.extensions!.code).toBe('FORBIDDEN');
    const del = await server.graphql(DELETE, { id }, otherMember.accessToken);
    expect(del.errors![0]!.extensions!.code).toBe('FORBIDDEN');

    const moderated = await server.graphql(EDIT, { id, b: 'Edited by an admin' }, admin.accessToken);
    // The author stays the author; the activity event names the moderator.
    expect(moderated.data).toEqual({ editComment: { id, body: 'Edited by an admin', author: { id: member.userId } } });
    const removed = await server.graphql(DELETE, { id }, admin.accessToken);
    expect(removed.data).toEqual({ deleteComment: { id } });
    const events = await sql<{ verb: string; actor: string }>`
      SELECT verb, actor_id::text AS actor FROM activity_events WHERE subject_id = ${id}::uuid ORDER BY created_at, verb`;
    expect(events).toEqual([
      { verb: 'comment.added', actor: member.userId },
      { verb: 'comment.edited', actor: admin.userId },
      { verb: 'comment.deleted', actor: admin.userId },
    ]);
  });

  it('hides comments from another tenant and refuses to change them', async () => {
    const { id } = await add(member.accessToken, 'Internal');
    const read = await server.graphql(ON_TASK_IDS, { id: task.id }, otherTenant.accessToken);
    expect(read.data).toEqual({ task: null });
    const edit = await server.graphql(EDIT, { id, b: 'Hijacked' }, otherTenant.accessToken);
    expect(edit.errors![0]!.extensions).toEqual({ code: 'NOT_FOUND', type: 'Comment', id });
    const del = await server.graphql(DELETE, { id }, otherTenant.accessToken);
    expect(del.errors![0]!.extensions).toEqual({ code: 'NOT_FOUND', type: 'Comment', id });
    const addForeign = await server.graphql(ADD, { t: task.id, b: 'Hello from Fuji' }, otherTenant.accessToken);
    expect(addForeign.errors![0]!.extensions!.code).toBe('NOT_FOUND');
    const [row] = await sql<{ body: string }>`SELECT body FROM comments WHERE id = ${id}::uuid`;
    expect(row).toEqual({ body: 'Internal' });
  });
});
