/**
 * Every mutation x every role, through real HTTP: each role can do exactly what the role table
 * (src/auth/permissions.ts, docs/auth.md "Roles") allows, and anonymous callers nothing but sign-in.
 * Each attempt gets fresh targets, so one role's success never changes another's outcome.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSchema } from '../../src/server/schema.js';
import { startTestServer, type TestServer } from '../support/server.js';

type Role = 'OWNER' | 'ADMIN' | 'MEMBER' | 'VIEWER';
const roles: Role[] = ['OWNER', 'ADMIN', 'MEMBER', 'VIEWER'];
const rank: Record<Role, number> = { VIEWER: 0, MEMBER: 1, ADMIN: 2, OWNER: 3 };
const slug = 'sakura-kensetsu';

interface Case {
  mutation: string;
  minimum: Role;
  /** Builds the operation and its variables; `self` is the acting user's id. */
  prepare(self: string): Promise<{ query: string; variables: Record<string, unknown> }>;
}

describe('role matrix: every mutation x every role', () => {
  let server: TestServer;
  const tokens = {} as Record<Role, { accessToken: string; userId: string }>;
  let admin: string;
  const gql = async (query: string, variables: Record<string, unknown>, token?: string) => server.graphql(query, variables, token);
  const must = async (query: string, variables: Record<string, unknown>) => {
    const result = await gql(query, variables, admin);
    if (result.errors) throw new Error(`setup failed: ${JSON.stringify(result.errors)}`);
    return result.data!;
  };

  const newProject = async () =>
    (await must('mutation($i: CreateProjectInput!) { createProject(input: $i) { id } }', { i: { code: `P-${randomUUID().slice(0, 8)}`, name: 'Matrix' } })).createProject.id as string;
  const newTask = async (assigneeId?: string) =>
    (await must('mutation($i: CreateTaskInput!) { createTask(input: $i) { id } }', { i: { projectId: await newProject(), title: 'Matrix task', assigneeId } })).createTask.id as string;
  /** Assigns a task to `role`'s user by someone else (nobody is notified of their own actions). */
  const notifyRole = async (role: Role) => {
    const assigner = role === 'ADMIN' ? tokens.OWNER.accessToken : admin;
    const taskId = await newTask();
    const result = await gql('mutation($id: UUID!, $a: UUID) { assignTask(id: $id, assigneeId: $a) { id } }', { id: taskId, a: tokens[role].userId }, assigner);
    if (result.errors) throw new Error(`setup failed: ${JSON.stringify(result.errors)}`);
  };
  const newUser = async (role: Role = 'MEMBER') =>
    (await must('mutation($i: CreateUserInput!) { createUser(input: $i) { id } }', {
      i: { email: `u-${randomUUID().slice(0, 8)}@matrix.example`, displayName: 'Matrix', role, password: 'a-long-password-123' },
    })).createUser.id as string;
  const newDepartment = async () =>
    (await must('mutation($i: CreateDepartmentInput!) { createDepartment(input: $i) { id } }', { i: { code: `D-${randomUUID().slice(0, 8)}`, name: 'Matrix' } })).createDepartment.id as string;
  /** An attachment whose bytes were uploaded (by an ADMIN) but not yet completed. */
  const uploadedAttachment = async () => {
    const bytes = 'ten bytes!';
    const upload = (await must('mutation($i: CreateAttachmentUploadInput!) { createAttachmentUpload(input: $i) { attachment { id } uploadUrl method headers } }', {
      i: { taskId: await newTask(), filename: 'notes.txt', contentType: 'text/plain', size: bytes.length },
    })).createAttachmentUpload;
    const put = await fetch(upload.uploadUrl, { method: upload.method, headers: upload.headers, body: bytes });
    if (!put.ok) throw new Error(`upload failed: ${put.status}`);
    return upload.attachment.id as string;
  };
  /** A comment written by the acting user (own comments are editable by MEMBERs). */
  const ownComment = async (role: Role) => {
    const taskId = await newTask();
    const author = rank[role] >= rank.MEMBER ? tokens[role].accessToken : admin;
    const result = await gql('mutation($t: UUID!) { addComment(taskId: $t, body: "mine") { id } }', { t: taskId }, author);
    return result.data!.addComment.id as string;
  };

  const cases: Case[] = [
    { mutation: 'updateTenant', minimum: 'OWNER', prepare: async () => ({ query: 'mutation { updateTenant(input: { name: "Sakura Kensetsu" }) { id } }', variables: {} }) },
    { mutation: 'createUser', minimum: 'ADMIN', prepare: async () => ({ query: 'mutation($i: CreateUserInput!) { createUser(input: $i) { id } }', variables: { i: { email: `n-${randomUUID().slice(0, 8)}@matrix.example`, displayName: 'N', password: 'a-long-password-123' } } }) },
    { mutation: 'inviteUser', minimum: 'ADMIN', prepare: async () => ({ query: 'mutation($i: InviteUserInput!) { inviteUser(input: $i) { user { id } temporaryPassword } }', variables: { i: { email: `i-${randomUUID().slice(0, 8)}@matrix.example`, displayName: 'I' } } }) },
    { mutation: 'updateUser', minimum: 'ADMIN', prepare: async () => ({ query: 'mutation($id: UUID!) { updateUser(id: $id, input: { displayName: "Renamed" }) { id } }', variables: { id: await newUser() } }) },
    { mutation: 'changeUserRole', minimum: 'ADMIN', prepare: async () => ({ query: 'mutation($id: UUID!) { changeUserRole(id: $id, role: VIEWER) { id } }', variables: { id: await newUser() } }) },
    { mutation: 'deactivateUser', minimum: 'ADMIN', prepare: async () => ({ query: 'mutation($id: UUID!) { deactivateUser(id: $id) { id } }', variables: { id: await newUser() } }) },
    { mutation: 'createDepartment', minimum: 'ADMIN', prepare: async () => ({ query: 'mutation($i: CreateDepartmentInput!) { createDepartment(input: $i) { id } }', variables: { i: { code: `C-${randomUUID().slice(0, 8)}`, name: 'New' } } }) },
    { mutation: 'updateDepartment', minimum: 'ADMIN', prepare: async () => ({ query: 'mutation($id: UUID!) { updateDepartment(id: $id, input: { name: "Renamed" }) { id } }', variables: { id: await newDepartment() } }) },
    { mutation: 'createProject', minimum: 'ADMIN', prepare: async () => ({ query: 'mutation($i: CreateProjectInput!) { createProject(input: $i) { id } }', variables: { i: { code: `N-${randomUUID().slice(0, 8)}`, name: 'New' } } }) },
    { mutation: 'updateProject', minimum: 'ADMIN', prepare: async () => ({ query: 'mutation($id: UUID!) { updateProject(id: $id, input: { name: "Renamed" }) { id } }', variables: { id: await newProject() } }) },
    { mutation: 'archiveProject', minimum: 'ADMIN', prepare: async () => ({ query: 'mutation($id: UUID!) { archiveProject(id: $id) { id } }', variables: { id: await newProject() } }) },
    { mutation: 'createTask', minimum: 'MEMBER', prepare: async () => ({ query: 'mutation($i: CreateTaskInput!) { createTask(input: $i) { id } }', variables: { i: { projectId: await newProject(), title: 'New' } } }) },
    { mutation: 'updateTask', minimum: 'MEMBER', prepare: async () => ({ query: 'mutation($id: UUID!) { updateTask(id: $id, input: { title: "Renamed" }) { id } }', variables: { id: await newTask() } }) },
    { mutation: 'assignTask', minimum: 'MEMBER', prepare: async (self) => ({ query: 'mutation($id: UUID!, $a: UUID) { assignTask(id: $id, assigneeId: $a) { id } }', variables: { id: await newTask(), a: self } }) },
    { mutation: 'changeTaskStatus', minimum: 'MEMBER', prepare: async () => ({ query: 'mutation($id: UUID!) { changeTaskStatus(id: $id, status: IN_PROGRESS) { id } }', variables: { id: await newTask() } }) },
    { mutation: 'deleteTask', minimum: 'MEMBER', prepare: async () => ({ query: 'mutation($id: UUID!) { deleteTask(id: $id) { id } }', variables: { id: await newTask() } }) },
    { mutation: 'addComment', minimum: 'MEMBER', prepare: async () => ({ query: 'mutation($t: UUID!) { addComment(taskId: $t, body: "hello") { id } }', variables: { t: await newTask() } }) },
    { mutation: 'createAttachmentUpload', minimum: 'MEMBER', prepare: async () => ({ query: 'mutation($i: CreateAttachmentUploadInput!) { createAttachmentUpload(input: $i) { uploadUrl } }', variables: { i: { taskId: await newTask(), filename: 'plan.pdf', contentType: 'application/pdf', size: 10 } } }) },
    { mutation: 'completeAttachmentUpload', minimum: 'MEMBER', prepare: async () => ({ query: 'mutation($id: UUID!) { completeAttachmentUpload(id: $id) { id status } }', variables: { id: await uploadedAttachment() } }) },
    { mutation: 'markAllNotificationsRead', minimum: 'VIEWER', prepare: async () => ({ query: 'mutation { markAllNotificationsRead }', variables: {} }) },
  ];

  beforeAll(async () => {
    server = await startTestServer();
    for (const role of roles) {
      const login = await server.login(slug, `${role.toLowerCase()}@${slug}.example`);
      tokens[role] = { accessToken: login.accessToken, userId: login.userId };
    }
    admin = tokens.ADMIN.accessToken;
  });
  afterAll(() => server?.close());

  for (const c of cases) {
    for (const role of roles) {
      const allowed = rank[role] >= rank[c.minimum];
      it(`${c.mutation} as ${role} is ${allowed ? 'allowed' : 'FORBIDDEN'}`, async () => {
        const { query, variables } = await c.prepare(tokens[role].userId);
        const result = await gql(query, variables, tokens[role].accessToken);
        if (allowed) {
          expect(result.errors).toBeUndefined();
          expect(result.data?.[c.mutation]).toBeDefined();
        } else {
          expect(result.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
          expect(result.status).toBe(403);
        }
      });
    }
    it(`${c.mutation} without a token is UNAUTHENTICATED`, async () => {
      const { query, variables } = await c.prepare(tokens.ADMIN.userId);
      const result = await gql(query, variables);
      expect(result.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
      expect(result.status).toBe(401);
    });
  }

  for (const role of roles) {
    const allowed = rank[role] >= rank.MEMBER;
    it(`editComment and deleteComment of one's own comment as ${role} is ${allowed ? 'allowed' : 'FORBIDDEN'}`, async () => {
      const id = await ownComment(role);
      const edit = await gql('mutation($id: UUID!) { editComment(id: $id, body: "edited") { id body } }', { id }, tokens[role].accessToken);
      const remove = await gql('mutation($id: UUID!) { deleteComment(id: $id) { id } }', { id }, tokens[role].accessToken);
      if (allowed) {
        expect(edit.errors).toBeUndefined();
        expect(edit.data?.editComment.body).toBe('edited');
        expect(remove.data?.deleteComment.id).toBe(id);
      } else {
        expect(edit.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
        expect(remove.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      }
    });
    const moderates = rank[role] >= rank.ADMIN;
    it(`editing someone else's comment as ${role} is ${moderates ? 'allowed' : 'FORBIDDEN'}`, async () => {
      const taskId = await newTask();
      const other = role === 'ADMIN' ? tokens.OWNER.accessToken : admin;
      const id = (await gql('mutation($t: UUID!) { addComment(taskId: $t, body: "theirs") { id } }', { t: taskId }, other)).data!.addComment.id;
      const edit = await gql('mutation($id: UUID!) { editComment(id: $id, body: "changed") { id } }', { id }, tokens[role].accessToken);
      if (moderates) expect(edit.errors).toBeUndefined();
      else expect(edit.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    });
    it(`markNotificationRead of one's own notification as ${role} is allowed`, async () => {
      await notifyRole(role);
      const list = await gql('{ notifications(first: 1, unreadOnly: true) { nodes { id } } }', {}, tokens[role].accessToken);
      const id = list.data!.notifications.nodes[0].id;
      const read = await gql('mutation($id: UUID!) { markNotificationRead(id: $id) { id readAt } }', { id }, tokens[role].accessToken);
      expect(read.errors).toBeUndefined();
      expect(read.data!.markNotificationRead.readAt).toMatch(/^\d{4}-/);
    });
  }

  it('covers every mutation of the schema', () => {
    // login, refreshSession and logout are public; test/api/auth.test.ts covers them.
    const covered = new Set([...cases.map((c) => c.mutation), 'editComment', 'deleteComment', 'markNotificationRead', 'login', 'refreshSession', 'logout']);
    const schemaMutations = Object.keys(buildSchema().getMutationType()!.getFields());
    expect(schemaMutations.filter((m) => !covered.has(m))).toEqual([]);
  });
});
