/**
 * Sessions are checked from each pod's memory (src/auth/session-liveness.ts), so revocation has to
 * reach every pod by itself. Two real server processes share PostgreSQL and a Redis of this
 * test's own: a session signed out, re-roled or deactivated through pod A stops working on pod B
 * — which had just served it from memory — well within the minute its memory alone would trust
 * it (pub/sub: under a second on an idle machine; polled up to 10 s here, because a busy machine
 * delays delivery but only a lost announcement reaches a minute). And a pod whose subscription
 * drops forgets what it holds: each pod is polled for that on its own, as each notices the drop
 * and the return of Redis by itself.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, seedDemo } from '../../src/seed/demo.js';
import { openMigratedDatabase, type MigratedDatabase } from '../support/databases.js';
import { startPrivateRedis, type PrivateRedis } from '../support/redis-server.js';
import { startServerProcess, type ServerProcess } from '../support/server-process.js';
import { graphql } from '../generated/index.js';

const ME = graphql(`query PodsMe { me { id } }`);
const LOGIN = graphql(`mutation PodsLogin($s: String!, $e: String!, $p: String!) { login(tenantSlug: $s, email: $e, password: $p) { accessToken refreshToken user { id } } }`);
const LOGOUT = graphql(`mutation PodsLogout($t: String) { logout(refreshToken: $t) }`);
const DEMOTE = graphql(`mutation PodsDemote($id: UUID!) { changeUserRole(id: $id, role: VIEWER) { role } }`);
const DEACTIVATE = graphql(`mutation PodsDeactivate($id: UUID!) { deactivateUser(id: $id) { active } }`);
const TENANT = 'sakura-kensetsu';

describe('revocation reaches every pod', () => {
  let database: MigratedDatabase;
  let redis: PrivateRedis;
  let a: ServerProcess;
  let b: ServerProcess;

  beforeAll(async () => {
    database = await openMigratedDatabase('postgres');
    await seedDemo(database.database);
    redis = await startPrivateRedis();
    const env = { DATABASE_URL: database.url!, REDIS_URL: redis.url };
    [a, b] = await Promise.all([startServerProcess(env), startServerProcess(env)]);
  });
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await redis?.close();
    await database?.close();
  });

  /**
   * Set-up waits out coded 503s (docs/testing.md): on a busy machine the session store's write may
   * pass its 1 s Redis timeout, and sign-in then answers a retryable SERVICE_UNAVAILABLE, as designed.
   */
  const signIn = async (email: string) => {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const result = await a.graphql(LOGIN, { s: TENANT, e: `${email}@${TENANT}.example`, p: DEMO_PASSWORD });
      const retryable = result.status === 503 && result.errors?.[0]?.extensions?.code === 'SERVICE_UNAVAILABLE';
      if (!retryable || Date.now() > deadline) {
        expect(result.errors).toBeUndefined();
        return result.data!.login;
      }
      await new Promise((r) => setTimeout(r, 500));
    }
  };

  /** Both pods have served the token, so both hold its session as live in memory. */
  const servedByBoth = async (token: string) => {
    for (const pod of [a, b]) for (let i = 0; i < 2; i++) expect((await pod.graphql(ME, {}, token)).status).toBe(200);
  };

  /** What only a lost announcement crosses: the memory alone trusts a session for a minute. */
  const ANNOUNCED_WITHIN_MS = 10_000;

  /** Milliseconds until `pod` refuses the token (polling), or Infinity after `withinMs`. */
  const refusedOn = async (pod: ServerProcess, token: string, withinMs = ANNOUNCED_WITHIN_MS) => {
    const started = Date.now();
    while (Date.now() - started < withinMs) {
      const result = await pod.graphql(ME, {}, token);
      if (result.status === 401) {
        expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
        return Date.now() - started;
      }
      await new Promise((r) => setTimeout(r, 20));
    }
    return Number.POSITIVE_INFINITY;
  };
  const refusedOnB = (token: string) => refusedOn(b, token);

  it('logout on one pod', async () => {
    const session = await signIn('member');
    await servedByBoth(session.accessToken);
    const out = await a.graphql(LOGOUT, { t: session.refreshToken });
    expect(out.data?.logout).toBe(true);
    expect(await refusedOnB(session.accessToken)).toBeLessThan(ANNOUNCED_WITHIN_MS);
    expect((await a.graphql(ME, {}, session.accessToken)).status).toBe(401);
  });

  it('a role change on one pod', async () => {
    const admin = await signIn('admin');
    const member = await signIn('member2');
    await servedByBoth(member.accessToken);
    const changed = await a.graphql(DEMOTE, { id: member.user.id }, admin.accessToken);
    expect(changed.data?.changeUserRole?.role).toBe('VIEWER');
    expect(await refusedOnB(member.accessToken)).toBeLessThan(ANNOUNCED_WITHIN_MS);
  });

  it('a deactivation on one pod', async () => {
    const admin = await signIn('admin');
    const member = await signIn('member3');
    await servedByBoth(member.accessToken);
    const deactivated = await a.graphql(DEACTIVATE, { id: member.user.id }, admin.accessToken);
    expect(deactivated.data?.deactivateUser?.active).toBe(false);
    expect(await refusedOnB(member.accessToken)).toBeLessThan(ANNOUNCED_WITHIN_MS);
  });

  it('a pod whose pub/sub drops forgets the sessions it held live', async () => {
    const session = await signIn('viewer');
    await servedByBoth(session.accessToken);
    // Revoke behind both pods' backs (no announcement), as if the message had been lost...
    await redis.kill();
    await redis.start(); // ...and Redis came back empty (no persistence): every session is gone.
    // Each pod heard its subscription drop and come back, so it asks Redis again and learns the truth.
    // Polled on each pod: each notices the drop and the return by itself, in its own time.
    const [onA, onB] = await Promise.all([refusedOn(a, session.accessToken), refusedOn(b, session.accessToken)]);
    expect({ onA, onB }).toEqual({ onA: expect.any(Number), onB: expect.any(Number) });
    expect(Math.max(onA, onB)).toBeLessThan(ANNOUNCED_WITHIN_MS);
  });
});
