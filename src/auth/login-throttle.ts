/**
 * Slows password guessing: failed logins are counted per account (tenant + e-mail) and per client
 * address over a window; past the limit, further attempts are refused with RATE_LIMITED and a
 * retry time, before any password is checked. A successful login clears the account's count.
 * Counters live in Redis when configured (shared by every pod), else in memory.
 */
import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { RateLimitedError } from '../errors.js';

export interface LoginThrottleOptions {
  maxFailuresPerAccount: number;
  maxFailuresPerIp: number;
  windowSeconds: number;
  redis?: Redis;
  /** Called once per refused attempt (metrics: dandori_rate_limit_rejections_total{limiter="login"}). */
  onReject?: () => void;
}

export interface LoginThrottle {
  /** Throws RATE_LIMITED when the account or the address is over its limit. */
  assertAllowed(account: string, ip: string): Promise<void>;
  recordFailure(account: string, ip: string): Promise<void>;
  recordSuccess(account: string): Promise<void>;
}

function limiter(keyPrefix: string, points: number, duration: number, redis?: Redis): RateLimiterAbstract {
  const options = { keyPrefix, points, duration, blockDuration: duration };
  return redis ? new RateLimiterRedis({ ...options, storeClient: redis }) : new RateLimiterMemory(options);
}

export function createLoginThrottle(options: LoginThrottleOptions): LoginThrottle {
  const byAccount = limiter('login-fail-account', options.maxFailuresPerAccount, options.windowSeconds, options.redis);
  const byIp = limiter('login-fail-ip', options.maxFailuresPerIp, options.windowSeconds, options.redis);

  const blockedFor = async (rl: RateLimiterAbstract, key: string, max: number): Promise<number> => {
    const res = await rl.get(key);
    return res && res.consumedPoints >= max ? Math.max(1, Math.ceil(res.msBeforeNext / 1000)) : 0;
  };
  const consume = (rl: RateLimiterAbstract, key: string) =>
    rl.consume(key).catch((error: unknown) => {
      if (!(error instanceof RateLimiterRes)) throw error; // over the limit already: nothing to add
    });

  return {
    async assertAllowed(account, ip) {
      const [accountWait, ipWait] = await Promise.all([
        blockedFor(byAccount, account, options.maxFailuresPerAccount),
        blockedFor(byIp, ip, options.maxFailuresPerIp),
      ]);
      const wait = Math.max(accountWait, ipWait);
      if (wait > 0) {
        options.onReject?.();
        throw new RateLimitedError(wait, `Too many failed sign-ins ${accountWait ? 'for this account' : 'from this address'}; try again in ${wait} s`);
      }
    },
    async recordFailure(account, ip) {
      await Promise.all([consume(byAccount, account), consume(byIp, ip)]);
    },
    async recordSuccess(account) {
      await byAccount.delete(account);
    },
  };
}
