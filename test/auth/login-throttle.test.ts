/**
 * Failed sign-ins are throttled without giving anyone a way to lock a victim out
 * (src/auth/login-throttle.ts): an address that keeps failing on an account is refused for that
 * account only; failures spread over many addresses past the account's ceiling cost its owner a
 * short, growing wait instead of a lock for the whole window; one address trying many accounts is
 * still stopped. Real servers, with counters in process memory and in Redis (a private one);
 * TRUST_PROXY=true so X-Forwarded-For plays the client addresses (its last hop is the one trusted,
 * src/server/client-address.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backoffSeconds } from '../../src/auth/login-throttle.js';
import { startPrivateRedis, type PrivateRedis } from '../support/redis-server.js';
import { DEMO_PASSWORD, startTestServer, type GraphQLResult, type TestServer } from '../support/server.js';
import { graphql } from '../generated/index.js';

const LOGIN = graphql(`mutation LoginThrottleLogin($s: String!, $e: String!, $p: String!) { login(tenantSlug: $s, email: $e, password: $p) { accessToken } }`);
const INVALID_LOGIN = 'Invalid tenant, e-mail or password';
const PER_ACCOUNT_ADDRESS = 5; // the default
const ACCOUNT_CEILING = 8;
const BACKOFF_MAX_SECONDS = 4;
const PER_ADDRESS = 12;

function failure(result: GraphQLResult<unknown>) {
  expect(result.errors).toHaveLength(1);
  const [error] = result.errors!;
  return { status: result.status, code: error!.extensions?.code, message: error!.message, retryAfter: Number(result.headers.get('retry-after') ?? NaN) };
}
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('backoffSeconds', () => {
  it('is nothing below the ceiling, then 2, 4, 8 … seconds, never more than the maximum', () => {
    expect([7, 8, 9, 10, 11, 12, 1_000].map((failures) => backoffSeconds(failures, 8, 60))).toEqual([0, 2, 4, 8, 16, 32, 60]);
    expect(backoffSeconds(9, 8, 3)).toBe(3);
  });
});

for (const counters of ['process memory', 'Redis'] as const) {
  describe(`failed-login throttling (counters in ${counters})`, () => {
    let server: TestServer;
    let redis: PrivateRedis | undefined;
    beforeAll(async () => {
      redis = counters === 'Redis' ? await startPrivateRedis() : undefined;
      server = await startTestServer({
        env: {
          TRUST_PROXY: 'true',
          LOGIN_ACCOUNT_BACKOFF_AFTER_FAILURES: String(ACCOUNT_CEILING),
          LOGIN_ACCOUNT_BACKOFF_MAX_SECONDS: String(BACKOFF_MAX_SECONDS),
          LOGIN_MAX_FAILURES_PER_IP: String(PER_ADDRESS),
          ...(redis && { REDIS_URL: redis.url }),
        },
      });
    });
    afterAll(async () => {
      await server?.close();
      await redis?.close();
    });

    const login = (slug: string, email: string, password: string, ip: string) =>
      server.graphql(LOGIN, { s: slug, e: email, p: password }, undefined, { 'x-forwarded-for': `10.9.9.9, ${ip}` });
    const signsIn = async (slug: string, email: string, ip: string) => expect((await login(slug, email, DEMO_PASSWORD, ip)).errors).toBeUndefined();
    const fails = async (slug: string, email: string, ip: string) =>
      expect(failure(await login(slug, email, 'wrong-password', ip))).toMatchObject({ status: 401, code: 'UNAUTHENTICATED', message: INVALID_LOGIN });

    it('an address failing on an account is refused for it, while the owner signs in from elsewhere', async () => {
      const [slug, victim, attacker] = ['sakura-kensetsu', 'member@sakura-kensetsu.example', '203.0.113.10'];
      for (let i = 0; i < PER_ACCOUNT_ADDRESS; i++) await fails(slug, victim, attacker);
      const refused = failure(await login(slug, victim, DEMO_PASSWORD, attacker));
      expect(refused).toMatchObject({ status: 429, code: 'RATE_LIMITED', message: expect.stringMatching(/^Too many failed sign-ins for this account from this address; try again in \d+ s$/) });
      expect(refused.retryAfter).toBeGreaterThan(0);
      await signsIn(slug, victim, '198.51.100.10');
      // Only that account is held back from that address.
      await signsIn(slug, 'admin@sakura-kensetsu.example', attacker);
    });

    it('a success clears the failures of that account from that address', async () => {
      const [slug, email, ip] = ['minato-design', 'viewer@minato-design.example', '203.0.113.20'];
      // 3 + 3 failures: past the limit of 5 unless the success in between cleared the first three
      // (and still under the account's ceiling of 8).
      for (let round = 0; round < 2; round++) {
        for (let i = 0; i < 3; i++) await fails(slug, email, ip);
        await signsIn(slug, email, ip);
      }
    });

    it('failures from many addresses past the account ceiling cost the owner a short, growing wait, not a lock', async () => {
      const [slug, victim, home] = ['fuji-logistics', 'owner@fuji-logistics.example', '198.51.100.30'];
      // Two addresses, each under the per-address limit for the account, reach its ceiling together.
      for (let i = 0; i < ACCOUNT_CEILING; i++) await fails(slug, victim, `203.0.113.${31 + (i % 2)}`);
      const first = failure(await login(slug, victim, DEMO_PASSWORD, home));
      expect(first).toMatchObject({ status: 429, code: 'RATE_LIMITED', message: expect.stringMatching(/^Too many failed sign-ins for this account; try again in \d+ s$/) });
      expect(first.retryAfter).toBeGreaterThanOrEqual(1);
      expect(first.retryAfter).toBeLessThanOrEqual(2);
      // Attempts during the wait are refused before any password is checked, and do not count.
      expect(failure(await login(slug, victim, 'wrong-password', '203.0.113.33'))).toMatchObject({ code: 'RATE_LIMITED' });

      // Correctness waits, not timings: each one outlasts the Retry-After just given.
      await sleep(first.retryAfter * 1000 + 200);
      await fails(slug, victim, '203.0.113.34');
      const second = failure(await login(slug, victim, DEMO_PASSWORD, home));
      expect(second).toMatchObject({ status: 429, code: 'RATE_LIMITED' });
      expect(second.retryAfter).toBeGreaterThan(2); // 4 s, unless this box stalled for 2 s in between
      expect(second.retryAfter).toBeLessThanOrEqual(BACKOFF_MAX_SECONDS);

      await sleep(second.retryAfter * 1000 + 200);
      await signsIn(slug, victim, home);
    });

    it('one address trying many accounts is stopped for every account, other addresses are not', async () => {
      const sprayer = '203.0.113.40';
      for (let i = 0; i < PER_ADDRESS; i++) await fails('sakura-kensetsu', `ghost${i}@sakura-kensetsu.example`, sprayer);
      expect(failure(await login('minato-design', 'owner@minato-design.example', DEMO_PASSWORD, sprayer))).toMatchObject({
        status: 429, code: 'RATE_LIMITED', message: expect.stringMatching(/^Too many failed sign-ins from this address; try again in \d+ s$/),
      });
      await signsIn('minato-design', 'owner@minato-design.example', '198.51.100.40');
    });
  });
}
