import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type GraphQLResult, type TestServer } from '../support/server.js';
import { graphql } from '../generated/index.js';
import type { CreateDepartmentInput, UpdateDepartmentInput } from '../generated/graphql.js';

const CREATE = graphql(`mutation DepartmentsCreate($i: CreateDepartmentInput!) { createDepartment(input: $i) { id code name createdAt updatedAt } }`);
const UPDATE = graphql(`mutation DepartmentsUpdate($id: UUID!, $i: UpdateDepartmentInput!) { updateDepartment(id: $id, input: $i) { id code name } }`);
const ALL = graphql(`query DepartmentsAll { departments { totalCount pageInfo { hasNextPage hasPreviousPage } nodes { code name } } }`);
const FIRST_PAGE = graphql(`query DepartmentsFirstPage { departments(first: 3) { pageInfo { hasNextPage endCursor } edges { cursor node { id } } } }`);
const NEXT_PAGE = graphql(`query DepartmentsNextPage($a: String) { departments(first: 3, after: $a) { pageInfo { hasNextPage hasPreviousPage } nodes { id } } }`);
const TOO_MANY = graphql(`query DepartmentsTooMany { departments(first: 101) { totalCount } }`);
const WITH_MEMBERS = graphql(`query DepartmentsWithMembers { departments { nodes { id code members(first: 2) { totalCount nodes { email department { code } } } } } }`);
const ONE = graphql(`query DepartmentsOne($id: UUID!) { department(id: $id) { id code name } }`);
const ONE_ID = graphql(`query DepartmentsOneId($id: UUID!) { department(id: $id) { id } }`);
const NEWEST = graphql(`query DepartmentsNewest { departments(first: 1) { totalCount nodes { id } } }`);
const ANY = graphql(`query DepartmentsAny { departments(first: 1) { nodes { id } } }`);
const CODES = graphql(`query DepartmentsCodes { departments { nodes { id code } } }`);
const ONE_CODE = graphql(`query DepartmentsOneCode($id: UUID!) { department(id: $id) { id code } }`);
const THEIRS = graphql(`query DepartmentsTheirs { departments { totalCount nodes { code } } }`);
const ONE_NAME = graphql(`query DepartmentsOneName($id: UUID!) { department(id: $id) { name } }`);

const SAKURA = 'sakura-kensetsu';

/** The one error of a failed operation, with its code, HTTP status and field messages. */
function failure(result: GraphQLResult<unknown>) {
  expect(result.errors).toHaveLength(1);
  const [error] = result.errors!;
  return { status: result.status, code: error!.extensions?.code, message: error!.message, fields: error!.extensions?.fields };
}

describe('departments over HTTP', () => {
  let server: TestServer;
  let admin: string;
  let member: string;
  let foreignOwner: string;
  const queries: string[] = [];

  const create = (input: CreateDepartmentInput, token = admin) => server.graphql(CREATE, { i: input }, token);
  const update = (id: string, input: UpdateDepartmentInput, token = admin) => server.graphql(UPDATE, { id, i: input }, token);
  const activityOf = (subjectId: string) =>
    server.database.writer.activityEvent.findMany({ where: { subjectId }, select: { verb: true, subjectType: true, summary: true }, orderBy: { createdAt: 'asc' } });

  beforeAll(async () => {
    server = await startTestServer({ logQueries: true });
    server.database.onStatement((e) => queries.push(e.query));
    admin = (await server.login(SAKURA, `admin@${SAKURA}.example`)).accessToken;
    member = (await server.login(SAKURA, `member@${SAKURA}.example`)).accessToken;
    foreignOwner = (await server.login('fuji-logistics', 'owner@fuji-logistics.example')).accessToken;
  });
  afterAll(() => server?.close());

  it('lists the tenant’s departments newest first, with totalCount and cursors', async () => {
    const all = await server.graphql(ALL, {}, member);
    expect(all.errors).toBeUndefined();
    expect(all.data!.departments.totalCount).toBe(4);
    expect(all.data!.departments.pageInfo).toEqual({ hasNextPage: false, hasPreviousPage: false });
    expect(all.data!.departments.nodes.map((d) => d.code).sort()).toEqual(['EIGYO', 'KOJI', 'SEKKEI', 'SOMU']);

    const page1 = await server.graphql(FIRST_PAGE, {}, member);
    const { pageInfo, edges } = page1.data!.departments;
    expect(pageInfo.hasNextPage).toBe(true);
    const page2 = await server.graphql(NEXT_PAGE, { a: pageInfo.endCursor }, member);
    expect(page2.data!.departments.pageInfo).toEqual({ hasNextPage: false, hasPreviousPage: true });
    const ids = [...edges.map((e) => e.node.id), ...page2.data!.departments.nodes.map((n) => n.id)];
    expect(new Set(ids).size).toBe(4);

    const tooMany = await server.graphql(TOO_MANY, {}, member);
    expect(failure(tooMany)).toMatchObject({ status: 400, code: 'BAD_USER_INPUT', fields: { first: 'must be between 1 and 100' } });
  });

  it('department(id) returns the department with its members (one query for all departments)', async () => {
    queries.length = 0;
    const result = await server.graphql(WITH_MEMBERS, {}, member);
    expect(result.errors).toBeUndefined();
    const users = queries.filter((q) => /FROM users t/.test(q));
    expect(users).toHaveLength(2); // the members of every department in one query, their totals in one more
    const somu = result.data!.departments.nodes.find((d) => d.code === 'SOMU')!;
    expect(somu.members).toEqual({ totalCount: 1, nodes: [{ email: `viewer@${SAKURA}.example`, department: { code: 'SOMU' } }] });

    const one = await server.graphql(ONE, { id: somu.id }, member);
    expect(one.data).toEqual({ department: { id: somu.id, code: 'SOMU', name: '総務部' } });
    const missing = await server.graphql(ONE_ID, { id: '00000000-0000-4000-8000-000000000000' }, member);
    expect(missing).toMatchObject({ status: 200, data: { department: null } });
  });

  it('creates and updates a department, recording activity', async () => {
    const created = await create({ code: ' KENKYU ', name: ' 研究開発部 ' });
    expect(created.errors).toBeUndefined();
    const { id } = created.data!.createDepartment;
    expect(created.data!.createDepartment).toEqual({ id, code: 'KENKYU', name: '研究開発部', createdAt: expect.any(String), updatedAt: expect.any(String) });
    const listed = await server.graphql(NEWEST, {}, member);
    expect(listed.data).toEqual({ departments: { totalCount: 5, nodes: [{ id }] } }); // newest first

    expect((await update(id, { name: 'R&D' })).data).toEqual({ updateDepartment: { id, code: 'KENKYU', name: 'R&D' } });
    expect((await update(id, { code: 'RND' })).data).toEqual({ updateDepartment: { id, code: 'RND', name: 'R&D' } });
    expect(await activityOf(id)).toEqual([
      { verb: 'department.created', subjectType: 'Department', summary: 'created department KENKYU "研究開発部"' },
      { verb: 'department.updated', subjectType: 'Department', summary: 'updated department KENKYU "R&D"' },
      { verb: 'department.updated', subjectType: 'Department', summary: 'updated department RND "R&D"' },
    ]);
  });

  it('refuses a duplicate code with CONFLICT and bad input with per-field messages', async () => {
    expect(failure(await create({ code: 'KOJI', name: 'Another' }))).toEqual({
      status: 409, code: 'CONFLICT', fields: undefined, message: 'A department with code "KOJI" already exists in this tenant',
    });
    const mine = await create({ code: 'TEMP', name: 'Temporary' });
    const id = mine.data!.createDepartment.id;
    expect(failure(await update(id, { code: 'KOJI' }))).toMatchObject({ status: 409, code: 'CONFLICT' });
    expect((await update(id, { code: 'TEMP', name: 'Same code is fine' })).errors).toBeUndefined();

    expect(failure(await create({ code: 'has space', name: '' }))).toMatchObject({
      status: 400,
      code: 'BAD_USER_INPUT',
      fields: { 'input.code': "use 1-32 letters, digits, '-' or '_'", 'input.name': 'must not be empty' },
    });
    expect(failure(await update(id, { code: 'x'.repeat(33) }))).toMatchObject({ code: 'BAD_USER_INPUT', fields: { 'input.code': "use 1-32 letters, digits, '-' or '_'" } });
  });

  it('needs an ADMIN to create or change departments', async () => {
    expect(failure(await create({ code: 'NOPE', name: 'Nope' }, member))).toMatchObject({
      status: 403, code: 'FORBIDDEN', message: 'department:manage needs the ADMIN role or higher; you are MEMBER',
    });
    const any = await server.graphql(ANY, {}, member);
    expect(failure(await update(any.data!.departments.nodes[0]!.id, { name: 'x' }, member))).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('another tenant cannot read or change these departments, and may reuse their codes', async () => {
    const koji = (await server.graphql(CODES, {}, member)).data!.departments.nodes.find((d) => d.code === 'KOJI')!;
    const read = await server.graphql(ONE_CODE, { id: koji.id }, foreignOwner);
    expect(read).toMatchObject({ status: 200, data: { department: null } });
    const theirs = await server.graphql(THEIRS, {}, foreignOwner);
    expect(theirs.data!.departments.nodes.map((d) => d.code).sort()).toEqual(['EIGYO', 'HAISO', 'JOSYS', 'SOKO']);
    expect(failure(await update(koji.id, { name: 'pwned' }, foreignOwner))).toEqual({
      status: 404, code: 'NOT_FOUND', fields: undefined, message: `Department ${koji.id} was not found`,
    });
    expect((await create({ code: 'KOJI', name: '工事部 (fuji)' }, foreignOwner)).errors).toBeUndefined();
    const unchanged = await server.graphql(ONE_NAME, { id: koji.id }, member);
    expect(unchanged.data).toEqual({ department: { name: '工事部' } });
  });
});
