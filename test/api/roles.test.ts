/**
 * Every mutation x every role, through real HTTP: each role can do exactly what the role table
 * (src/auth/permissions.ts, docs/auth.md "Roles") allows, and anonymous callers nothing but sign-in.
 * Each attempt gets fresh targets, so one role's success never changes another's outcome.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { buildSchema } from '../../src/server/schema.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { graphql } from '../generated/index.js';

const CREATE_PROJECT = graphql(`mutation RolesCreateProject($i: CreateProjectInput!) { createProject(input: $i) { id } }`);
const CREATE_TASK = graphql(`mutation RolesCreateTask($i: CreateTaskInput!) { createTask(input: $i) { id } }`);
const ASSIGN_TASK = graphql(`mutation RolesAssignTask($id: UUID!, $a: UUID) { assignTask(id: $id, assigneeId: $a) { id } }`);
const CREATE_USER = graphql(`mutation RolesCreateUser($i: CreateUserInput!) { createUser(input: $i) { id } }`);
const CREATE_DEPARTMENT = graphql(`mutation RolesCreateDepartment($i: CreateDepartmentInput!) { createDepartment(input: $i) { id } }`);
const UPLOADED_ATTACHMENT = graphql(`mutation RolesUploadedAttachment($i: CreateAttachmentUploadInput!) { createAttachmentUpload(input: $i) { attachment { id } uploadUrl method headers } }`);
const ADD_COMMENT_MINE = graphql(`mutation RolesAddCommentMine($t: UUID!) { addComment(taskId: $t, body: "mine") { id } }`);
const UPDATE_TENANT = graphql(`mutation RolesUpdateTenant { updateTenant(input: { name: "Sakura Kensetsu" }) { id } }`);
const INVITE_USER = graphql(`mutation RolesInviteUser($i: InviteUserInput!) { inviteUser(input: $i) { user { id } temporaryPassword } }`);
const UPDATE_USER = graphql(`mutation RolesUpdateUser($id: UUID!) { updateUser(id: $id, input: { displayName: "Renamed" }) { id } }`);
const CHANGE_USER_ROLE = graphql(`mutation RolesChangeUserRole($id: UUID!) { changeUserRole(id: $id, role: VIEWER) { id } }`);
const DEACTIVATE_USER = graphql(`mutation RolesDeactivateUser($id: UUID!) { deactivateUser(id: $id) { id } }`);
const UPDATE_DEPARTMENT = graphql(`mutation RolesUpdateDepartment($id: UUID!) { updateDepartment(id: $id, input: { name: "Renamed" }) { id } }`);
const UPDATE_PROJECT = graphql(`mutation RolesUpdateProject($id: UUID!) { updateProject(id: $id, input: { name: "Renamed" }) { id } }`);
const ARCHIVE_PROJECT = graphql(`mutation RolesArchiveProject($id: UUID!) { archiveProject(id: $id) { id } }`);
const UPDATE_TASK = graphql(`mutation RolesUpdateTask($id: UUID!) { updateTask(id: $id, input: { title: "Renamed" }) { id } }`);
const CHANGE_TASK_STATUS = graphql(`mutation RolesChangeTaskStatus($id: UUID!) { changeTaskStatus(id: $id, status: IN_PROGRESS) { id } }`);
const DELETE_TASK = graphql(`mutation RolesDeleteTask($id: UUID!) { deleteTask(id: $id) { id } }`);
const ADD_COMMENT = graphql(`mutation RolesAddComment($t: UUID!) { addComment(taskId: $t, body: "hello") { id } }`);
const CREATE_ATTACHMENT_UPLOAD = graphql(`mutation RolesCreateAttachmentUpload($i: CreateAttachmentUploadInput!) { createAttachmentUpload(input: $i) { uploadUrl } }`);
const COMPLETE_ATTACHMENT_UPLOAD = graphql(`mutation RolesCompleteAttachmentUpload($id: UUID!) { completeAttachmentUpload(id: $id) { id status } }`);
const MARK_ALL_NOTIFICATIONS_READ = graphql(`mutation RolesMarkAllNotificationsRead { markAllNotificationsRead }`);
const EDIT_COMMENT = graphql(`mutation RolesEditComment($id: UUID!) { editComment(id: $id, body: "edited") { id body } }`);
const DELETE_COMMENT = graphql(`mutation RolesDeleteComment($id: UUID!) { deleteComment(id: $id) { id } }`);
const ADD_COMMENT_THEIRS = graphql(`mutation RolesAddCommentTheirs($t: UUID!) { addComment(taskId: $t, body: "theirs") { id } }`);
const EDIT_COMMENT_CHANGED = graphql(`mutation RolesEditCommentChanged($id: UUID!) { editComment(id: $id, body: "changed") { id } }`);
const UNREAD_NOTIFICATION = graphql(`query RolesUnreadNotification { notifications(first: 1, unreadOnly: true) { nodes { id } } }`);
const MARK_NOTIFICATION_READ = graphql(`mutation RolesMarkNotificationRead($id: UUID!) { markNotificationRead(id: $id) { id readAt } }`);

type Role = 'OWNER' | 'ADMIN' | 'MEMBER' | 'VIEWER';
const roles: Role[] = ['OWNER', 'ADMIN', 'MEMBER', 'VIEWER'];
const rank: Record<Role, number> = { VIEWER: 0, MEMBER: 1, ADMIN: 2, OWNER: 3 };
const slug = 'sakura-kensetsu';

interface Case {
  mutation: string;
  minimum: Role;
  /** Builds the operation and its variables; `self` is the acting user's id. */
  prepare(self: string): Promise<{ query: TypedDocumentNode<Record<string, unknown>, any>; variables: Record<string, unknown> }>;
}

describe('role matrix: every mutation x every role', () => {
  let server: TestServer;
  const tokens = {} as Record<Role, { accessToken: string; userId: string }>;
  let admin: string;
  const must = async <TResult, TVariables>(query: TypedDocumentNode<TResult, TVariables>, variables: TVariables) => {
    const result = await server.graphql(query, variables, admin);
    if (result.errors) throw new Error(`setup failed: ${JSON.stringify(result.errors)}`);
    return result.data!;
  };

  const newProject = async () =>
    (await must(CREATE_PROJECT, { i: { code: `P-${randomUUID().slice(0, 8)}`, name: 'Matrix' } })).createProject.id;
  const newTask = async (assigneeId?: string) =>
    (await must(CREATE_TASK, { i: { projectId: await newProject(), title: 'Matrix task', assigneeId } })).createTask.id;
  /** Assigns a task to `role`'s user by someone else (nobody is notified of their own actions). */
  const notifyRole = async (role: Role) => {
    const assigner = role === 'ADMIN' ? tokens.OWNER.accessToken : admin;
    const taskId = await newTask();
    const result = await server.graphql(ASSIGN_TASK, { id: taskId, a: tokens[role].userId }, assigner);
    if (result.errors) throw new Error(`setup failed: ${JSON.stringify(result.errors)}`);
  };
  const newUser = async (role: Role = 'MEMBER') =>
    (await must(CREATE_USER, {
      i: { email: `u-${randomUUID().slice(0, 8)}@matrix.example`, displayName: 'Matrix', role, password: 'a-long-password-123' },
    })).createUser.id;
  const newDepartment = async () =>
    (await must(CREATE_DEPARTMENT, { i: { code: `D-${randomUUID().slice(0, 8)}`, name: 'Matrix' } })).createDepartment.id;
  /** An attachment whose bytes were uploaded (by an ADMIN) but not yet completed. */
  const uploadedAttachment = async () => {
    const bytes = 'ten bytes!';
    const upload = (await must(UPLOADED_ATTACHMENT, {
      i: { taskId: await newTask(), filename: 'notes.txt', contentType: 'text/plain', size: bytes.length },
    })).createAttachmentUpload;
    const put = await fetch(upload.uploadUrl, { method: upload.method, headers: upload.headers as Record<string, string>, body: bytes });
    if (!put.ok) throw new Error(`upload failed: ${put.status}`);
    return upload.attachment.id;
  };
  /** A comment written by the acting user (own comments are editable by MEMBERs). */
  const ownComment = async (role: Role) => {
    const taskId = await newTask();
    const author = rank[role] >= rank.MEMBER ? tokens[role].accessToken : admin;
    const result = await server.graphql(ADD_COMMENT_MINE, { t: taskId }, author);
    return result.data!.addComment.id;
  };

  const cases: Case[] = [
    { mutation: 'updateTenant', minimum: 'OWNER', prepare: async () => ({ query: UPDATE_TENANT, variables: {} }) },
    { mutation: 'createUser', minimum: 'ADMIN', prepare: async () => ({ query: CREATE_USER, variables: { i: { email: `n-${randomUUID().slice(0, 8)}@matrix.example`, displayName: 'N', password: 'a-long-password-123' } } }) },
    { mutation: 'inviteUser', minimum: 'ADMIN', prepare: async () => ({ query: INVITE_USER, variables: { i: { email: `i-${randomUUID().slice(0, 8)}@matrix.example`, displayName: 'I' } } }) },
    { mutation: 'updateUser', minimum: 'ADMIN', prepare: async () => ({ query: UPDATE_USER, variables: { id: await newUser() } }) },
    { mutation: 'changeUserRole', minimum: 'ADMIN', prepare: async () => ({ query: CHANGE_USER_ROLE, variables: { id: await newUser() } }) },
    { mutation: 'deactivateUser', minimum: 'ADMIN', prepare: async () => ({ query: DEACTIVATE_USER, variables: { id: await newUser() } }) },
    { mutation: 'createDepartment', minimum: 'ADMIN', prepare: async () => ({ query: CREATE_DEPARTMENT, variables: { i: { code: `C-${randomUUID().slice(0, 8)}`, name: 'New' } } }) },
    { mutation: 'updateDepartment', minimum: 'ADMIN', prepare: async () => ({ query: UPDATE_DEPARTMENT, variables: { id: await newDepartment() } }) },
    { mutation: 'createProject', minimum: 'ADMIN', prepare: async () => ({ query: CREATE_PROJECT, variables: { i: { code: `N-${randomUUID().slice(0, 8)}`, name: 'New' } } }) },
    { mutation: 'updateProject', minimum: 'ADMIN', prepare: async () => ({ query: UPDATE_PROJECT, variables: { id: await newProject() } }) },
    { mutation: 'archiveProject', minimum: 'ADMIN', prepare: async () => ({ query: ARCHIVE_PROJECT, variables: { id: await newProject() } }) },
    { mutation: 'createTask', minimum: 'MEMBER', prepare: async () => ({ query: CREATE_TASK, variables: { i: { projectId: await newProject(), title: 'New' } } }) },
    { mutation: 'updateTask', minimum: 'MEMBER', prepare: async () => ({ query: UPDATE_TASK, variables: { id: await newTask() } }) },
    { mutation: 'assignTask', minimum: 'MEMBER', prepare: async (self) => ({ query: ASSIGN_TASK, variables: { id: await newTask(), a: self } }) },
    { mutation: 'changeTaskStatus', minimum: 'MEMBER', prepare: async () => ({ query: CHANGE_TASK_STATUS, variables: { id: await newTask() } }) },
    { mutation: 'deleteTask', minimum: 'MEMBER', prepare: async () => ({ query: DELETE_TASK, variables: { id: await newTask() } }) },
    { mutation: 'addComment', minimum: 'MEMBER', prepare: async () => ({ query: ADD_COMMENT, variables: { t: await newTask() } }) },
    { mutation: 'createAttachmentUpload', minimum: 'MEMBER', prepare: async () => ({ query: CREATE_ATTACHMENT_UPLOAD, variables: { i: { taskId: await newTask(), filename: 'plan.pdf', contentType: 'application/pdf', size: 10 } } }) },
    { mutation: 'completeAttachmentUpload', minimum: 'MEMBER', prepare: async () => ({ query: COMPLETE_ATTACHMENT_UPLOAD, variables: { id: await uploadedAttachment() } }) },
    { mutation: 'markAllNotificationsRead', minimum: 'VIEWER', prepare: async () => ({ query: MARK_ALL_NOTIFICATIONS_READ, variables: {} }) },
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
        const result = await server.graphql(query, variables, tokens[role].accessToken);
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
      const result = await server.graphql(query, variables);
      expect(result.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
      expect(result.status).toBe(401);
    });
  }

  for (const role of roles) {
    const allowed = rank[role] >= rank.MEMBER;
    it(`editComment and deleteComment of one's own comment as ${role} is ${allowed ? 'allowed' : 'FORBIDDEN'}`, async () => {
      const id = await ownComment(role);
      const edit = await server.graphql(EDIT_COMMENT, { id }, tokens[role].accessToken);
      const remove = await server.graphql(DELETE_COMMENT, { id }, tokens[role].accessToken);
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
      const id = (await server.graphql(ADD_COMMENT_THEIRS, { t: taskId }, other)).data!.addComment.id;
      const edit = await server.graphql(EDIT_COMMENT_CHANGED, { id }, tokens[role].accessToken);
      if (moderates) expect(edit.errors).toBeUndefined();
      else expect(edit.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    });
    it(`markNotificationRead of one's own notification as ${role} is allowed`, async () => {
      await notifyRole(role);
      const list = await server.graphql(UNREAD_NOTIFICATION, {}, tokens[role].accessToken);
      const id = list.data!.notifications.nodes[0]!.id;
      const read = await server.graphql(MARK_NOTIFICATION_READ, { id }, tokens[role].accessToken);
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
