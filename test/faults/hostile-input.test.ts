/**
 * Hostile input, against a started server in production mode (issue 8): every document or input
 * built to cost CPU or to break the database is refused with 4xx and a code from src/errors.ts,
 * before it is parsed at length, validated or stored, and never answered with INTERNAL.
 *  - documents: the body limit, the token limit, selections (fragments expanded), repeats at one
 *    path, aliases (`__typename` ones too), introspection in any disguise below ADMIN;
 *  - input: NUL, lone surrogates, invalid UTF-8 and over-long lists, in variables and literals,
 *    over HTTP and WebSocket;
 *  - the HTTP front door: 413 that a node:http client can read, 431 and 400 with a JSON body;
 *  - the database backstop: whatever gets past, PostgreSQL's refusal is BAD_USER_INPUT.
 */
import { request } from 'node:http';
import { connect } from 'node:net';
import { Prisma } from '../../src/generated/prisma/client.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTenantDb, runWithoutTenant } from '../../src/db/tenant-db.js';
import { createRequestDb } from '../../src/db/request-db.js';
import { createLogger } from '../../src/observability/logger.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { connectWs, until, type TestWsClient } from '../support/ws-client.js';
import {
  duplicationDocument, fragmentChain, LOGIN, NUL_LOGIN, repeatedSelection, statusList, TASKS_BY_STATUS, tokensDocument,
} from '../support/hostile-documents.js';

type Body = { data?: Record<string, any> | null; errors?: { message: string; extensions?: Record<string, any> }[] };

describe('hostile input (production mode)', () => {
  const logLines: string[] = [];
  let server: TestServer;
  let tokens: Record<'viewer' | 'member' | 'admin' | 'owner', string>;
  const sockets: TestWsClient[] = [];

  beforeAll(async () => {
    const logger = createLogger({ LOG_LEVEL: 'info' }, { write: (line: string) => void logLines.push(line) });
    server = await startTestServer({ env: { NODE_ENV: 'production', REDIS_URL: 'redis://127.0.0.1:6379', METRICS_PORT: '0' }, logger });
    const signIn = async (role: string) => (await server.login('sakura-kensetsu', `${role}@sakura-kensetsu.example`)).accessToken;
    tokens = { viewer: await signIn('viewer'), member: await signIn('member'), admin: await signIn('admin'), owner: await signIn('owner') };
  });
  afterAll(async () => {
    await Promise.all(sockets.map((socket) => socket.dispose()));
    await server?.close();
  });

  /** POSTs a raw body to /graphql; `token` as Bearer. */
  async function post(body: string | Uint8Array, token?: string, contentType = 'application/json'): Promise<{ status: number; body: Body }> {
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': contentType, ...(token && { authorization: `Bearer ${token}` }) },
      body,
    });
    return { status: response.status, body: (await response.json()) as Body };
  }
  const operation = (query: string, variables?: Record<string, unknown>, token?: string) => post(JSON.stringify({ query, variables }), token);
  const codeOf = (result: { body: Body }) => result.body.errors?.[0]?.extensions?.code;
  const errorLines = () => logLines.filter((line) => (JSON.parse(line) as { level: number }).level >= 50);

  describe('documents', () => {
    it('refuses the 844 KB duplication document by its size, without reading it as GraphQL', async () => {
      const refused = await operation(duplicationDocument());
      expect(refused.status).toBe(413);
      expect(refused.body.errors?.[0]?.extensions).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', maximum: 131_072 });
    });

    it('stops parsing past MAX_QUERY_TOKENS (2,000) with GRAPHQL_PARSE_FAILED; 2,000 tokens still parse', async () => {
      const over = await operation(tokensDocument(2_001));
      expect(over.status).toBe(400);
      expect(codeOf(over)).toBe('GRAPHQL_PARSE_FAILED');
      expect(over.body.errors?.[0]?.message).toMatch(/2000 tokens/);
      // 1,998 __typename parse, and are then refused for repeating one path (next test).
      expect(codeOf(await operation(tokensDocument(2_000)))).toBe('QUERY_TOO_COMPLEX');
    });

    it('refuses one path selected more than 20 times (validation compares every pair), before validating', async () => {
      const over = await operation(repeatedSelection('__typename', 21));
      expect(over.status).toBe(400);
      expect(over.body.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'selectionsPerPath', path: '__typename', maximum: 20 });
      const atLimit = await operation(repeatedSelection('__typename', 20));
      expect(atLimit.status).toBe(200);
      expect(atLimit.body.data).toEqual({ __typename: 'Query' });
      // Through inline fragments and nesting the repeats are counted where they meet.
      const nested = await operation(repeatedSelection('... on Query { me { department { id } } }', 21), {}, tokens.member);
      expect(nested.body.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', path: 'me' });
    });

    it('refuses more than 1,000 selections counted with fragments expanded (a nested spread chain)', async () => {
      const chain = fragmentChain(4, 20); // 600 bytes, 20^4 = 160,000 selections once expanded
      const refused = await operation(chain);
      expect(refused.status).toBe(400);
      expect(refused.body.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'selections', maximum: 1_000 });
      expect(codeOf(await operation(fragmentChain(3)))).toBeUndefined(); // 8 selections: fine
    });

    it('counts `__typename` aliases against the alias limit (30), and leaves `__typename` itself open', async () => {
      const aliases = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `t${i}: __typename`).join(' ')} }`;
      const over = await operation(aliases(31));
      expect(over.status).toBe(400);
      expect(codeOf(over)).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(over.body.errors?.[0]?.message).toMatch(/Aliases limit of 30/);
      expect((await operation(aliases(30))).status).toBe(200);
      // __typename is no introspection: open to anyone, in production too, under fragments too.
      const anonymous = await operation('{ __typename ... on Query { __typename } }');
      expect(anonymous.status).toBe(200);
      expect(anonymous.body.data).toEqual({ __typename: 'Query' });
    });
  });

  describe('introspection below ADMIN (403 FORBIDDEN, whatever the disguise)', () => {
    const disguises = {
      'inline fragment': '{ ... on Query { __schema { types { name } } } }',
      'named fragment': 'query { ...Schema } fragment Schema on Query { __schema { queryType { name } } }',
      '__type in a fragment': 'query { ...T } fragment T on Query { __type(name: "Task") { name fields { name } } }',
      'nested in a spread of a spread': 'query { ...Outer } fragment Outer on Query { ... on Query { ...Inner } } fragment Inner on Query { __type(name: "User") { name } }',
      'under a field': '{ tenant { ... on Tenant { __typename } } ...S } fragment S on Query { __schema { types { name } } }',
    };

    for (const [name, query] of Object.entries(disguises)) {
      it(`refuses ${name} to anonymous, VIEWER and MEMBER; serves it to ADMIN`, async () => {
        for (const token of [undefined, tokens.viewer, tokens.member]) {
          const refused = await operation(query, {}, token);
          expect(refused.status).toBe(403);
          expect(codeOf(refused)).toBe('FORBIDDEN');
          expect(refused.body.data ?? null).toBeNull();
        }
        const admin = await operation(query, {}, tokens.admin);
        expect(admin.status).toBe(200);
        expect(admin.body.errors).toBeUndefined();
        expect(JSON.stringify(admin.body.data)).toMatch(/"name":"(Query|Task|User|[A-Za-z]+)"/);
      });
    }
  });

  describe('input PostgreSQL cannot store', () => {
    it('refuses a NUL in an anonymous login (variables and literal) with 400 BAD_USER_INPUT naming the path, and logs no error', async () => {
      const before = errorLines().length;
      const variables = await operation(NUL_LOGIN.query, NUL_LOGIN.variables);
      expect(variables.status).toBe(400);
      expect(variables.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: { 'variables.s': expect.stringMatching(/U\+0000/) } });
      const literal = await operation('mutation { login(tenantSlug: "sakura\\u0000", email: "a@b.example", password: "x") { accessToken } }');
      expect(literal.status).toBe(400);
      expect(literal.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: { 'login.tenantSlug': expect.stringMatching(/U\+0000/) } });
      const nested = await operation('mutation($input: CreateTaskInput!) { createTask(input: $input) { id } }', { input: { projectId: '00000000-0000-4000-8000-000000000000', title: 'ok', description: 'a\u0000b' } }, tokens.member);
      expect(nested.body.errors?.[0]?.extensions?.fields).toEqual({ 'variables.input.description': expect.stringMatching(/U\+0000/) });
      expect(errorLines().length).toBe(before);
    });

    it('refuses lone surrogates instead of storing U+FFFD', async () => {
      const lone = await operation('mutation($t: String!) { updateTenant(input: { name: $t }) { name } }', { t: 'Sakura \ud800' }, tokens.owner);
      expect(lone.status).toBe(400);
      expect(lone.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: { 'variables.t': expect.stringMatching(/surrogate/) } });
      const low = await operation(LOGIN, { s: '\udc00', e: 'a@b.example', p: 'x' });
      expect(low.body.errors?.[0]?.extensions?.fields).toEqual({ 'variables.s': expect.stringMatching(/surrogate/) });
      // A proper pair (an emoji) is Unicode and passes: the login just fails as any wrong one does.
      expect(codeOf(await operation(LOGIN, { s: 'sakura-kensetsu', e: 'member@sakura-kensetsu.example', p: 'wrong \ud83d\ude00' }))).toBe('UNAUTHENTICATED');
    });

    it('refuses a body that is not UTF-8 (400 BAD_REQUEST), and a GET whose query string is not', async () => {
      const json = Buffer.from(JSON.stringify({ query: LOGIN, variables: { s: 'sakuraX', e: 'a@b.example', p: 'x' } }));
      json[json.indexOf('sakuraX') + 6] = 0xff; // an invalid byte inside the string
      const invalid = await post(json);
      expect(invalid.status).toBe(400);
      expect(invalid.body.errors?.[0]).toMatchObject({ message: 'Request body is not valid UTF-8', extensions: { code: 'BAD_REQUEST' } });
      const get = await fetch(`${server.url}/graphql?query=%7B__typename%20%23%FF%7D`, { headers: { 'apollo-require-preflight': 'true' } });
      expect(get.status).toBe(400);
      expect(((await get.json()) as Body).errors?.[0]?.extensions?.code).toBe('BAD_REQUEST');
    });

    it('caps list input at 1,000 items, in variables and in literals', async () => {
      const variables = await operation(TASKS_BY_STATUS, { s: statusList(1_001) }, tokens.member);
      expect(variables.status).toBe(400);
      expect(variables.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: { 'variables.s': expect.stringMatching(/1001 items; at most 1000/) } });
      const literal = await operation(`{ tasks(filter: { status: [${statusList(1_001).join(', ')}] }) { totalCount } }`, {}, tokens.member);
      expect(literal.status).toBe(400);
      expect(literal.body.errors?.[0]?.extensions?.fields).toEqual({ 'tasks.filter.status': expect.stringMatching(/1001 items/) });
      const atLimit = await operation(TASKS_BY_STATUS, { s: statusList(1_000) }, tokens.member);
      expect(atLimit.status).toBe(200);
      expect(atLimit.body.data?.tasks.totalCount).toBeGreaterThan(0);
    });

    it('caps nesting of input values at 32 levels (JSON settings are the only free-form input)', async () => {
      const nested = (levels: number): unknown => (levels === 0 ? 'leaf' : { a: nested(levels - 1) });
      const update = 'mutation($s: JSON) { updateTenant(input: { settings: $s }) { id } }';
      const deep = await operation(update, { s: nested(32) }, tokens.owner);
      expect(deep.status).toBe(400);
      expect(deep.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: { [`variables.s${'.a'.repeat(31)}`]: expect.stringMatching(/nested more than 32/) } });
      const fine = await operation(update, { s: nested(31) }, tokens.owner);
      expect(fine.body.errors).toBeUndefined();
    });

    it('applies the same checks to WebSocket subscribe messages: coded errors, never INTERNAL', async () => {
      const ws = connectWs(server.url, `Bearer ${tokens.member}`);
      sockets.push(ws);
      const refusals = {
        variables: ws.subscribe('subscription($p: UUID) { taskChanged(projectId: $p) { id } }', { p: 'a\u0000' }),
        literal: ws.subscribe('subscription { taskChanged(projectId: "\\u0000") { id } }'),
        chain: ws.subscribe(`subscription { activityRecorded { id } } ${fragmentChain(4, 20).replace('{ ...F0 }', '')}`),
      };
      await until(() => Object.values(refusals).every((subscription) => subscription.error !== undefined));
      const [variables, literal, chain] = Object.values(refusals).map((subscription) => (subscription.error as { extensions?: Record<string, unknown> }[])[0]!.extensions);
      expect(variables).toMatchObject({ code: 'BAD_USER_INPUT', fields: { 'variables.p': expect.stringMatching(/U\+0000/) } });
      expect(literal).toMatchObject({ code: 'BAD_USER_INPUT', fields: { 'taskChanged.projectId': expect.stringMatching(/U\+0000/) } });
      expect(chain).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'selections' });
      // The socket stays usable.
      const fine = ws.subscribe('subscription { activityRecorded { id } }');
      await until(() => (server.app.websocket.stats().subscriptions ?? 0) >= 1);
      expect(fine.error).toBeUndefined();
      fine.unsubscribe();
    });
  });

  describe('the HTTP front door', () => {
    /** node:http, as the client: `chunked` sends no content-length. */
    function sendLargeBody(bytes: number, chunked: boolean): Promise<{ status: number; connection?: string; body: Body } | { error: string }> {
      return new Promise((resolve) => {
        const body = Buffer.alloc(bytes, 'a');
        const req = request(`${server.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(!chunked && { 'content-length': String(bytes) }) },
        }, (res) => {
          let text = '';
          res.on('data', (chunk: Buffer) => (text += chunk.toString()));
          res.on('end', () => resolve({ status: res.statusCode!, connection: res.headers.connection, body: JSON.parse(text) as Body }));
        });
        req.on('error', (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message }));
        if (chunked) {
          for (let offset = 0; offset < bytes; offset += 64 * 1024) req.write(body.subarray(offset, offset + 64 * 1024));
          req.end();
        } else {
          req.end(body);
        }
      });
    }

    it('answers a 10 MB body with 413 and a coded body that a node:http client reads (no EPIPE), then closes', async () => {
      for (const chunked of [false, true]) {
        const answer = await sendLargeBody(10 * 1024 * 1024, chunked);
        expect(answer, `chunked: ${chunked}`).toMatchObject({ status: 413, connection: 'close', body: { errors: [{ extensions: { code: 'PAYLOAD_TOO_LARGE' } }] } });
      }
      expect((await operation('{ __typename }')).status).toBe(200);
    });

    it('stops reading a refused body after 16 MiB and closes the connection', async () => {
      const { port } = new URL(server.url);
      const socket = connect(Number(port), '127.0.0.1');
      let response = '';
      let sent = 0;
      socket.on('data', (chunk) => (response += chunk.toString()));
      socket.on('error', () => {}); // the reset that ends it
      const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
      socket.write(`POST /graphql HTTP/1.1\r\nHost: x\r\ncontent-type: application/json\r\ncontent-length: ${256 * 1024 * 1024}\r\n\r\n`);
      const chunk = Buffer.alloc(256 * 1024, 'a');
      const pump = () => {
        while (!socket.destroyed && sent < 256 * 1024 * 1024) {
          sent += chunk.length;
          if (!socket.write(chunk)) return void socket.once('drain', pump);
        }
      };
      pump();
      await closed;
      expect(response).toMatch(/^HTTP\/1\.1 413 /);
      expect(sent).toBeLessThan(64 * 1024 * 1024); // 16 MiB read and dropped, plus what was in flight
    });

    /** Raw bytes on a fresh socket; resolves with everything the server sent until it closed. */
    function raw(bytes: string): Promise<string> {
      return new Promise((resolve, reject) => {
        const { port } = new URL(server.url);
        const socket = connect(Number(port), '127.0.0.1');
        let received = '';
        socket.on('data', (chunk) => (received += chunk.toString()));
        socket.on('close', () => resolve(received));
        socket.on('error', reject);
        socket.write(bytes);
      });
    }
    const jsonOf = (response: string) => JSON.parse(response.slice(response.indexOf('\r\n\r\n') + 4)) as Body;

    it('answers headers over 16 KB with 431 and a JSON body carrying a code', async () => {
      const response = await fetch(`${server.url}/healthz`, { headers: { 'x-padding': 'a'.repeat(20_000) } });
      expect(response.status).toBe(431);
      expect(response.headers.get('content-type')).toMatch(/application\/json/);
      expect(((await response.json()) as Body).errors?.[0]?.extensions?.code).toBe('REQUEST_HEADERS_TOO_LARGE');
    });

    it('answers a malformed request line with 400 BAD_REQUEST and a JSON body', async () => {
      const response = await raw('NOT HTTP AT ALL\r\n\r\n');
      expect(response).toMatch(/^HTTP\/1\.1 400 /);
      expect(jsonOf(response).errors?.[0]?.extensions?.code).toBe('BAD_REQUEST');
    });
  });

  it('never answered INTERNAL nor logged an error through all of the above', () => {
    expect(errorLines()).toEqual([]);
    const statuses = logLines.map((line) => JSON.parse(line) as { msg: string; status?: number }).filter((line) => line.msg === 'request');
    expect(statuses.filter((line) => (line.status ?? 0) >= 500)).toEqual([]);
  });
});

describe('the anonymous budget per client address (ANONYMOUS_REQUESTS_PER_MINUTE)', () => {
  let server: TestServer;
  let token: string;
  beforeAll(async () => {
    // TRUST_PROXY: each test speaks from addresses of its own, through X-Forwarded-For.
    server = await startTestServer({ env: { ANONYMOUS_REQUESTS_PER_MINUTE: '5', TRUST_PROXY: 'true' } });
    token = (await server.login('sakura-kensetsu', 'member@sakura-kensetsu.example')).accessToken;
  });
  afterAll(() => server?.close());

  const from = (address: string, body: string, headers: Record<string, string> = {}) =>
    fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': address, ...headers }, body });

  it('answers 429 RATE_LIMITED with Retry-After past the budget, before reading the body; other addresses and tokens go on', async () => {
    for (let i = 0; i < 5; i++) expect((await from('203.0.113.7', JSON.stringify({ query: '{ __typename }' }))).status).toBe(200);
    const refused = await from('203.0.113.7', JSON.stringify({ query: '{ __typename }' }));
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    const body = (await refused.json()) as Body;
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: expect.any(Number) });
    // Refused before the body is read: malformed JSON gets the 429, not a 400.
    expect((await from('203.0.113.7', '{"query": ')).status).toBe(429);
    // A refused token is anonymous too.
    expect((await from('203.0.113.7', JSON.stringify({ query: '{ __typename }' }), { authorization: 'Bearer not-a-token' })).status).toBe(429);
    expect((await from('198.51.100.20', JSON.stringify({ query: '{ __typename }' }))).status).toBe(200);
    const signedIn = await from('203.0.113.7', JSON.stringify({ query: '{ me { email } }' }), { authorization: `Bearer ${token}` });
    expect(signedIn.status).toBe(200);
  });

  it('counts an IPv6 client by its /64', async () => {
    for (let i = 0; i < 5; i++) expect((await from(`2001:db8:1:2::${i + 1}`, JSON.stringify({ query: '{ __typename }' }))).status).toBe(200);
    expect((await from('2001:db8:1:2:ffff::9', JSON.stringify({ query: '{ __typename }' }))).status).toBe(429);
    expect((await from('2001:db8:1:3::1', JSON.stringify({ query: '{ __typename }' }))).status).toBe(200);
  });
});

describe('the database backstop: input PostgreSQL refuses is BAD_USER_INPUT', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server?.close());

  const tenant = () => createTenantDb(server.database, server.tenantIds['sakura-kensetsu']!);

  it('maps 22021 (a NUL in text), 22P05 (a NUL in jsonb) and too many bind parameters from Prisma', async () => {
    await expect(runWithoutTenant(server.database, (tx) => tx.$queryRaw`SELECT tenant_id_for_slug(${'a\u0000b'})`)).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    await expect(tenant().transaction((tx) => tx.$queryRaw`SELECT ${'{"a":"\\u0000"}'}::jsonb`)).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    // 70,000 parameters: the protocol counts them in 16 bits, and PostgreSQL answers 08P01.
    const values = Prisma.join(Array.from({ length: 70_000 }, (_, i) => i));
    await expect(tenant().read((tx) => tx.$queryRaw`SELECT 1 WHERE 1 IN (${values})`)).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
  });

  // Last: on this branch a failed plain-SQL read returns its connection to the pool mid-transaction
  // (fixed on main by the database-faults work), which would fail whatever reads next.
  it('maps 22021 from the plain-SQL reads of a request', async () => {
    const requestDb = createRequestDb(tenant());
    await expect(requestDb.query(Prisma.sql`SELECT ${'a\u0000b'}::text AS t`)).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    await requestDb.finish();
  });
});
