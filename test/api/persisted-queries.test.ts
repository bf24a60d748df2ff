/**
 * Automatic persisted queries shared by all pods, and queries over GET: Apollo Client's
 * persisted-queries link registers a hash through one server process and the other process (the
 * same PostgreSQL and Redis, like two pods) answers the hash alone, sent as GET. Without Redis,
 * documents stay in the one process's memory; a Redis failure reads as a miss, not an error.
 */
import { createHash, randomBytes } from 'node:crypto';
import { ApolloClient, ApolloLink, gql, HttpLink, InMemoryCache } from '@apollo/client';
import { createPersistedQueryLink } from '@apollo/client/link/persisted-queries';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPersistedQueryCache, PERSISTED_QUERY_KEY_PREFIX } from '../../src/cache/persisted-queries.js';
import { seedDemo, DEMO_PASSWORD } from '../../src/seed/demo.js';
import { openMigratedDatabase, type MigratedDatabase } from '../support/databases.js';
import { startServerProcess, type ServerProcess } from '../support/server-process.js';
import { startTestServer, type TestServer } from '../support/server.js';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

interface SentRequest {
  method: string;
  url: URL;
  body: Record<string, any> | undefined;
}

/** Apollo Client as a web app would set it up for APQ over GET, recording what it sends. */
function apqClient(graphqlUrl: string, token: string) {
  const sent: SentRequest[] = [];
  const recordingFetch: typeof fetch = async (input, init) => {
    sent.push({ method: init?.method ?? 'GET', url: new URL(String(input)), body: init?.body ? (JSON.parse(String(init.body)) as Record<string, any>) : undefined });
    return fetch(input, init);
  };
  const client = new ApolloClient({
    link: ApolloLink.from([
      createPersistedQueryLink({ sha256, useGETForHashedQueries: true }),
      // GET is a "simple" request: CSRF prevention wants a header a browser form cannot send.
      new HttpLink({ uri: graphqlUrl, fetch: recordingFetch, headers: { authorization: `Bearer ${token}`, 'apollo-require-preflight': 'true' } }),
    ]),
    cache: new InMemoryCache(),
  });
  return { client, sent };
}

describe('automatic persisted queries across two server processes (shared Redis)', () => {
  let migrated: MigratedDatabase;
  let one: ServerProcess;
  let two: ServerProcess;
  let redis: Redis;
  const keys: string[] = [];

  beforeAll(async () => {
    migrated = await openMigratedDatabase('postgres');
    await seedDemo(migrated.database);
    // Two "pods": the same database, Redis and JWT_SECRET (server-process.ts gives both the same one).
    const env = { DATABASE_URL: migrated.url!, REDIS_URL, APQ_TTL_SECONDS: '600' };
    [one, two] = await Promise.all([startServerProcess(env), startServerProcess(env)]);
    redis = new Redis(REDIS_URL);
  }, 180_000);
  afterAll(async () => {
    if (keys.length) await redis?.del(...keys);
    redis?.disconnect();
    await Promise.all([one?.stop(), two?.stop()]);
    await migrated?.close();
  });

  it('registers a hash through the first and hits it on the second, sent as GET with the hash only', async () => {
    const login = await fetch(`${one.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: 'mutation($p: String!) { login(tenantSlug: "sakura-kensetsu", email: "member@sakura-kensetsu.example", password: $p) { accessToken } }',
        variables: { p: DEMO_PASSWORD },
      }),
    }).then((r) => r.json() as Promise<{ data: { login: { accessToken: string } } }>);
    const token = login.data.login.accessToken;
    // A document no earlier run can have registered (the hash names it).
    const probe = `probe_${randomBytes(6).toString('hex')}`;
    const query = gql`query ApqProbe { me { displayName role } ${probe}: __typename }`;

    const first = apqClient(`${one.url}/graphql`, token);
    const registered = await first.client.query<{ me: { displayName: string } }>({ query });
    expect(registered.data?.me).toEqual({ __typename: 'User', displayName: '佐藤 健太', role: 'MEMBER' });
    // The hash alone was unknown (PERSISTED_QUERY_NOT_FOUND); the link then sent the document.
    expect(first.sent).toHaveLength(2);
    const hash = JSON.parse(first.sent[0]!.url.searchParams.get('extensions')!).persistedQuery.sha256Hash as string;
    expect(first.sent[0]).toMatchObject({ method: 'GET' });
    expect(first.sent[0]!.url.searchParams.has('query')).toBe(false);
    expect(first.sent[1]!.body?.query ?? first.sent[1]!.url.searchParams.get('query')).toContain(probe);

    const key = `${PERSISTED_QUERY_KEY_PREFIX}apq:${hash}`;
    keys.push(key);
    expect(await redis.get(key)).toContain(probe);
    expect(await redis.ttl(key)).toBeGreaterThan(500);

    const second = apqClient(`${two.url}/graphql`, token);
    const hit = await second.client.query<{ me: { displayName: string } }>({ query });
    expect(hit.data?.me).toEqual(registered.data?.me);
    expect(second.sent).toHaveLength(1);
    expect(second.sent[0]!.method).toBe('GET');
    expect(second.sent[0]!.url.searchParams.has('query')).toBe(false);
    expect(JSON.parse(second.sent[0]!.url.searchParams.get('extensions')!).persistedQuery.sha256Hash).toBe(hash);
  }, 120_000);
});

describe('GET for queries', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server?.close());

  const get = (params: Record<string, string>, headers: Record<string, string> = {}) =>
    fetch(`${server.url}/graphql?${new URLSearchParams(params)}`, { headers });

  it('answers a query sent as GET with the CSRF header, and returns the data', async () => {
    const { accessToken } = await server.login('sakura-kensetsu', 'viewer@sakura-kensetsu.example');
    const response = await get(
      { query: 'query Me($with: Boolean!) { me @include(if: $with) { role } }', variables: JSON.stringify({ with: true }) },
      { authorization: `Bearer ${accessToken}`, 'apollo-require-preflight': 'true' },
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: { me: { role: 'VIEWER' } } });
  });

  it('refuses a GET without a CSRF-safe header, and a mutation over GET', async () => {
    const bare = await get({ query: '{ __typename }' });
    expect(bare.status).toBe(400);
    expect(await bare.text()).toMatch(/apollo-require-preflight/);
    const mutation = await get({ query: 'mutation { logout }' }, { 'apollo-require-preflight': 'true' });
    expect(mutation.status).toBe(405);
  });

  it('keeps persisted documents in memory without Redis: the same process hits them', async () => {
    const query = `{ ${`p_${randomBytes(4).toString('hex')}`}: __typename }`;
    const extensions = JSON.stringify({ persistedQuery: { version: 1, sha256Hash: sha256(query) } });
    const headers = { 'apollo-require-preflight': 'true' };
    const miss = await get({ extensions }, headers).then((r) => r.json() as Promise<{ errors: { extensions: { code: string } }[] }>);
    expect(miss.errors[0]!.extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    expect((await get({ extensions, query }, headers)).status).toBe(200);
    expect(await get({ extensions }, headers).then((r) => r.json())).toEqual({ data: { [query.slice(2, 12)]: 'Query' } });
  });
});

describe('the Redis document cache', () => {
  it('reads as a miss and writes nothing, without throwing, when Redis cannot be reached', async () => {
    const unreachable = new Redis('redis://127.0.0.1:1', { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 0 });
    const warnings: unknown[] = [];
    const cache = createPersistedQueryCache(unreachable, { warn: (...args: unknown[]) => void warnings.push(args) });
    await expect(cache.get('apq:abc')).resolves.toBeUndefined();
    await expect(cache.set('apq:abc', '{ __typename }', { ttl: 60 })).resolves.toBeUndefined();
    expect(warnings).toHaveLength(1); // an outage warns once, not per request
    unreachable.disconnect();
  });
});
