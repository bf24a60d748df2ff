import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type GraphQLResult, type TestServer } from '../support/server.js';
import type { ResultOf } from '../support/operations.js';
import type { CreateUserInput, Role, UpdateUserInput, UserFilter } from '../generated/graphql.js';
import { graphql } from '../generated/index.js';

const CHANGE_USER_ROLE = graphql(`mutation UsersChangeUserRole($id: UUID!, $r: Role!) { changeUserRole(id: $id, role: $r) { id role } }`);
const DEACTIVATE_USER = graphql(`mutation UsersDeactivateUser($id: UUID!) { deactivateUser(id: $id) { id active } }`);
const ME = graphql(`query UsersMe { me { id } }`);
const REFRESH_SESSION = graphql(`mutation UsersRefreshSession($t: String!) { refreshSession(refreshToken: $t) { accessToken } }`);
const DEPARTMENTS = graphql(`query UsersDepartments { departments { nodes { id code } } }`);
const ME2 = graphql(`query UsersMe2 { me { email displayName role active department { code name } } }`);
const USERS = graphql(`query UsersUsers { users(first: 4) { totalCount pageInfo { hasNextPage hasPreviousPage endCursor } nodes { email createdAt } } }`);
const USERS2 = graphql(`query UsersUsers2($a: String) { users(first: 4, after: $a) { pageInfo { hasPreviousPage } nodes { email createdAt } } }`);
const USERS3 = graphql(`query UsersUsers3($f: UserFilter) { users(first: 100, filter: $f) { totalCount nodes { email } } }`);
const USERS4 = graphql(`query UsersUsers4 { users(first: 1, filter: { role: ADMIN }) { nodes { id } } }`);
const USER = graphql(`query UsersUser($id: UUID!) { user(id: $id) { id email role department { code } } }`);
const USER2 = graphql(`query UsersUser2($id: UUID!) { user(id: $id) { id } }`);
const USERS5 = graphql(`query UsersUsers5 { users(first: 10) { nodes { department { code } assignedTasks(first: 2, status: TODO) { totalCount nodes { status assignee { id } } } } } }`);
const DEPARTMENTS2 = graphql(`query UsersDepartments2 { departments(first: 1) { nodes { id } } }`);
const INVITE_USER = graphql(`mutation UsersInviteUser($i: InviteUserInput!) { inviteUser(input: $i) { temporaryPassword user { email role department { code } } } }`);
const UPDATE_USER = graphql(`mutation UsersUpdateUser($id: UUID!, $i: UpdateUserInput!) { updateUser(id: $id, input: $i) { displayName department { code } } }`);
const ME3 = graphql(`query UsersMe3 { me { role } }`);
const USERS6 = graphql(`query UsersUsers6 { users(first: 1, filter: { role: OWNER }) { nodes { id } } }`);
const LOGIN = graphql(`mutation UsersLogin { login(tenantSlug: "sakura-kensetsu", email: "leaver@sakura-kensetsu.example", password: "long-enough-pw") { accessToken } }`);
const USER3 = graphql(`query UsersUser3($id: UUID!) { user(id: $id) { id email } }`);
const USERS7 = graphql(`query UsersUsers7 { users(first: 100) { totalCount nodes { email } } }`);
const USERS8 = graphql(`query UsersUsers8($d: UUID!) { users(filter: { departmentId: $d }) { totalCount nodes { id } } }`);
const UPDATE_USER2 = graphql(`mutation UsersUpdateUser2($id: UUID!) { updateUser(id: $id, input: { displayName: "pwned" }) { id } }`);
const ME4 = graphql(`query UsersMe4 { me { displayName role active } }`);

const SAKURA = 'sakura-kensetsu';
const CREATE_USER = graphql(`mutation UsersCreateUser($i: CreateUserInput!) { createUser(input: $i) { id email displayName role active department { code } lastSeenAt createdAt updatedAt } }`);

/** The one error of a failed operation, with its code, HTTP status and field messages. */
function failure(result: GraphQLResult<unknown>) {
  expect(result.errors).toHaveLength(1);
  const [error] = result.errors!;
  return { status: result.status, code: error!.extensions?.code, message: error!.message, fields: error!.extensions?.fields };
}

describe('users over HTTP', () => {
  let server: TestServer;
  let owner: string;
  let admin: string;
  let member: string;
  let foreignOwner: string;
  let departmentIds: Record<string, string>;
  const queries: string[] = [];

  const create = (input: CreateUserInput, token = admin) =>
    server.graphql(CREATE_USER, { i: input }, token);
  const changeRole = (id: string, role: Role, token = admin) =>
    server.graphql(CHANGE_USER_ROLE, { id, r: role }, token);
  const deactivate = (id: string, token = admin) =>
    server.graphql(DEACTIVATE_USER, { id }, token);
  const me = (token: string) => server.graphql(ME, {}, token);
  const refresh = (refreshToken: string) =>
    server.graphql(REFRESH_SESSION, { t: refreshToken });
  /** A fresh MEMBER with a known password, signed in: tests that revoke sessions use their own user. */
  async function signedInNewUser(localPart: string) {
    const created = await create({ email: `${localPart}@${SAKURA}.example`, displayName: localPart, password: 'long-enough-pw' });
    expect(created.errors).toBeUndefined();
    const session = await server.login(SAKURA, `${localPart}@${SAKURA}.example`, 'long-enough-pw');
    return { id: created.data!.createUser.id, ...session };
  }

  /** Polls (a correctness wait, not a timing assertion) until `count` statements wait on a row lock. */
  async function waitForLockWaiters(count: number) {
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      const rows = await server.database.writer.$queryRaw<{ n: bigint }[]>`
        SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`;
      if (Number(rows[0]!.n) >= count) return;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error(`fewer than ${count} statements ever waited on a lock`);
  }

  beforeAll(async () => {
    server = await startTestServer({ logQueries: true });
    server.database.onStatement((e) => queries.push(e.query));
    owner = (await server.login(SAKURA, `owner@${SAKURA}.example`)).accessToken;
    admin = (await server.login(SAKURA, `admin@${SAKURA}.example`)).accessToken;
    member = (await server.login(SAKURA, `member@${SAKURA}.example`)).accessToken;
    foreignOwner = (await server.login('fuji-logistics', 'owner@fuji-logistics.example')).accessToken;
    const departments = await server.graphql(DEPARTMENTS, {}, admin);
    departmentIds = Object.fromEntries(departments.data!.departments.nodes.map((d) => [d.code, d.id]));
  });
  afterAll(() => server?.close());

  it('me returns the signed-in user, and UNAUTHENTICATED (401) without a token', async () => {
    const result = await server.graphql(ME2, {}, member);
    expect(result).toMatchObject({ status: 200, data: { me: { email: `member@${SAKURA}.example`, displayName: '佐藤 健太', role: 'MEMBER', active: true, department: { code: 'SEKKEI', name: '設計部' } } } });
    expect(result.errors).toBeUndefined();
    expect(failure(await server.graphql(ME))).toEqual({ status: 401, code: 'UNAUTHENTICATED', message: 'Authentication required', fields: undefined });
  });

  it('lists users newest first with totalCount and working cursors', async () => {
    const page1 = await server.graphql(USERS, {}, member);
    expect(page1.errors).toBeUndefined();
    const { totalCount, pageInfo, nodes } = page1.data!.users;
    expect(totalCount).toBeGreaterThanOrEqual(10);
    expect(pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    const times = nodes.map((n: { createdAt: string }) => n.createdAt);
    expect([...times].sort().reverse()).toEqual(times);
    const page2 = await server.graphql(USERS2, { a: pageInfo.endCursor }, member);
    expect(page2.data!.users.pageInfo.hasPreviousPage).toBe(true);
    expect(page2.data!.users.nodes[0]!.createdAt <= times[3]!).toBe(true);
    const seen = new Set(nodes.map((n: { email: string }) => n.email));
    expect(page2.data!.users.nodes.some((n) => seen.has(n.email))).toBe(false);
  });

  it('filters by role, department, active and a case-insensitive prefix of name or e-mail', async () => {
    const list = (filter: UserFilter) =>
      server.graphql(USERS3, { f: filter }, member);
    const emails = (r: GraphQLResult<ResultOf<typeof USERS3>>) => r.data!.users.nodes.map((n) => n.email).sort();

    expect(emails(await list({ role: 'VIEWER' }))).toEqual([`viewer@${SAKURA}.example`]);
    expect(emails(await list({ departmentId: departmentIds.SOMU }))).toEqual([`viewer@${SAKURA}.example`]);
    expect(emails(await list({ role: 'OWNER', active: true }))).toEqual([`owner@${SAKURA}.example`]);
    const byEmailPrefix = await list({ search: 'ADMIN@SAKURA' });
    expect({ total: byEmailPrefix.data!.users.totalCount, emails: emails(byEmailPrefix) }).toEqual({ total: 1, emails: [`admin@${SAKURA}.example`] });
    expect(emails(await list({ search: '桜井' }))).toEqual([`owner@${SAKURA}.example`]);
    // A prefix, not a substring; and LIKE wildcards in the search are plain characters.
    expect(emails(await list({ search: 'sakura' }))).toEqual([]);
    expect(emails(await list({ search: '%' }))).toEqual([]);
    expect(emails(await list({ search: '_dmin' }))).toEqual([]);
    expect((await create({ email: `under_score@${SAKURA}.example`, displayName: 'Under Score', password: 'long-enough-pw' })).errors).toBeUndefined();
    expect(emails(await list({ search: 'UNDER_' }))).toEqual([`under_score@${SAKURA}.example`]);
  });

  it('user(id) returns the user, and null for an unknown id', async () => {
    const someone = await server.graphql(USERS4, {}, member);
    const id = someone.data!.users.nodes[0]!.id;
    const result = await server.graphql(USER, { id }, member);
    expect(result.data).toEqual({ user: { id, email: `admin@${SAKURA}.example`, role: 'ADMIN', department: { code: 'KOJI' } } });
    const missing = await server.graphql(USER2, { id: '00000000-0000-4000-8000-000000000000' }, member);
    expect(missing).toMatchObject({ status: 200, data: { user: null } });
  });

  it('loads department and assignedTasks of many users in one batch each', async () => {
    queries.length = 0;
    const result = await server.graphql(USERS5,
      {},
      member,
    );
    expect(result.errors).toBeUndefined();
    const nodes = result.data!.users.nodes;
    expect(nodes).toHaveLength(10);
    expect(nodes.flatMap((n) => n.assignedTasks.nodes.map((t) => t.status)).every((s) => s === 'TODO')).toBe(true);
    expect(nodes.some((n) => n.assignedTasks.totalCount > 0)).toBe(true);
    const touching = (table: string) => queries.filter((q) => new RegExp(`FROM "?(public"?\\.)?"?${table}"?`, 'i').test(q)).length;
    // users: the page + one batch of assignees; tasks: one page query for all users + one count.
    expect({ users: touching('users'), departments: touching('departments'), tasks: touching('tasks') }).toEqual({ users: 2, departments: 1, tasks: 2 });
  });

  it('createUser stores a normalized e-mail, hashes the password, records activity, and the user can sign in', async () => {
    const result = await create({ email: '  Kenji.Mori@Sakura-Kensetsu.Example ', displayName: ' 森 健司 ', role: 'VIEWER', departmentId: departmentIds.EIGYO, password: 'correct-horse-battery' });
    expect(result.errors).toBeUndefined();
    const user = result.data!.createUser;
    expect(user).toEqual({
      id: expect.any(String), email: `kenji.mori@${SAKURA}.example`, displayName: '森 健司', role: 'VIEWER', active: true,
      department: { code: 'EIGYO' }, lastSeenAt: null, createdAt: expect.any(String), updatedAt: expect.any(String),
    });
    const stored = await server.database.writer.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(stored.passwordHash).toMatch(/^scrypt\$/);
    expect(stored.passwordHash).not.toContain('correct-horse-battery');
    const session = await server.login(SAKURA, 'KENJI.MORI@sakura-kensetsu.example', 'correct-horse-battery');
    expect(session.userId).toBe(user.id);
    const events = await server.database.writer.activityEvent.findMany({ where: { subjectId: user.id }, select: { verb: true, subjectType: true } });
    expect(events).toEqual([{ verb: 'user.created', subjectType: 'User' }]);

    const duplicate = await create({ email: `KENJI.MORI@${SAKURA}.example`, displayName: 'Dup', password: 'long-enough-pw' });
    expect(failure(duplicate)).toMatchObject({ status: 409, code: 'CONFLICT', message: `A user with e-mail kenji.mori@${SAKURA}.example already exists in this tenant` });
  });

  it('createUser rejects bad input field by field', async () => {
    const result = await create({ email: 'not-an-email', displayName: '   ', password: 'short' });
    expect(failure(result)).toMatchObject({
      status: 400,
      code: 'BAD_USER_INPUT',
      fields: { 'input.email': 'expected an e-mail address', 'input.displayName': 'must not be empty', 'input.password': 'at least 10 characters' },
    });
    const foreignDepartment = await server.graphql(DEPARTMENTS2, {}, foreignOwner);
    const wrongDepartment = await create({ email: `x@${SAKURA}.example`, displayName: 'X', password: 'long-enough-pw', departmentId: foreignDepartment.data!.departments.nodes[0]!.id });
    expect(failure(wrongDepartment)).toMatchObject({ status: 400, code: 'BAD_USER_INPUT', fields: { 'input.departmentId': 'no such department' } });
  });

  it('createUser needs an ADMIN, and an OWNER to create an OWNER', async () => {
    const input = { email: `nobody@${SAKURA}.example`, displayName: 'Nobody', password: 'long-enough-pw' };
    expect(failure(await create(input, member))).toMatchObject({ status: 403, code: 'FORBIDDEN', message: 'user:manage needs the ADMIN role or higher; you are MEMBER' });
    expect(failure(await create({ ...input, role: 'OWNER' }, admin))).toMatchObject({ status: 403, code: 'FORBIDDEN', message: 'owner:manage needs the OWNER role or higher; you are ADMIN' });
  });

  it('inviteUser returns a one-time password that signs in', async () => {
    const result = await server.graphql(INVITE_USER,
      { i: { email: `invited@${SAKURA}.example`, displayName: '招待 太郎', departmentId: departmentIds.KOJI } },
      admin,
    );
    expect(result.errors).toBeUndefined();
    const { temporaryPassword, user } = result.data!.inviteUser;
    expect(user).toEqual({ email: `invited@${SAKURA}.example`, role: 'MEMBER', department: { code: 'KOJI' } });
    expect(temporaryPassword).toMatch(/^[A-Za-z0-9_-]{16,}$/);
    const session = await server.login(SAKURA, `invited@${SAKURA}.example`, temporaryPassword);
    const events = await server.database.writer.activityEvent.findMany({ where: { subjectId: session.userId }, select: { verb: true } });
    expect(events).toEqual([{ verb: 'user.invited' }]);
  });

  it('updateUser changes name and department; an explicit null leaves the department', async () => {
    const { id } = await signedInNewUser('update-me');
    const update = (input: UpdateUserInput) =>
      server.graphql(UPDATE_USER, { id, i: input }, admin);
    expect((await update({ displayName: '更新 後', departmentId: departmentIds.SOMU })).data).toEqual({ updateUser: { displayName: '更新 後', department: { code: 'SOMU' } } });
    expect((await update({ departmentId: null })).data).toEqual({ updateUser: { displayName: '更新 後', department: null } });
    expect(failure(await update({ departmentId: '00000000-0000-4000-8000-000000000000' }))).toMatchObject({ code: 'BAD_USER_INPUT', fields: { 'input.departmentId': 'no such department' } });
    expect(failure(await update({ displayName: '' }))).toMatchObject({ code: 'BAD_USER_INPUT', fields: { 'input.displayName': 'must not be empty' } });
    const events = await server.database.writer.activityEvent.findMany({ where: { subjectId: id }, select: { verb: true }, orderBy: { createdAt: 'asc' } });
    expect(events.map((e) => e.verb)).toEqual(['user.created', 'user.updated', 'user.updated']);
  });

  it('changeUserRole changes the role and signs the user out everywhere', async () => {
    const target = await signedInNewUser('role-change');
    expect((await me(target.accessToken)).status).toBe(200);
    const result = await changeRole(target.id, 'VIEWER');
    expect(result.data).toEqual({ changeUserRole: { id: target.id, role: 'VIEWER' } });
    expect(failure(await me(target.accessToken))).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
    expect(failure(await refresh(target.refreshToken))).toMatchObject({ code: 'UNAUTHENTICATED' });
    const again = await server.login(SAKURA, `role-change@${SAKURA}.example`, 'long-enough-pw');
    expect((await server.graphql(ME3, {}, again.accessToken)).data).toEqual({ me: { role: 'VIEWER' } });
    const events = await server.database.writer.activityEvent.findMany({ where: { subjectId: target.id, verb: 'user.role_changed' }, select: { summary: true } });
    expect(events).toEqual([{ summary: 'changed the role of role-change from MEMBER to VIEWER' }]);
  });

  it('only an OWNER grants or takes OWNER, and the last active OWNER cannot be demoted', async () => {
    const ownerRow = await server.graphql(USERS6, {}, admin);
    const ownerId = ownerRow.data!.users.nodes[0]!.id;
    const target = await signedInNewUser('would-be-owner');
    expect(failure(await changeRole(target.id, 'OWNER', admin))).toMatchObject({ status: 403, code: 'FORBIDDEN' });
    expect(failure(await changeRole(ownerId, 'ADMIN', admin))).toMatchObject({ status: 403, code: 'FORBIDDEN' });
    expect(failure(await changeRole(target.id, 'ADMIN', member))).toMatchObject({ status: 403, code: 'FORBIDDEN' });
    expect(failure(await changeRole(ownerId, 'ADMIN', owner))).toEqual({
      status: 409, code: 'CONFLICT', fields: undefined, message: '桜井 大輔 is the last active OWNER of this tenant; make someone else OWNER first',
    });
    expect((await me(owner)).status).toBe(200); // a refused change signs nobody out
  });

  it('deactivateUser deactivates and signs out; not yourself, and only an OWNER deactivates an OWNER', async () => {
    const target = await signedInNewUser('leaver');
    expect((await deactivate(target.id)).data).toEqual({ deactivateUser: { id: target.id, active: false } });
    expect(failure(await me(target.accessToken))).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
    expect(failure(await refresh(target.refreshToken))).toMatchObject({ code: 'UNAUTHENTICATED' });
    const login = await server.graphql(LOGIN);
    expect(failure(login)).toMatchObject({ code: 'UNAUTHENTICATED', message: 'Invalid tenant, e-mail or password' });

    const adminId = (await server.graphql(ME, {}, admin)).data!.me.id;
    expect(failure(await deactivate(adminId, admin))).toMatchObject({ status: 403, code: 'FORBIDDEN', message: 'You cannot deactivate your own account; ask another admin' });
    const ownerId = (await server.graphql(ME, {}, owner)).data!.me.id;
    expect(failure(await deactivate(ownerId, admin))).toMatchObject({ status: 403, code: 'FORBIDDEN' });
    const events = await server.database.writer.activityEvent.findMany({ where: { subjectId: target.id, verb: 'user.deactivated' } });
    expect(events).toHaveLength(1);
  });

  it('two OWNERs demoting each other at the same moment leave one OWNER (CONFLICT for the second)', async () => {
    // minato-design, so sakura-kensetsu keeps its single OWNER for the other tests.
    const slug = 'minato-design';
    const ownerA = await server.login(slug, `owner@${slug}.example`);
    const created = await create({ email: `second-owner@${slug}.example`, displayName: 'Second Owner', role: 'OWNER', password: 'long-enough-pw' }, ownerA.accessToken);
    expect(created.errors).toBeUndefined();
    const ownerB = await server.login(slug, `second-owner@${slug}.example`, 'long-enough-pw');
    const tenantId = server.tenantIds[slug]!;

    // Hold the OWNER rows so both requests are inside their transactions, waiting on the lock,
    // before either may proceed: then the second must see the first's committed demotion.
    let pending!: Promise<GraphQLResult[]>;
    await server.database.writer.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT id FROM users WHERE tenant_id = ${tenantId}::uuid AND role = 'OWNER' FOR UPDATE`;
      pending = Promise.all([changeRole(ownerB.userId, 'ADMIN', ownerA.accessToken), changeRole(ownerA.userId, 'ADMIN', ownerB.accessToken)]);
      await waitForLockWaiters(2);
    }, { timeout: 20_000 });
    const results = await pending;

    const outcomes = results.map((r) => (r.errors ? r.errors[0]!.extensions?.code : 'OK')).sort();
    expect(outcomes).toEqual(['CONFLICT', 'OK']);
    const owners = await server.database.writer.user.count({ where: { tenantId, role: 'OWNER', active: true } });
    expect(owners).toBe(1);
  });

  it('another tenant cannot read or change these users', async () => {
    const target = await signedInNewUser('foreign-target');
    const read = await server.graphql(USER3, { id: target.id }, foreignOwner);
    expect(read).toMatchObject({ status: 200, data: { user: null } });
    const all = await server.graphql(USERS7, {}, foreignOwner);
    expect(all.data!.users.nodes.every((n) => n.email.endsWith('@fuji-logistics.example'))).toBe(true);
    const byForeignDepartment = await server.graphql(USERS8, { d: departmentIds.KOJI! }, foreignOwner);
    expect(byForeignDepartment.data).toEqual({ users: { totalCount: 0, nodes: [] } });

    const notFound = { status: 404, code: 'NOT_FOUND', message: `User ${target.id} was not found` };
    const update = await server.graphql(UPDATE_USER2, { id: target.id }, foreignOwner);
    expect(failure(update)).toMatchObject(notFound);
    expect(failure(await changeRole(target.id, 'VIEWER', foreignOwner))).toMatchObject(notFound);
    expect(failure(await deactivate(target.id, foreignOwner))).toMatchObject(notFound);
    // Nothing changed, and the target is still signed in.
    expect((await server.graphql(ME4, {}, target.accessToken)).data).toEqual({ me: { displayName: 'foreign-target', role: 'MEMBER', active: true } });
  });
});
