import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, startTestServer, type GraphQLResult, type TestServer } from '../support/server.js';
import { graphql } from '../generated/index.js';

const ME = graphql(`query AuthMe { me { email } }`);
const CHANGE_USER_ROLE = graphql(`mutation AuthChangeUserRole($id: UUID!) { changeUserRole(id: $id, role: VIEWER) { role } }`);

const SAKURA = 'sakura-kensetsu';
const INVALID_LOGIN = 'Invalid tenant, e-mail or password';
const LOGIN = graphql(`mutation AuthLogin($s: String!, $e: String!, $p: String!) {
  login(tenantSlug: $s, email: $e, password: $p) { accessToken accessTokenExpiresAt refreshToken refreshTokenExpiresAt user { email role } }
}`);
const REFRESH = graphql(`mutation AuthRefresh($t: String!) { refreshSession(refreshToken: $t) { accessToken refreshToken user { email } } }`);
const LOGOUT = graphql(`mutation AuthLogout($t: String) { logout(refreshToken: $t) }`);

/** The one error of a failed operation, with its code, HTTP status and extensions. */
function failure(result: GraphQLResult<unknown>) {
  expect(result.errors).toHaveLength(1);
  const [error] = result.errors!;
  const { code, ...extensions } = error!.extensions ?? {};
  return { status: result.status, code, message: error!.message, extensions };
}

const unauthenticated = (message: string) => ({ status: 401, code: 'UNAUTHENTICATED', message, extensions: {} });

function login(server: TestServer, slug: string, email: string, password = DEMO_PASSWORD) {
  return server.graphql(LOGIN, { s: slug, e: email, p: password });
}
const me = (server: TestServer, token: string) => server.graphql(ME, {}, token);
const refresh = (server: TestServer, refreshToken: string) => server.graphql(REFRESH, { t: refreshToken });
const logout = (server: TestServer, refreshToken: string | null, accessToken?: string) => server.graphql(LOGOUT, { t: refreshToken }, accessToken);

/** JWT segment <-> JSON, for forging tokens by hand. */
const decodeSegment = (segment: string) => JSON.parse(Buffer.from(segment, 'base64url').toString('utf8')) as Record<string, unknown>;
const encodeSegment = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** The session tests every store must pass: rotation with reuse detection, logout, revocation. */
function sessionLifecycleTests(serverOf: () => TestServer) {
  it('refreshSession rotates: the old refresh token fails, and its reuse revokes the new one too', async () => {
    const server = serverOf();
    const { accessToken, refreshToken } = await server.login(SAKURA, `member@${SAKURA}.example`);
    const rotated = await refresh(server, refreshToken);
    expect(rotated.errors).toBeUndefined();
    const next = rotated.data!.refreshSession;
    expect(next).toEqual({ accessToken: expect.any(String), refreshToken: expect.any(String), user: { email: `member@${SAKURA}.example` } });
    expect(next.refreshToken).not.toBe(refreshToken);
    expect(next.refreshToken.split('.')[1]).toBe(refreshToken.split('.')[1]); // same session, new secret
    expect((await me(server, next.accessToken)).data).toEqual({ me: { email: `member@${SAKURA}.example` } });

    expect(failure(await refresh(server, refreshToken))).toEqual(unauthenticated('Refresh token was already used; the session has been revoked'));
    expect(failure(await refresh(server, next.refreshToken))).toEqual(unauthenticated('Session expired or revoked; sign in again'));
    expect(failure(await me(server, next.accessToken))).toEqual(unauthenticated('Session expired or revoked; sign in again'));
    expect(failure(await me(server, accessToken))).toEqual(unauthenticated('Session expired or revoked; sign in again'));
  });

  it('logout revokes the session of the refresh token, or the current one', async () => {
    const server = serverOf();
    const first = await server.login(SAKURA, `viewer@${SAKURA}.example`);
    expect(await logout(server, first.refreshToken)).toMatchObject({ status: 200, data: { logout: true } });
    expect(failure(await refresh(server, first.refreshToken))).toEqual(unauthenticated('Session expired or revoked; sign in again'));
    expect(failure(await me(server, first.accessToken))).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });

    const second = await server.login(SAKURA, `viewer@${SAKURA}.example`);
    expect((await logout(server, null, second.accessToken)).data).toEqual({ logout: true });
    expect(failure(await refresh(server, second.refreshToken))).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(failure(await logout(server, null))).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
  });

  it('a role change revokes every session of the user', async () => {
    const server = serverOf();
    const owner = await server.login(SAKURA, `owner@${SAKURA}.example`);
    const phone = await server.login(SAKURA, `member2@${SAKURA}.example`);
    const laptop = await server.login(SAKURA, `member2@${SAKURA}.example`);
    const changed = await server.graphql(CHANGE_USER_ROLE, { id: phone.userId }, owner.accessToken);
    expect(changed.data).toEqual({ changeUserRole: { role: 'VIEWER' } });
    for (const session of [phone, laptop]) {
      expect(failure(await me(server, session.accessToken))).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
      expect(failure(await refresh(server, session.refreshToken))).toMatchObject({ code: 'UNAUTHENTICATED' });
    }
    expect((await me(server, owner.accessToken)).status).toBe(200);
  });
}

describe('sign-in and sessions (in-memory session store)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server?.close());

  it('login returns a token pair and the user', async () => {
    const before = Date.now();
    const result = await login(server, ' Sakura-Kensetsu ', `Admin@${SAKURA}.example`);
    expect(result.errors).toBeUndefined();
    const payload = result.data!.login;
    expect(payload).toEqual({
      accessToken: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/),
      accessTokenExpiresAt: expect.any(String),
      refreshToken: expect.stringMatching(new RegExp(`^${server.tenantIds[SAKURA]}\\.[0-9a-f-]{36}\\.[\\w-]{43}$`)),
      refreshTokenExpiresAt: expect.any(String),
      user: { email: `admin@${SAKURA}.example`, role: 'ADMIN' },
    });
    const minutes = (iso: string) => Math.round((Date.parse(iso) - before) / 60_000);
    expect(minutes(payload.accessTokenExpiresAt)).toBe(15);
    expect(minutes(payload.refreshTokenExpiresAt)).toBe(30 * 24 * 60);
    expect((await me(server, payload.accessToken)).data).toEqual({ me: { email: `admin@${SAKURA}.example` } });
  });

  it('wrong password, unknown e-mail and unknown tenant fail alike (401, one message)', async () => {
    const outcomes = [
      await login(server, SAKURA, `admin@${SAKURA}.example`, 'wrong-password'),
      await login(server, SAKURA, `nobody@${SAKURA}.example`),
      await login(server, 'no-such-company', `admin@${SAKURA}.example`),
    ].map(failure);
    for (const outcome of outcomes) expect(outcome).toEqual(unauthenticated(INVALID_LOGIN));
    expect(failure(await login(server, SAKURA, '', ''))).toMatchObject({ status: 400, code: 'BAD_USER_INPUT', extensions: { fields: { email: 'required', password: 'required' } } });
  });

  sessionLifecycleTests(() => server);

  it('refuses a tampered token, an `alg: none` token and garbage with 401', async () => {
    const { accessToken } = await server.login(SAKURA, `owner@${SAKURA}.example`);
    const [header, payload, signature] = accessToken.split('.') as [string, string, string];

    // Flip one character in the middle of the payload (the middle: its last one may only carry padding bits).
    const i = Math.floor(payload.length / 2);
    const tampered = `${header}.${payload.slice(0, i)}${payload[i] === 'A' ? 'B' : 'A'}${payload.slice(i + 1)}.${signature}`;
    // Same claims, no signature at all.
    const algNone = `${encodeSegment({ alg: 'none', typ: 'JWT' })}.${payload}.`;
    // A payload that claims a higher role, signed with nothing we know.
    const escalated = `${header}.${encodeSegment({ ...decodeSegment(payload), role: 'OWNER', tid: '00000000-0000-4000-8000-000000000000' })}.${signature}`;

    for (const token of [tampered, algNone, escalated, 'not-a-jwt']) {
      expect(failure(await me(server, token))).toEqual(unauthenticated('Access token is invalid'));
    }
    expect((await me(server, accessToken)).status).toBe(200); // the genuine token still works
  });
});

describe('expired access tokens', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ env: { ACCESS_TOKEN_TTL_SECONDS: '1' } });
  });
  afterAll(() => server?.close());

  it('an expired access token gets 401, and the refresh token still renews the session', async () => {
    const { accessToken, refreshToken } = await server.login(SAKURA, `member@${SAKURA}.example`);
    // Correctness wait, not a timing assertion: the token expires within its 1 s lifetime.
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    expect(failure(await me(server, accessToken))).toEqual(unauthenticated('Access token expired; refresh the session'));
    const renewed = await refresh(server, refreshToken);
    expect(renewed.errors).toBeUndefined();
    expect(renewed.data!.refreshSession.user).toEqual({ email: `member@${SAKURA}.example` });
  });
});

// Failed-login throttling: test/auth/login-throttle.test.ts.

describe('sessions in Redis', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ env: { REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379' } });
  });
  afterAll(async () => {
    // Every session key starts with a tenant id; these tenants exist only in this test's database.
    const redis = server?.app.deps.redis;
    if (redis) {
      for (const tenantId of Object.values(server.tenantIds)) {
        const keys: string[] = [];
        for await (const batch of redis.scanStream({ match: `${tenantId}:*`, count: 500 })) keys.push(...(batch as string[]));
        if (keys.length) await redis.del(...keys);
      }
    }
    await server?.close();
  });

  it('keeps sessions under the tenant’s keys in Redis', async () => {
    const redis = server.app.deps.redis!;
    const tenantId = server.tenantIds[SAKURA]!;
    const { accessToken, refreshToken, userId } = await server.login(SAKURA, `admin@${SAKURA}.example`);
    const sessionId = refreshToken.split('.')[1]!;
    expect(await redis.hget(`${tenantId}:session:${sessionId}`, 'userId')).toBe(userId);
    expect(await redis.sismember(`${tenantId}:user-sessions:${userId}`, sessionId)).toBe(1);
    expect((await me(server, accessToken)).status).toBe(200);
    await logout(server, refreshToken);
    expect(await redis.exists(`${tenantId}:session:${sessionId}`)).toBe(0);
  });

  sessionLifecycleTests(() => server);
});
