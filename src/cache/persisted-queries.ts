/**
 * Where Automatic Persisted Queries (APQ) keep the documents they know by SHA-256: Redis when
 * REDIS_URL is set, so a hash registered through one pod is a hit on every other pod (and the
 * client sends only the hash, which also makes GET URLs short enough for a CDN); otherwise
 * Apollo's bounded in-memory LRU (the embedded default has one process).
 *
 * Documents are content-addressed, so an entry can never be stale; the TTL (APQ_TTL_SECONDS)
 * only bounds how much a stream of one-off documents can make Redis hold. A document that has
 * expired costs its client one round trip: the server answers PERSISTED_QUERY_NOT_FOUND and the
 * client (Apollo's persisted-queries link) sends the full document again, which registers it.
 *
 * A Redis failure or a reply slower than REDIS_TIMEOUT_MS reads as a miss, with the same
 * one-round-trip cost, never as a failed request. Apollo prefixes every key with `apq:`; we add
 * `dandori:` so the keys say whose they are: `dandori:apq:<sha256>`.
 */
import { InMemoryLRUCache, type KeyValueCache, type KeyValueCacheSetOptions } from '@apollo/utils.keyvaluecache';
import type { Redis } from 'ioredis';
import type { Logger } from '../observability/logger.js';
import { REDIS_TIMEOUT_MS } from './cache.js';

export const PERSISTED_QUERY_KEY_PREFIX = 'dandori:';

export function createPersistedQueryCache(redis: Redis | undefined, logger: Pick<Logger, 'warn'>): KeyValueCache<string> {
  return redis ? new RedisDocumentCache(redis, logger) : new InMemoryLRUCache<string>();
}

class RedisDocumentCache implements KeyValueCache<string> {
  private lastWarning = 0;

  constructor(
    private readonly redis: Redis,
    private readonly logger: Pick<Logger, 'warn'>,
  ) {}

  async get(key: string): Promise<string | undefined> {
    try {
      return (await this.withTimeout(this.redis.get(PERSISTED_QUERY_KEY_PREFIX + key))) ?? undefined;
    } catch (error) {
      this.warn(error);
      return undefined;
    }
  }

  async set(key: string, value: string, options?: KeyValueCacheSetOptions): Promise<void> {
    const fullKey = PERSISTED_QUERY_KEY_PREFIX + key;
    try {
      const ttl = options?.ttl;
      await this.withTimeout(ttl ? this.redis.set(fullKey, value, 'EX', ttl) : this.redis.set(fullKey, value));
    } catch (error) {
      this.warn(error);
    }
  }

  async delete(key: string): Promise<boolean> {
    return (await this.redis.del(PERSISTED_QUERY_KEY_PREFIX + key)) > 0;
  }

  private async withTimeout<T>(command: Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    try {
      return await Promise.race([
        command,
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`Redis did not answer within ${REDIS_TIMEOUT_MS} ms`)), REDIS_TIMEOUT_MS);
        }),
      ]);
    } finally {
      clearTimeout(timer);
    }
  }

  private warn(error: unknown) {
    // An outage would otherwise log on every request.
    if (Date.now() - this.lastWarning < 10_000) return;
    this.lastWarning = Date.now();
    this.logger.warn({ err: error }, 'persisted query cache: Redis unavailable, treating lookups as misses');
  }
}
