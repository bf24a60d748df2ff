/**
 * The gateway limits each tenant's rate: every authenticated HTTP GraphQL request consumes one
 * point of its tenant's budget, `Tenant.rateLimitPerMinute` points per fixed 60-second window.
 * Over the budget the request is refused with RATE_LIMITED (HTTP 429, `Retry-After`).
 *
 * Counters live in Redis when configured, so every pod shares one budget per tenant; in memory
 * otherwise (one process). The key is the tenant id (`tenant-rate:<tenantId>`): one counter per
 * tenant, whatever its limit. One limiter object per distinct per-minute value (plans have few),
 * created lazily and bounded.
 *
 * Redis is never a reason to fail a request: when it is down, slow or erroring the request is
 * allowed (and a warning is logged now and then).
 */
import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { RateLimitedError } from '../errors.js';
import type { Logger } from '../observability/logger.js';

export const TENANT_RATE_KEY_PREFIX = 'tenant-rate';
export const TENANT_RATE_WINDOW_SECONDS = 60;
/** More distinct limits than this and the least recently created limiter is dropped. */
export const MAX_TENANT_RATE_LIMITERS = 64;
/** A Redis answer slower than this lets the request through. */
export const TENANT_RATE_REDIS_TIMEOUT_MS = 250;

export interface TenantRateLimiterOptions {
  redis?: Redis | undefined;
  /** Called once per refused request (metrics: dandori_rate_limit_rejections_total{limiter="tenant"}). */
  onReject: (tenantId: string) => void;
  logger?: Pick<Logger, 'warn'> | undefined;
}

export interface TenantRateLimiter {
  /** Counts one request of `tenantId`; throws RateLimitedError (429 + Retry-After) over `perMinute`. */
  consume(tenantId: string, perMinute: number): Promise<void>;
  readonly shared: boolean;
}

class RedisTimeout extends Error {}

export function createTenantRateLimiter({ redis, onReject, logger }: TenantRateLimiterOptions): TenantRateLimiter {
  const limiters = new Map<number, RateLimiterAbstract>();
  let lastWarning = 0;

  const limiterFor = (points: number): RateLimiterAbstract => {
    let limiter = limiters.get(points);
    if (!limiter) {
      const options = { keyPrefix: TENANT_RATE_KEY_PREFIX, points, duration: TENANT_RATE_WINDOW_SECONDS };
      limiter = redis
        ? new RateLimiterRedis({ ...options, storeClient: redis, rejectIfRedisNotReady: true })
        : new RateLimiterMemory(options);
      if (limiters.size >= MAX_TENANT_RATE_LIMITERS) limiters.delete(limiters.keys().next().value!);
      limiters.set(points, limiter);
    }
    return limiter;
  };

  const warn = (err: unknown, tenantId: string) => {
    // A Redis outage would log on every request otherwise.
    if (Date.now() - lastWarning < 10_000) return;
    lastWarning = Date.now();
    logger?.warn({ err, tenantId }, 'tenant rate limit: counter unavailable, request allowed');
  };

  async function withTimeout<T>(promise: Promise<T>): Promise<T> {
    if (!redis) return promise;
    let timer: NodeJS.Timeout | undefined;
    try {
      return await Promise.race([
        promise,
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new RedisTimeout(`Redis did not answer within ${TENANT_RATE_REDIS_TIMEOUT_MS} ms`)), TENANT_RATE_REDIS_TIMEOUT_MS);
        }),
      ]);
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    shared: !!redis,
    async consume(tenantId, perMinute) {
      const points = Math.max(1, Math.floor(perMinute));
      const pending = limiterFor(points).consume(tenantId);
      try {
        await withTimeout(pending);
      } catch (error) {
        if (error instanceof RateLimiterRes) {
          const retryAfterSeconds = Math.max(1, Math.ceil(error.msBeforeNext / 1000));
          onReject(tenantId);
          throw new RateLimitedError(retryAfterSeconds, `Your organisation is over its limit of ${points} requests per minute; try again in ${retryAfterSeconds} s`);
        }
        pending.catch(() => undefined); // a late answer after a timeout must not be unhandled
        warn(error, tenantId);
      }
    },
  };
}
