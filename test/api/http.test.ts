/**
 * The HTTP surface under bad input: every malformed request gets a 4xx with a coded error, every
 * limit (body size, depth, aliases, cost, page size) is crossed once, and the server keeps serving.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';
import { graphql } from '../generated/index.js';

// The requests below are raw bodies on purpose (malformed, over a limit, GET, headers only); this
// one is sent for its answer.
const ME = graphql(`query HttpMe { me { email } }`);

describe('HTTP surface', () => {
  let server: TestServer;
  let token: string;
  let endpoint: string;
  beforeAll(async () => {
    server = await startTestServer({ env: { MAX_REQUEST_BYTES: '20000', MAX_QUERY_DEPTH: '8', MAX_QUERY_COST: '5000' } });
    token = (await server.login('sakura-kensetsu', 'member@sakura-kensetsu.example')).accessToken;
    endpoint = `${server.url}/graphql`;
  });
  afterAll(() => server?.close());

  const post = (body: string, headers: Record<string, string> = {}) =>
    fetch(endpoint, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...headers }, body });
  const codeOf = async (response: Response) => ((await response.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code;

  it('answers malformed JSON with 400 BAD_REQUEST', async () => {
    const response = await post('{"query": ');
    expect(response.status).toBe(400);
    expect(await codeOf(response)).toBe('BAD_REQUEST');
  });

  it('answers a request without a query with 400 BAD_REQUEST', async () => {
    const response = await post(JSON.stringify({ variables: {} }));
    expect(response.status).toBe(400);
    expect(await codeOf(response)).toBe('BAD_REQUEST');
  });

  it('answers an unknown operation name with 400', async () => {
    const response = await post(JSON.stringify({ query: 'query A { me { id } }', operationName: 'B' }));
    expect(response.status).toBe(400);
    expect(await codeOf(response)).toBe('OPERATION_RESOLUTION_FAILURE');
  });

  it('answers wrongly typed variables with 400 BAD_USER_INPUT', async () => {
    const response = await post(JSON.stringify({ query: 'query($id: UUID!) { task(id: $id) { id } }', variables: { id: 42 } }));
    expect(response.status).toBe(400);
    expect(await codeOf(response)).toBe('BAD_USER_INPUT');
    const notUuid = await post(JSON.stringify({ query: 'query($id: UUID!) { task(id: $id) { id } }', variables: { id: 'abc' } }));
    expect(notUuid.status).toBe(400);
  });

  it('answers syntax and schema errors with 400 and their codes', async () => {
    const parse = await post(JSON.stringify({ query: '{ tasks( }' }));
    expect(parse.status).toBe(400);
    expect(await codeOf(parse)).toBe('GRAPHQL_PARSE_FAILED');
    const invalid = await post(JSON.stringify({ query: '{ tasks { nope } }' }));
    expect(invalid.status).toBe(400);
    expect(await codeOf(invalid)).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('refuses a body over MAX_REQUEST_BYTES with 413', async () => {
    const response = await post(JSON.stringify({ query: `{ me { id } } # ${'x'.repeat(25_000)}` }));
    expect(response.status).toBe(413);
    expect(await codeOf(response)).toBe('PAYLOAD_TOO_LARGE');
  });

  it('refuses a query deeper than MAX_QUERY_DEPTH', async () => {
    const deep = '{ tasks { nodes { project { tasks { nodes { project { tasks { nodes { project { id } } } } } } } } } }';
    const response = await post(JSON.stringify({ query: deep }));
    expect(response.status).toBe(400);
    const body = (await response.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(body.errors[0]!.extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(body.errors[0]!.message).toMatch(/depth/i);
  });

  it('refuses too many aliases', async () => {
    const aliases = Array.from({ length: 40 }, (_, i) => `a${i}: me { id }`).join(' ');
    const response = await post(JSON.stringify({ query: `{ ${aliases} }` }));
    expect(response.status).toBe(400);
    expect(await codeOf(response)).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('refuses a query whose cost exceeds MAX_QUERY_COST, before touching the database', async () => {
    const response = await post(JSON.stringify({ query: '{ projects(first: 100) { nodes { tasks(first: 100) { nodes { id title } } } } }' }));
    expect(response.status).toBe(400);
    const body = (await response.json()) as { errors: { extensions: { code: string; cost: number; maximum: number } }[] };
    expect(body.errors[0]!.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', maximum: 5000 });
    expect(body.errors[0]!.extensions.cost).toBeGreaterThan(5000);
    const cheap = await post(JSON.stringify({ query: '{ projects(first: 5) { nodes { tasks(first: 5) { nodes { id } } } } }' }));
    expect(cheap.status).toBe(200);
  });

  it('caps page size at 100', async () => {
    const response = await post(JSON.stringify({ query: '{ tasks(first: 101) { nodes { id } } }' }));
    const body = (await response.json()) as { errors: { extensions: { code: string; fields: Record<string, string> } }[] };
    expect(body.errors[0]!.extensions.code).toBe('BAD_USER_INPUT');
    expect(body.errors[0]!.extensions.fields).toHaveProperty('first');
  });

  it('serves GET queries, refuses GET without a CSRF-safe header, and never runs mutations over GET', async () => {
    const query = encodeURIComponent('{ me { id } }');
    const ok = await fetch(`${endpoint}?query=${query}`, { headers: { authorization: `Bearer ${token}`, 'apollo-require-preflight': 'true' } });
    expect(ok.status).toBe(200);
    const csrf = await fetch(`${endpoint}?query=${query}`, { headers: { authorization: `Bearer ${token}` } });
    expect(csrf.status).toBe(400);
    const mutation = encodeURIComponent('mutation { logout }');
    const viaGet = await fetch(`${endpoint}?query=${mutation}`, { headers: { authorization: `Bearer ${token}`, 'apollo-require-preflight': 'true' } });
    expect(viaGet.status).toBe(405);
  });

  it('answers anonymous access to tenant data with 401 UNAUTHENTICATED and a bad Authorization header likewise', async () => {
    const anonymous = await fetch(endpoint, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ tasks { totalCount } }' }) });
    expect(anonymous.status).toBe(401);
    expect(await codeOf(anonymous)).toBe('UNAUTHENTICATED');
    const garbage = await post(JSON.stringify({ query: '{ me { id } }' }), { authorization: 'Basic Zm9vOmJhcg==' });
    expect(garbage.status).toBe(401);
  });

  it('serves the Sandbox landing page to browsers outside production', async () => {
    const response = await fetch(endpoint, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/text\/html/);
    expect(await response.text()).toMatch(/sandbox/i);
  });

  it('returns the request id it was given, or a fresh one', async () => {
    const given = await post(JSON.stringify({ query: '{ me { id } }' }), { 'x-request-id': 'req-abc-123' });
    expect(given.headers.get('x-request-id')).toBe('req-abc-123');
    const fresh = await post(JSON.stringify({ query: '{ me { id } }' }), { 'x-request-id': 'bad id with spaces' });
    expect(fresh.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers unknown paths with 404 and keeps serving after all of the above', async () => {
    const missing = await fetch(`${server.url}/nope`);
    expect(missing.status).toBe(404);
    const still = await server.graphql(ME, {}, token);
    expect(still.status).toBe(200);
    expect(still.data?.me.email).toBe('member@sakura-kensetsu.example');
  });
});
