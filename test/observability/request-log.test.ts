/**
 * The request log: through a started server whose logger writes to memory, a whole session —
 * login, a query, refreshSession, logout — and a failed login each leave exactly one JSON line
 * with the request id, tenant, user, operation, duration and outcome; and no line anywhere
 * holds the password, an access token, a refresh token or its secret part.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/observability/logger.js';
import { DEMO_PASSWORD, startTestServer, type TestServer } from '../support/server.js';
import { graphql } from '../generated/index.js';

// The operation names are what the log lines are checked for.
const LOGIN = graphql(`mutation Login($s: String!, $e: String!, $p: String!) { login(tenantSlug: $s, email: $e, password: $p) { accessToken refreshToken user { id } } }`);
const ME = graphql(`query Me { me { id } }`);
const REFRESH = graphql(`mutation Refresh($r: String!) { refreshSession(refreshToken: $r) { accessToken refreshToken user { id } } }`);
const LOGOUT = graphql(`mutation Logout($r: String) { logout(refreshToken: $r) }`);

const SAKURA = 'sakura-kensetsu';
const EMAIL = `member@${SAKURA}.example`;
const REQUEST_LINE_KEYS = new Set([
  'level', 'time', 'service', 'pid', 'hostname', 'msg',
  'requestId', 'method', 'route', 'status', 'durationMs', 'outcome', 'errorCodes', 'operationName', 'tenantId', 'userId',
]);

type Line = Record<string, unknown>;

describe('request log', () => {
  const raw: string[] = [];
  let server: TestServer;
  const secrets: string[] = [DEMO_PASSWORD];
  let tenantId: string;
  let userId: string;

  beforeAll(async () => {
    const logger = createLogger({ LOG_LEVEL: 'info' }, { write: (line: string) => void raw.push(line) });
    server = await startTestServer({ logger });
    tenantId = server.tenantIds[SAKURA]!;

    const as = (requestId: string) => ({ 'x-request-id': requestId });
    const login = await server.graphql(LOGIN, { s: SAKURA, e: EMAIL, p: DEMO_PASSWORD }, undefined, as('log-login'));
    const first = login.data!.login;
    userId = first.user.id;
    expect((await server.graphql(ME, {}, first.accessToken, as('log-query'))).data?.me.id).toBe(userId);
    const refreshed = await server.graphql(REFRESH, { r: first.refreshToken }, undefined, as('log-refresh'));
    const second = refreshed.data!.refreshSession;
    expect((await server.graphql(LOGOUT, { r: second.refreshToken }, second.accessToken, as('log-logout'))).data?.logout).toBe(true);
    const failed = await server.graphql(LOGIN, { s: SAKURA, e: EMAIL, p: 'wrong-password-123' }, undefined, as('log-failed'));
    expect(failed.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    await fetch(`${server.url}/healthz`, { headers: as('log-health') });
    await fetch(`${server.url}/nowhere`, { headers: as('log-missing') });

    for (const tokens of [first, second]) {
      secrets.push(tokens.accessToken, tokens.refreshToken, tokens.refreshToken.split('.')[2]!);
    }
    secrets.push('wrong-password-123');
    // A line is written when the response has finished on the server, which may be just after
    // the client has read it.
    for (let i = 0; i < 50 && requestLines().length < 7; i++) await new Promise((resolve) => setTimeout(resolve, 20));
  });
  afterAll(() => server?.close());

  const parsed = (): Line[] => raw.map((line) => JSON.parse(line) as Line);
  const requestLines = () => parsed().filter((line) => line.msg === 'request');
  const lineOf = (requestId: string): Line => {
    const lines = requestLines().filter((line) => line.requestId === requestId);
    expect(lines, `log lines for ${requestId}`).toHaveLength(1);
    return lines[0]!;
  };

  it('writes one line per request with who, what, how long and how it ended', () => {
    expect(requestLines()).toHaveLength(7);
    const common = { method: 'POST', route: '/graphql', status: 200, outcome: 'ok', tenantId, userId };
    expect(lineOf('log-login')).toMatchObject({ ...common, operationName: 'Login', level: 30 });
    expect(lineOf('log-query')).toMatchObject({ ...common, operationName: 'Me' });
    expect(lineOf('log-refresh')).toMatchObject({ ...common, operationName: 'Refresh' });
    expect(lineOf('log-logout')).toMatchObject({ ...common, operationName: 'Logout' });
    expect(lineOf('log-failed')).toMatchObject({
      method: 'POST', route: '/graphql', status: 401, outcome: 'error', errorCodes: ['UNAUTHENTICATED'], operationName: 'Login', tenantId: null, userId: null,
    });
    expect(lineOf('log-health')).toMatchObject({ method: 'GET', route: '/healthz', status: 200, outcome: 'ok', operationName: null });
    expect(lineOf('log-missing')).toMatchObject({ method: 'GET', route: 'other', status: 404, outcome: 'error', errorCodes: ['NOT_FOUND'] });
    for (const line of requestLines()) {
      expect(typeof line.durationMs).toBe('number');
      expect(line.durationMs as number).toBeGreaterThanOrEqual(0);
      expect(Object.keys(line).filter((key) => !REQUEST_LINE_KEYS.has(key))).toEqual([]);
    }
  });

  it('never logs the password, a token or the secret part of a refresh token', () => {
    expect(raw.length).toBeGreaterThan(7);
    for (const secret of secrets) {
      expect(secret.length).toBeGreaterThan(8);
      const leaking = raw.filter((line) => line.includes(secret));
      expect(leaking, `lines containing ${secret.slice(0, 6)}…`).toEqual([]);
    }
  });
});
