/**
 * The gateway limits each tenant's rate: every authenticated HTTP GraphQL request consumes one
 * point of its tenant's budget, `Tenant.rateLimitPerMinute` points per fixed 60-second window
 * (aligned to the clock, so every pod agrees on the window without talking). Over the budget the
 * request is refused with RATE_LIMITED (HTTP 429, `Retry-After` = seconds to the next window).
 *
 * With Redis every pod shares one counter per tenant and window (`tenant-rate:<tenantId>:<window>`),
 * but a request does not pay a Redis round trip: each pod LEASES points in blocks (one INCRBY for
 * many requests) and hands them out from memory, fetching the next block in the background when
 * half the current one is spent. A block is sized to the pod's recent traffic, between 1/1000
 * and 1/100 of the budget (never below 1), so:
 *  - a small budget (a few requests a minute) is counted exactly, one point per lease;
 *  - at most 1 % of a budget per pod and window can be leased but left unused (the tenant then
 *    gets slightly fewer requests, never more: a lease only grants what the counter allows).
 * rate-limiter-flexible, used for login throttling, counts one command per request; leasing is
 * what makes the hot path free of Redis, so this small counter is written here.
 *
 * Redis is never a reason to fail a request: when it is down or slow the request is allowed
 * uncounted (logged once when Redis goes and once when it is back). Without Redis (one process)
 * the counter is this process's memory, exact.
 */
import type { Redis } from 'ioredis';
import { RateLimitedError } from '../errors.js';
import type { Logger } from '../observability/logger.js';
import { createOutageLog } from '../observability/outage-log.js';
import { redisCommand } from '../redis.js';

export const TENANT_RATE_KEY_PREFIX = 'tenant-rate';
export const TENANT_RATE_WINDOW_SECONDS = 60;
/** A Redis answer slower than this lets the request through uncounted. */
export const TENANT_RATE_REDIS_TIMEOUT_MS = 250;

export interface TenantRateLimiterOptions {
  redis?: Redis | undefined;
  /** Called once per refused request (metrics: dandori_rate_limit_rejections_total{limiter="tenant"}). */
  onReject: (tenantId: string) => void;
  logger: Pick<Logger, 'warn' | 'info'>;
  /** Clock (tests). */
  now?: () => number;
}

export interface TenantRateLimiter {
  /** Counts one request of `tenantId`; throws RateLimitedError (429 + Retry-After) over `perMinute`. */
  consume(tenantId: string, perMinute: number): Promise<void>;
  readonly shared: boolean;
}

/** This pod's view of one tenant's current window. */
interface WindowState {
  window: number;
  /** Points leased from the shared counter and not handed out yet (or, without Redis, the count). */
  tokens: number;
  /** The shared counter reached the budget: nothing more to lease this window. */
  exhausted: boolean;
  /** Requests this pod served in the window, to size the next lease. */
  served: number;
  lease: Promise<void> | undefined;
}

const WINDOW_MS = TENANT_RATE_WINDOW_SECONDS * 1000;

/** INCRBY that also gives a new window's key its expiry; returns the counter after the increment. */
const LEASE_SCRIPT = `
local total = redis.call('INCRBY', KEYS[1], ARGV[1])
if total == tonumber(ARGV[1]) then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return total`;

export const rateKey = (tenantId: string, window: number) => `${TENANT_RATE_KEY_PREFIX}:${tenantId}:${window}`;

export function createTenantRateLimiter({ redis, onReject, logger, now = Date.now }: TenantRateLimiterOptions): TenantRateLimiter {
  const states = new Map<string, WindowState>();
  const outage = createOutageLog(logger, 'redis', 'tenant rate limit', 'requests are allowed without counting');

  const stateOf = (tenantId: string, window: number): WindowState => {
    let state = states.get(tenantId);
    if (!state || state.window !== window) {
      state = { window, tokens: 0, exhausted: false, served: 0, lease: undefined };
      states.set(tenantId, state);
    }
    return state;
  };

  const leaseSize = (state: WindowState, perMinute: number): number => {
    const elapsedSeconds = Math.max(1, (now() - state.window * WINDOW_MS) / 1000);
    const perSecond = Math.ceil(state.served / elapsedSeconds);
    const smallest = Math.floor(perMinute / 1000);
    const largest = Math.max(1, Math.floor(perMinute / 100));
    return Math.min(largest, Math.max(1, smallest, perSecond));
  };

  /** Takes `size` points from the shared counter; grants what is left of the budget. */
  const lease = async (tenantId: string, state: WindowState, perMinute: number): Promise<void> => {
    const size = leaseSize(state, perMinute);
    try {
      const total = Number(await redisCommand(redis, TENANT_RATE_REDIS_TIMEOUT_MS, (r) => r.eval(LEASE_SCRIPT, 1, rateKey(tenantId, state.window), size, WINDOW_MS * 2)));
      outage.up();
      state.tokens += Math.max(0, size - Math.max(0, total - perMinute));
      if (total >= perMinute) state.exhausted = true;
    } catch (error) {
      outage.down(error);
      state.tokens += size; // allowed uncounted: Redis is never a reason to refuse
    }
  };

  const refuse = (tenantId: string, window: number, perMinute: number): never => {
    const retryAfterSeconds = Math.max(1, Math.ceil(((window + 1) * WINDOW_MS - now()) / 1000));
    onReject(tenantId);
    throw new RateLimitedError(retryAfterSeconds, `Your organisation is over its limit of ${perMinute} requests per minute; try again in ${retryAfterSeconds} s`);
  };

  const consumeLocally = (tenantId: string, budget: number) => {
    const window = Math.floor(now() / WINDOW_MS);
    const state = stateOf(tenantId, window);
    if (state.tokens >= budget) refuse(tenantId, window, budget);
    state.tokens++;
  };

  return {
    shared: !!redis,
    async consume(tenantId, perMinute) {
      const budget = Math.max(1, Math.floor(perMinute));
      if (!redis) return consumeLocally(tenantId, budget);
      const window = Math.floor(now() / WINDOW_MS);
      const state = stateOf(tenantId, window);
      // A burst may drain a lease before the waiters get their point: lease again until the
      // counter says the budget is spent.
      while (state.tokens === 0) {
        if (state.exhausted) refuse(tenantId, window, budget);
        await (state.lease ??= lease(tenantId, state, budget).finally(() => (state.lease = undefined)));
      }
      state.tokens--;
      state.served++;
      // Fetch the next block before this one runs out, so requests never wait for Redis. (Not
      // for budgets counted point by point: a point leased ahead would sit unused on this pod.)
      const size = leaseSize(state, budget);
      if (size > 1 && !state.exhausted && !state.lease && state.tokens < size / 2) {
        state.lease = lease(tenantId, state, budget).finally(() => (state.lease = undefined));
      }
    },
  };
}
