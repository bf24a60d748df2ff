/**
 * Redis connections, created once at start-up when REDIS_URL is set: one for commands (sessions,
 * throttling, cache, rate limits), and a publisher and a subscriber of their own for pub/sub
 * (src/pubsub/pubsub.ts) — a subscribed connection can do nothing else.
 *
 * Redis is never allowed to hold a request: `redisCommand` refuses at once while the connection is
 * not ready and gives up after a timeout, and every caller has an answer for "Redis unavailable"
 * (serve uncached, allow uncounted, trust a valid token, or 503 for sign-in).
 */
import { createRequire } from 'node:module';
import type { Redis } from 'ioredis';

// ioredis (CommonJS, so require() returns the very module an import would) is loaded when the
// first connection is made: loading it is a sizeable part of a start, and the embedded default,
// without REDIS_URL, never connects.
const require = createRequire(import.meta.url);

/** Longest any single command may take before the caller treats Redis as unavailable. */
export const REDIS_COMMAND_TIMEOUT_MS = 1_000;

export function createRedis(url: string, name: string): Redis {
  const { Redis: RedisClient } = require('ioredis') as typeof import('ioredis');
  return new RedisClient(url, {
    connectionName: `dandori-${name}`,
    // Fail commands fast while disconnected instead of queueing them for minutes.
    maxRetriesPerRequest: 2,
    connectTimeout: 2_000,
    commandTimeout: name === 'subscriber' ? undefined : REDIS_COMMAND_TIMEOUT_MS,
    enableOfflineQueue: true,
    lazyConnect: false,
  });
}

export class RedisUnavailable extends Error {}

/** Runs `run` on a ready connection within `timeoutMs`, else rejects with RedisUnavailable. */
export async function redisCommand<T>(redis: Redis | undefined, timeoutMs: number, run: (redis: Redis) => Promise<T>): Promise<T> {
  if (!redis || redis.status !== 'ready') throw new RedisUnavailable(`Redis is ${redis?.status ?? 'not configured'}`);
  let timer: NodeJS.Timeout | undefined;
  const pending = run(redis);
  try {
    return await Promise.race([
      pending,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new RedisUnavailable(`Redis did not answer within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
  } catch (error) {
    pending.catch(() => {}); // a late failure after the timeout must not be unhandled
    throw error;
  } finally {
    clearTimeout(timer);
  }
}
