/**
 * Slows password guessing without handing an attacker a way to lock a victim out. Failed sign-ins
 * are counted three ways over a window (LOGIN_THROTTLE_WINDOW_SECONDS):
 *
 *  - per account AND address (`<slug>:<email>|<address>`): the limit that blocks, for the rest of
 *    the window. It stops one address guessing one account, and only that address: the account's
 *    owner, signing in from anywhere else, is not affected. A success clears it.
 *  - per account across all addresses: a higher ceiling for guessing spread over many addresses.
 *    Past it the account is not locked; each further failure makes the next attempt wait 2, 4, 8 …
 *    seconds (at most `accountBackoffMaxSeconds`), so its owner gets in after a short wait.
 *  - per address across all accounts (credential stuffing): blocks that address for the window.
 *    Wrong refresh-token secrets count here too (auth-service.ts), so they cannot be guessed cheaply.
 *
 * Attempts over a limit are refused with RATE_LIMITED and a retry time before any password is
 * checked, and are not counted themselves. Counters live in Redis when configured (shared by every
 * pod), else in memory. Account keys carry the tenant's slug.
 */
import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { RateLimitedError } from '../errors.js';

export interface LoginThrottleOptions {
  maxFailuresPerAccountAddress: number;
  /** Failures per account, all addresses together, after which each attempt waits (back-off). */
  accountBackoffAfterFailures: number;
  accountBackoffMaxSeconds: number;
  maxFailuresPerIp: number;
  windowSeconds: number;
  redis?: Redis;
  /** Called once per refused attempt (metrics: dandori_rate_limit_rejections_total{limiter="login"}). */
  onReject?: () => void;
}

export interface LoginThrottle {
  /** Throws RATE_LIMITED when this account from this address, the account or the address is held back. */
  assertAllowed(account: string, ip: string): Promise<void>;
  recordFailure(account: string, ip: string): Promise<void>;
  /** Clears the failures of this account from this address (not the account's total: see above). */
  recordSuccess(account: string, ip: string): Promise<void>;
  /** Throws RATE_LIMITED when the address is over its limit (refresh and logout, which name no account). */
  assertAddressAllowed(ip: string): Promise<void>;
  /** A failed proof that names no account (a wrong refresh secret): counts against the address only. */
  recordAddressFailure(ip: string): Promise<void>;
}

function limiter(keyPrefix: string, points: number, duration: number, redis?: Redis): RateLimiterAbstract {
  const options = { keyPrefix, points, duration, blockDuration: duration };
  return redis ? new RateLimiterRedis({ ...options, storeClient: redis }) : new RateLimiterMemory(options);
}

/** An e-mail may contain `|`; an address never does, so the last `|` separates them unambiguously. */
const accountAddressKey = (account: string, ip: string) => `${account}|${ip}`;
const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

/** The wait after the failure that brought the account to `failures` (1-based past the ceiling: 2, 4, 8 … s). */
export function backoffSeconds(failures: number, ceiling: number, maxSeconds: number): number {
  if (failures < ceiling) return 0;
  return Math.min(maxSeconds, 2 ** Math.min(30, failures - ceiling + 1));
}

export function createLoginThrottle(options: LoginThrottleOptions): LoginThrottle {
  const { windowSeconds, redis } = options;
  const byAccountAddress = limiter('login-fail-account-address', options.maxFailuresPerAccountAddress, windowSeconds, redis);
  const byIp = limiter('login-fail-ip', options.maxFailuresPerIp, windowSeconds, redis);
  // Only counted (penalty never refuses); the back-off itself is a short block of its own.
  const byAccount = limiter('login-fail-account', options.accountBackoffAfterFailures, windowSeconds, redis);
  const accountBackoff = limiter('login-backoff-account', 1, windowSeconds, redis);

  const blockedFor = async (rl: RateLimiterAbstract, key: string, max: number): Promise<number> => {
    const res = await rl.get(key);
    return res && res.consumedPoints >= max && res.msBeforeNext > 0 ? seconds(res.msBeforeNext) : 0;
  };
  const consume = (rl: RateLimiterAbstract, key: string) =>
    rl.consume(key).catch((error: unknown) => {
      if (!(error instanceof RateLimiterRes)) throw error; // over the limit already: nothing to add
    });
  const refuse = (wait: number, why: string): never => {
    options.onReject?.();
    throw new RateLimitedError(wait, `Too many failed sign-ins ${why}; try again in ${wait} s`);
  };
  const assertAddressAllowed = async (ip: string) => {
    const wait = await blockedFor(byIp, ip, options.maxFailuresPerIp);
    if (wait > 0) refuse(wait, 'from this address');
  };

  return {
    async assertAllowed(account, ip) {
      const [pairWait, ipWait, backoffWait] = await Promise.all([
        blockedFor(byAccountAddress, accountAddressKey(account, ip), options.maxFailuresPerAccountAddress),
        blockedFor(byIp, ip, options.maxFailuresPerIp),
        blockedFor(accountBackoff, account, 1),
      ]);
      if (pairWait > 0) refuse(pairWait, 'for this account from this address');
      if (ipWait > 0) refuse(ipWait, 'from this address');
      if (backoffWait > 0) refuse(backoffWait, 'for this account');
    },
    async recordFailure(account, ip) {
      const [, , total] = await Promise.all([
        consume(byAccountAddress, accountAddressKey(account, ip)),
        consume(byIp, ip),
        byAccount.penalty(account),
      ]);
      const wait = backoffSeconds(total.consumedPoints, options.accountBackoffAfterFailures, options.accountBackoffMaxSeconds);
      if (wait > 0) await accountBackoff.block(account, wait);
    },
    async recordSuccess(account, ip) {
      await byAccountAddress.delete(accountAddressKey(account, ip));
    },
    assertAddressAllowed,
    async recordAddressFailure(ip) {
      await consume(byIp, ip);
    },
  };
}
