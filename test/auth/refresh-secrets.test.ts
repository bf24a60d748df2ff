/**
 * A refresh token is `<tenantId>.<sessionId>.<secret>`, and the session id is no secret (it is in
 * every access token). So only the secret a rotation replaced counts as reuse and revokes the
 * session; any other wrong secret is plain UNAUTHENTICATED, signs no one out, and counts against
 * the client's address (LOGIN_MAX_FAILURES_PER_IP), so secrets cannot be guessed for free.
 * Run against real servers on each session store: Redis (a private one), process memory, and the
 * embedded default's file in its data folder.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPrivateRedis, type PrivateRedis } from '../support/redis-server.js';
import { startTestServer, type GraphQLResult, type TestServer, type TestServerOptions } from '../support/server.js';
import { graphql } from '../generated/index.js';

const SAKURA = 'sakura-kensetsu';
const REFRESH = graphql(`mutation SecretsRefresh($t: String!) { refreshSession(refreshToken: $t) { accessToken refreshToken } }`);
const LOGOUT = graphql(`mutation SecretsLogout($t: String) { logout(refreshToken: $t) }`);
const ME = graphql(`query SecretsMe { me { email } }`);
const INVALID = { status: 401, code: 'UNAUTHENTICATED', message: 'Refresh token is invalid' };
const REUSED = { status: 401, code: 'UNAUTHENTICATED', message: 'Refresh token was already used; the session has been revoked' };
const GONE = { status: 401, code: 'UNAUTHENTICATED', message: 'Session expired or revoked; sign in again' };
const FAILURES_PER_ADDRESS = 3;

function failure(result: GraphQLResult<unknown>) {
  expect(result.errors).toHaveLength(1);
  const [error] = result.errors!;
  return { status: result.status, code: error!.extensions?.code, message: error!.message };
}

/** The same session, a secret nobody was ever given. */
function forged(refreshToken: string): string {
  const [tenantId, sessionId] = refreshToken.split('.');
  return `${tenantId}.${sessionId}.${randomBytes(32).toString('base64url')}`;
}

interface Store {
  name: string;
  start(): Promise<{ options: TestServerOptions; cleanup(): Promise<void> }>;
}

const STORES: Store[] = [
  {
    name: 'Redis',
    async start() {
      const redis: PrivateRedis = await startPrivateRedis();
      return { options: { env: { REDIS_URL: redis.url } }, cleanup: () => redis.close() };
    },
  },
  { name: 'process memory', start: async () => ({ options: {}, cleanup: async () => {} }) },
  {
    name: 'the embedded data folder',
    async start() {
      const dir = await mkdtemp(join(tmpdir(), 'dandori-refresh-'));
      return { options: { backend: 'pglite', env: { PGLITE_DATA_DIR: join(dir, 'pglite') } }, cleanup: () => rm(dir, { recursive: true, force: true }) };
    },
  },
];

for (const store of STORES) {
  describe(`refresh secrets (sessions in ${store.name})`, () => {
    let server: TestServer;
    let cleanup = async () => {};
    beforeAll(async () => {
      const started = await store.start();
      cleanup = started.cleanup;
      // TRUST_PROXY: each test speaks from addresses of its own (X-Forwarded-For), so the failures
      // one test charges to an address never hold back another.
      server = await startTestServer({
        ...started.options,
        env: { ...started.options.env, TRUST_PROXY: 'true', LOGIN_MAX_FAILURES_PER_IP: String(FAILURES_PER_ADDRESS) },
      });
    }, 180_000);
    afterAll(async () => {
      await server?.close();
      await cleanup();
    });

    const from = (ip: string) => ({ 'x-forwarded-for': ip });
    const refresh = (token: string, ip: string) => server.graphql(REFRESH, { t: token }, undefined, from(ip));
    const logout = (token: string, ip: string) => server.graphql(LOGOUT, { t: token }, undefined, from(ip));
    const meStatus = async (accessToken: string) => (await server.graphql(ME, {}, accessToken)).status;
    const rotated = async (token: string, ip: string) => {
      const result = await refresh(token, ip);
      expect(result.errors).toBeUndefined();
      return result.data!.refreshSession;
    };

    it('a wrong secret is refused and signs no one out: the access token and the refresh token still work', async () => {
      const ip = '198.51.100.1';
      const session = await server.login(SAKURA, `member@${SAKURA}.example`);
      // A session that never rotated has no previous secret yet: a wrong one is still just wrong.
      expect(failure(await refresh(forged(session.refreshToken), ip))).toEqual(INVALID);
      expect(await meStatus(session.accessToken)).toBe(200);
      const next = await rotated(session.refreshToken, ip);
      expect(await meStatus(next.accessToken)).toBe(200);

      // After a rotation too.
      expect(failure(await refresh(forged(next.refreshToken), ip))).toEqual(INVALID);
      expect(await meStatus(next.accessToken)).toBe(200);
      expect(await meStatus((await rotated(next.refreshToken, ip)).accessToken)).toBe(200);
    });

    it('presenting the previous secret is reuse: the whole session is revoked', async () => {
      const ip = '198.51.100.2';
      const stolen = await server.login(SAKURA, `viewer@${SAKURA}.example`);
      const owners = await rotated(stolen.refreshToken, ip);
      expect(failure(await refresh(stolen.refreshToken, '198.51.100.66'))).toEqual(REUSED);
      expect(await meStatus(owners.accessToken)).toBe(401);
      expect(failure(await refresh(owners.refreshToken, ip))).toEqual(GONE);
    });

    it('a secret from two rotations back is merely invalid: only the one just replaced is remembered', async () => {
      const ip = '198.51.100.3';
      const first = await server.login(SAKURA, `member2@${SAKURA}.example`);
      const second = await rotated(first.refreshToken, ip);
      const third = await rotated(second.refreshToken, ip);
      expect(failure(await refresh(first.refreshToken, ip))).toEqual(INVALID);
      expect(await meStatus(third.accessToken)).toBe(200);
      expect(await meStatus((await rotated(third.refreshToken, ip)).accessToken)).toBe(200);
    });

    it('logout with a wrong secret revokes nothing; with the real one it ends the session', async () => {
      const ip = '198.51.100.4';
      const session = await server.login(SAKURA, `member3@${SAKURA}.example`);
      expect(failure(await logout(forged(session.refreshToken), ip))).toEqual(INVALID);
      expect(await meStatus(session.accessToken)).toBe(200);
      const next = await rotated(session.refreshToken, ip);
      expect(await logout(next.refreshToken, ip)).toMatchObject({ status: 200, data: { logout: true } });
      expect(await meStatus(next.accessToken)).toBe(401);
    });

    it('wrong secrets count against the address: past the limit it is refused even with the right token, other addresses are not', async () => {
      const guesser = '198.51.100.5';
      const session = await server.login(SAKURA, `member4@${SAKURA}.example`);
      for (let i = 0; i < FAILURES_PER_ADDRESS; i++) expect(failure(await refresh(forged(session.refreshToken), guesser))).toEqual(INVALID);
      const refused = await refresh(session.refreshToken, guesser);
      expect(failure(refused)).toEqual({ status: 429, code: 'RATE_LIMITED', message: expect.stringMatching(/^Too many failed sign-ins from this address; try again in \d+ s$/) });
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(failure(await logout(session.refreshToken, guesser))).toMatchObject({ status: 429, code: 'RATE_LIMITED' });
      // The session is untouched and its owner, elsewhere, refreshes as usual.
      expect(await meStatus(session.accessToken)).toBe(200);
      expect(await meStatus((await rotated(session.refreshToken, '198.51.100.55')).accessToken)).toBe(200);
    });

    it('two refreshes racing with one token: one rotates, the other counts as reuse and the session ends', async () => {
      // The documented trade-off (src/auth/auth-service.ts): a client must not refresh twice at once.
      const ip = '198.51.100.6';
      const session = await server.login(SAKURA, `member5@${SAKURA}.example`);
      const results = await Promise.all([refresh(session.refreshToken, ip), refresh(session.refreshToken, ip)]);
      const winners = results.filter((r) => r.errors === undefined);
      expect(winners).toHaveLength(1);
      expect(failure(results.find((r) => r.errors !== undefined)!)).toEqual(REUSED);
      expect(await meStatus(winners[0]!.data!.refreshSession.accessToken)).toBe(401);
    });
  });
}
