/**
 * The two-layer cache of the cache classes (docs/architecture.md, "Caching"), created once at
 * start-up (Dependencies.cache):
 *  - layer 1: this process's LRU (bounded entries, TTL per class), holding decoded values;
 *  - layer 2: Redis when REDIS_URL is set (GET/SET PX with the class TTL), shared by every pod.
 *
 * Keys: `<tenantId>:cache:<class>:v<format>.<generation>:<key>`. The tenant is a required,
 * separate argument and always comes first; it is never derived from `key`.
 *
 * Invalidation is by generation: every (tenant, class) has a counter, in Redis at
 * `<tenantId>:cache:<class>:gen`, that is part of every key of that class. A write bumps it (INCR:
 * atomic, no SCAN/DEL) before its live event is published (see invalidation.ts), so every later
 * read on every pod computes keys nobody has filled yet; old entries just age out. Each pod keeps
 * a copy of the generation for a few seconds and forgets it when it hears of a write.
 * Without Redis (one process) the generation lives only here.
 *
 * A generation also carries a log position (`<tenantId>:cache:<class>:gen-position`, written with
 * the INCR by one script, never lowered): where the writer's log stood after the newest write
 * that bumped it. A fill under that generation must see at least that much, so `load` is given
 * the position and reads from a replica only if the replica has applied it (db/request-db.ts
 * `requirePosition`); otherwise a lagging replica would store the old rows under the new
 * generation until the entry expires (docs/caching.md).
 *
 * Redis is an optimisation, never a dependency: when it is not ready, slow or failing, a lookup
 * degrades to an uncached load (a miss) and the request still gets the right answer.
 */
import { LRUCache } from 'lru-cache';
import type { Redis } from 'ioredis';
import { assertUuid } from '../uuid.js';
import type { Logger } from '../observability/logger.js';
import { createOutageLog } from '../observability/outage-log.js';
import { redisCommand } from '../redis.js';
import type { CacheClass, Metrics } from '../observability/metrics.js';

/** The classes with a TTL ('response' counts whole results, src/cache/response-cache.ts). */
export type CachedClass = Exclude<CacheClass, 'response'>;

export const CACHE_TTL_MS: Record<CachedClass, number> = {
  master: 60 * 60_000,
  user_list: 5 * 60_000,
  dashboard: 60_000,
};

/** Bump when the shape of any cached value changes, so pods of two releases never share entries. */
export const CACHE_FORMAT_VERSION = 2; // 2: fills wait for the replica to apply the generation's position
/** How long a pod trusts its copy of a generation without hearing of a write (lost pub/sub messages). */
export const GENERATION_TTL_MS = 5_000;
/** A Redis command slower than this counts as failed: the request loads without the cache. */
export const REDIS_TIMEOUT_MS = 250;
export const MAX_LOCAL_ENTRIES = 10_000;

/** How a value becomes plain JSON data and back (e.g. ISO strings back into Dates). */
export interface Codec<T> {
  encode(value: T): unknown;
  decode(data: unknown): T;
}

export interface GetOrLoadOptions<T> {
  /** Default: the value is plain JSON data already. */
  codec?: Codec<T>;
  /**
   * Told when the value returned expires (epoch ms): a result built from several cached values
   * (the whole-result cache) must not outlive the shortest-lived of them.
   */
  onExpiry?: (expiresAt: number) => void;
}

export interface Cache {
  /**
   * The cached value of `key` in `tenantId`'s `cacheClass`, or `load(position)`'s result, then
   * cached. `position` is the log position of the generation it will be stored under: what
   * `load` reads must include every write up to it (0: no constraint). Concurrent misses of one
   * key in this process share one `load()`.
   */
  getOrLoad<T>(tenantId: string, cacheClass: CachedClass, key: string, load: (position: number) => Promise<T>, options?: GetOrLoadOptions<T>): Promise<T>;
  /**
   * A write changed `tenantId`'s `cacheClass`: bumps the generation in Redis (every pod's next
   * read misses) and here, with the writer's log `position` after the write's commit (0 when no
   * replica can lag). Resolves when done; never rejects.
   */
  invalidate(tenantId: string, cacheClass: CachedClass, position?: number): Promise<void>;
  /** Another pod invalidated (heard through pub/sub): forget this pod's copy of the generation, re-read it from Redis. */
  forgetGeneration(tenantId: string, cacheClass: CachedClass): void;
  /** Pub/sub was interrupted (invalidations may have been missed): forget every generation copy. */
  forgetGenerations(): void;
  /**
   * The current generations of `classes` for `tenantId`, as one key part (e.g. "3.0"), with the
   * highest of their log positions; undefined when they cannot be known (Redis unusable): then
   * nothing may be cached.
   */
  generationsOf(tenantId: string, classes: readonly CachedClass[]): Promise<{ generations: string; position: number } | undefined>;
  readonly shared: boolean;
}

export interface CacheOptions {
  redis?: Redis | undefined;
  metrics: Pick<Metrics, 'recordCacheLookup'>;
  logger: Logger;
  maxEntries?: number;
}

const json: Codec<any> = { encode: (value) => value, decode: (data) => data };

export const prefixOf = (tenantId: string, cacheClass: CachedClass) => `${tenantId}:cache:${cacheClass}`;
export const generationKey = (tenantId: string, cacheClass: CachedClass) => `${prefixOf(tenantId, cacheClass)}:gen`;
export const positionKey = (tenantId: string, cacheClass: CachedClass) => `${prefixOf(tenantId, cacheClass)}:gen-position`;

/** INCR of the generation and, in the same step, its position raised to ARGV[1] (never lowered). */
const BUMP_SCRIPT = `
local gen = redis.call('INCR', KEYS[1])
local position = tonumber(redis.call('GET', KEYS[2]) or '0')
if tonumber(ARGV[1]) > position then
  redis.call('SET', KEYS[2], ARGV[1])
  position = tonumber(ARGV[1])
end
return {gen, tostring(position)}`;

interface Generation {
  gen: number;
  position: number;
  until: number;
  epoch: number;
}

export function createCache({ redis, metrics, logger, maxEntries = MAX_LOCAL_ENTRIES }: CacheOptions): Cache {
  const local = new LRUCache<string, { value: unknown }>({ max: maxEntries, ttl: CACHE_TTL_MS.dashboard });
  const inflight = new Map<string, Promise<unknown>>();
  /** This pod's generations: authoritative without Redis, a short-lived copy with it. */
  const generations = new Map<string, Generation>();
  /** Bumped on every invalidation of a (tenant, class): a GET started before it must not be kept. */
  const epochs = new Map<string, number>();
  // One line when Redis goes and one when it is back, not one per request.
  const outage = createOutageLog(logger, 'redis', 'cache', 'requests are served uncached');
  const warn = (err: unknown) => outage.down(err);
  const command = <T>(run: (redis: Redis) => Promise<T>): Promise<T> =>
    redisCommand(redis, REDIS_TIMEOUT_MS, run).then((result) => {
      outage.up();
      return result;
    });

  const ORIGIN: Generation = { gen: 0, position: 0, until: Infinity, epoch: 0 };

  /** This pod's copy of a generation if it is fresh (always, without Redis), else undefined. */
  function knownGeneration(tenantId: string, cacheClass: CachedClass): Generation | undefined {
    const known = generations.get(`${tenantId}:${cacheClass}`);
    if (!redis) return known ?? ORIGIN;
    return known && known.until > Date.now() ? known : undefined;
  }

  /**
   * Reads the generations of `classes` from Redis in ONE round trip (MGET) and keeps copies;
   * undefined entries where Redis could not be asked.
   */
  async function refreshGenerations(tenantId: string, classes: readonly CachedClass[]): Promise<(Generation | undefined)[]> {
    const ids = classes.map((c) => `${tenantId}:${c}`);
    const epochsBefore = ids.map((id) => epochs.get(id) ?? 0);
    const values = await singleFlight(`gen:${ids.join(',')}`, async () => {
      try {
        // Generations and their positions in one MGET: a pair is always read as written.
        return await command((r) => r.mget(...classes.flatMap((c) => [generationKey(tenantId, c), positionKey(tenantId, c)])));
      } catch (err) {
        warn(err);
        return undefined;
      }
    });
    if (!values) return classes.map(() => undefined);
    return classes.map((_, i) => {
      const found: Generation = { gen: Number(values[2 * i] ?? 0), position: Number(values[2 * i + 1] ?? 0), until: Date.now() + GENERATION_TTL_MS, epoch: epochsBefore[i]! };
      // An invalidation that arrived while we asked may be newer than what Redis told us then.
      if ((epochs.get(ids[i]!) ?? 0) === epochsBefore[i]) generations.set(ids[i]!, found);
      return found;
    });
  }

  /** The current generation, or undefined when it cannot be known (Redis unusable): then bypass. */
  async function generation(tenantId: string, cacheClass: CachedClass): Promise<Generation | undefined> {
    return knownGeneration(tenantId, cacheClass) ?? (await refreshGenerations(tenantId, [cacheClass]))[0];
  }

  function singleFlight<T>(key: string, run: () => Promise<T>): Promise<T> {
    let pending = inflight.get(key) as Promise<T> | undefined;
    if (!pending) {
      pending = run().finally(() => inflight.delete(key));
      inflight.set(key, pending);
    }
    return pending;
  }

  const fullKey = (tenantId: string, cacheClass: CachedClass, gen: number, key: string) =>
    `${prefixOf(tenantId, cacheClass)}:v${CACHE_FORMAT_VERSION}.${gen}:${key}`;

  async function readShared(key: string): Promise<{ data: string; ttl: number } | undefined> {
    try {
      const results = await command((r) => r.pipeline().get(key).pttl(key).exec());
      const [[getError, data], [, ttl]] = results as [[Error | null, string | null], [Error | null, number]];
      if (getError) throw getError;
      return data === null ? undefined : { data, ttl: typeof ttl === 'number' && ttl > 0 ? ttl : 0 };
    } catch (err) {
      warn(err);
      return undefined;
    }
  }

  function writeShared(key: string, data: string, ttl: number): void {
    void command((r) => r.set(key, data, 'PX', ttl)).catch((err) => warn(err));
  }

  return {
    shared: !!redis,

    async getOrLoad<T>(tenantId: string, cacheClass: CachedClass, key: string, load: (position: number) => Promise<T>, options: GetOrLoadOptions<T> = {}) {
      assertUuid(tenantId, 'cache tenantId');
      const codec: Codec<T> = options.codec ?? json;
      const current = await generation(tenantId, cacheClass);
      if (current === undefined) {
        metrics.recordCacheLookup(cacheClass, false);
        options.onExpiry?.(Date.now()); // not cached: nothing built from it may be either
        return load(0);
      }
      const k = fullKey(tenantId, cacheClass, current.gen, key);
      const hit = local.get(k);
      if (hit) {
        metrics.recordCacheLookup(cacheClass, true);
        options.onExpiry?.(Date.now() + Math.floor(local.getRemainingTTL(k)));
        return hit.value as T;
      }
      let loaded = false;
      const value = await singleFlight(k, async () => {
        const ttl = CACHE_TTL_MS[cacheClass];
        if (redis) {
          const shared = await readShared(k);
          if (shared) {
            const decoded = codec.decode(JSON.parse(shared.data));
            local.set(k, { value: decoded }, { ttl: shared.ttl || ttl });
            return decoded;
          }
        }
        loaded = true;
        const data = JSON.stringify(codec.encode(await load(current.position)));
        // What a miss returns is exactly what a later hit returns: the value after a JSON round trip.
        const decoded = codec.decode(JSON.parse(data));
        local.set(k, { value: decoded }, { ttl });
        if (redis) writeShared(k, data, ttl);
        return decoded;
      });
      metrics.recordCacheLookup(cacheClass, !loaded);
      options.onExpiry?.(Date.now() + Math.floor(local.getRemainingTTL(k) || CACHE_TTL_MS[cacheClass]));
      return value;
    },

    async invalidate(tenantId, cacheClass, position = 0) {
      assertUuid(tenantId, 'cache tenantId');
      const id = `${tenantId}:${cacheClass}`;
      epochs.set(id, (epochs.get(id) ?? 0) + 1);
      if (!redis) {
        const before = generations.get(id) ?? ORIGIN;
        generations.set(id, { gen: before.gen + 1, position: Math.max(before.position, position), until: Infinity, epoch: 0 });
        return;
      }
      generations.delete(id);
      try {
        const [gen, stored] = (await command((r) => r.eval(BUMP_SCRIPT, 2, generationKey(tenantId, cacheClass), positionKey(tenantId, cacheClass), String(position)))) as [number, string];
        if (!generations.has(id)) generations.set(id, { gen: Number(gen), position: Number(stored), until: Date.now() + GENERATION_TTL_MS, epoch: epochs.get(id)! });
      } catch (err) {
        // Other pods may serve what they cached before this write until its TTL ends.
        logger.warn({ err, tenantId, cacheClass }, 'cache: invalidation not written to Redis');
      }
    },

    forgetGeneration(tenantId, cacheClass) {
      if (!redis) return; // one process: the writer has already bumped the only generation
      const id = `${tenantId}:${cacheClass}`;
      epochs.set(id, (epochs.get(id) ?? 0) + 1);
      generations.delete(id);
    },

    forgetGenerations() {
      if (!redis) return; // one process: the generations here are the only ones
      for (const id of generations.keys()) epochs.set(id, (epochs.get(id) ?? 0) + 1);
      generations.clear();
    },

    async generationsOf(tenantId, classes) {
      const gens = classes.map((c) => knownGeneration(tenantId, c));
      const stale = classes.filter((_, i) => gens[i] === undefined);
      if (stale.length) {
        const fresh = await refreshGenerations(tenantId, stale);
        for (let i = 0, j = 0; i < gens.length; i++) if (gens[i] === undefined) gens[i] = fresh[j++];
      }
      if (gens.some((g) => g === undefined)) return undefined;
      return { generations: gens.map((g) => g!.gen).join('.'), position: Math.max(0, ...gens.map((g) => g!.position)) };
    },

  };
}

/** A codec for a row (or null) whose `fields` are Dates (or null): ISO strings in JSON. */
export function dateFields<T extends object>(...fields: (keyof T & string)[]): Codec<T> {
  return {
    encode: (value) => value,
    decode: (data) => {
      const row = data as Record<string, unknown>;
      for (const field of fields) if (typeof row[field] === 'string') row[field] = new Date(row[field] as string);
      return row as T;
    },
  };
}

export function arrayOf<T>(item: Codec<T>): Codec<T[]> {
  return {
    encode: (values) => values.map((v) => item.encode(v)),
    decode: (data) => (data as unknown[]).map((d) => item.decode(d)),
  };
}

export function fieldsOf<T extends object>(codecs: { [K in keyof T]?: Codec<T[K]> }): Codec<T> {
  return {
    encode: (value) => {
      const out: Record<string, unknown> = { ...(value as Record<string, unknown>) };
      for (const [field, codec] of Object.entries(codecs) as [string, Codec<unknown>][]) out[field] = codec.encode(out[field]);
      return out;
    },
    decode: (data) => {
      const out = data as Record<string, unknown>;
      for (const [field, codec] of Object.entries(codecs) as [string, Codec<unknown>][]) out[field] = codec.decode(out[field]);
      return out as T;
    },
  };
}

export const dateCodec: Codec<Date> = { encode: (d) => d.toISOString(), decode: (s) => new Date(s as string) };
