/**
 * The whole-result cache: the already serialized response of a read whose answer depends only on
 * the tenant (or the role, or the user — sharing-table.ts decides), keyed by
 *   tenant · the generations of the cache classes it reads · role/user where it depends on them
 *   · the normalized operation · its variables,
 * and answered on a hit without Apollo, resolvers or SQL (server/cached-response.ts). A write of
 * the tenant bumps the generations of what it changed on every pod (invalidation.ts), so the next
 * request computes a key nobody has filled: entries are never deleted, they age out.
 *
 * Two layers as for every cache here: this process's LRU (bounded by bytes), then Redis (shared
 * by all pods; a local miss costs one GET). An entry lives no longer than the shortest TTL of its
 * classes, nor than the shortest-lived cached value it was built from (the dashboard's
 * `generatedAt` bounds how long "overdue" may lag behind the clock).
 *
 * Plans — what the sharing table says about one operation text — are worked out once per
 * document by the Apollo plugin and remembered by the text (and the APQ hash), so a hit never
 * parses or validates: a text is only ever planned after Apollo parsed and validated it.
 */
import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import { LRUCache } from 'lru-cache';
import type { Viewer } from '../auth/viewer.js';
import type { Logger } from '../observability/logger.js';
import type { Metrics } from '../observability/metrics.js';
import { createOutageLog } from '../observability/outage-log.js';
import { redisCommand } from '../redis.js';
import { CACHE_TTL_MS, type Cache } from './cache.js';
import type { SharingPlan } from './sharing.js';

/** Bump when what an entry holds changes, so pods of two releases never share entries. */
export const RESPONSE_FORMAT_VERSION = 2; // 2: the entry keeps when it was stored; fills wait for the replica
export const MAX_RESPONSE_BYTES = 64 * 1024 * 1024;
/** Distinct operation texts remembered (by their length). */
export const MAX_PLAN_BYTES = 8 * 1024 * 1024;
/** Results larger than this are not cached (a page of 100 tasks is ~40 KB). */
export const MAX_CACHED_RESULT_BYTES = 512 * 1024;
export const RESPONSE_REDIS_TIMEOUT_MS = 250;

export interface ResponsePlan {
  /** The operation's name as resolved, for logs and metrics (null when anonymous). */
  operationName: string | null;
  sharing: SharingPlan;
  /** Identifies the operation whatever its whitespace and comments. */
  documentKey: string;
  /** The longest its result may be cached: the shortest TTL of its classes. */
  ttlMs: number;
}

/** A stored answer: its body, when it was stored and when it expires (epoch ms; HTTP `Age`, `max-age`). */
export interface CachedResult {
  body: string;
  storedAt: number;
  expiresAt: number;
}

/** Where an answer may be stored, and the log position what it is built from must include. */
export interface ResultKey {
  key: string;
  position: number;
}

export interface ResponseCache {
  /** The plan of an operation text seen before (or of an APQ hash, as `apq:<sha256>`). */
  planFor(source: string, operationName: string | null | undefined): ResponsePlan | undefined;
  rememberPlan(source: string, operationName: string | null | undefined, plan: ResponsePlan): void;
  /**
   * The entry key of `plan` for `viewer` and `variables` now, and the log position of its
   * generations (a fill must read at least that far: db/request-db.ts `requirePosition`);
   * undefined when it must not be cached.
   */
  keyFor(plan: ResponsePlan, viewer: Viewer | null, variables: unknown): Promise<ResultKey | undefined>;
  get(key: string): Promise<CachedResult | undefined>;
  set(key: string, body: string, ttlMs: number): void;
}

export interface ResponseCacheOptions {
  cache: Pick<Cache, 'generationsOf'>;
  redis?: Redis | undefined;
  metrics: Pick<Metrics, 'recordCacheLookup'>;
  logger: Logger;
  maxBytes?: number;
}

/** A plan from the sharing analysis of one operation. */
export function responsePlan(sharing: SharingPlan, printedOperation: string, operationName: string | null): ResponsePlan {
  const ttlMs = sharing.classes.length ? Math.min(...sharing.classes.map((c) => CACHE_TTL_MS[c])) : CACHE_TTL_MS.master;
  const documentKey = createHash('sha256').update(`${operationName ?? ''}\n${printedOperation}`).digest('base64url');
  return { operationName, sharing, documentKey, ttlMs };
}

const planKey = (source: string, operationName: string | null | undefined) => `${operationName ?? ''}\u0000${source}`;

export function createResponseCache({ cache, redis, metrics, logger, maxBytes = MAX_RESPONSE_BYTES }: ResponseCacheOptions): ResponseCache {
  const plans = new LRUCache<string, ResponsePlan>({ maxSize: MAX_PLAN_BYTES, sizeCalculation: (_plan, key) => key.length + 200 });
  const local = new LRUCache<string, CachedResult>({ maxSize: maxBytes, sizeCalculation: (entry, key) => entry.body.length + key.length + 32 });
  const outage = createOutageLog(logger, 'redis', 'response cache', 'results are cached on this pod only');

  /** Redis keys start with the tenant like every other key; the rest is hashed to a fixed length. */
  const sharedKey = (key: string) => `${key.slice(0, key.indexOf(':'))}:cache:response:v${RESPONSE_FORMAT_VERSION}:${createHash('sha256').update(key).digest('base64url')}`;

  return {
    planFor: (source, operationName) => plans.get(planKey(source, operationName)),
    rememberPlan: (source, operationName, plan) => void plans.set(planKey(source, operationName), plan),

    async keyFor(plan, viewer, variables) {
      const { sharing } = plan;
      if (!sharing.cacheable || !viewer || sharing.depends === 'none') return undefined;
      const gens = await cache.generationsOf(viewer.tenantId, sharing.classes);
      if (gens === undefined) return undefined;
      const who = sharing.depends === 'user' ? `u=${viewer.userId}` : sharing.depends === 'role' ? `r=${viewer.role}` : 't';
      return {
        key: `${viewer.tenantId}:v${RESPONSE_FORMAT_VERSION}.${gens.generations}:${who}:${plan.documentKey}:${variables ? JSON.stringify(variables) : '{}'}`,
        position: gens.position,
      };
    },

    async get(key) {
      const hit = local.get(key);
      if (hit !== undefined || !redis) {
        metrics.recordCacheLookup('response', hit !== undefined);
        return hit;
      }
      let shared: string | null = null;
      try {
        shared = await redisCommand(redis, RESPONSE_REDIS_TIMEOUT_MS, (r) => r.get(sharedKey(key)));
        outage.up();
      } catch (error) {
        outage.down(error);
      }
      // `<expiresAt> <storedAt>\n<body>`
      const newline = shared?.indexOf('\n') ?? -1;
      const [expiresAt, storedAt] = shared && newline > 0 ? shared.slice(0, newline).split(' ').map(Number) : [];
      const ttl = expiresAt! - Date.now();
      if (!shared || !(ttl > 0) || !(storedAt! > 0)) {
        metrics.recordCacheLookup('response', false);
        return undefined;
      }
      const entry = { body: shared.slice(newline + 1), storedAt: storedAt!, expiresAt: expiresAt! };
      local.set(key, entry, { ttl });
      metrics.recordCacheLookup('response', true);
      return entry;
    },

    set(key, body, ttl) {
      const ttlMs = Math.floor(ttl); // PX takes whole milliseconds
      if (!(ttlMs > 0) || body.length > MAX_CACHED_RESULT_BYTES) return;
      const storedAt = Date.now();
      local.set(key, { body, storedAt, expiresAt: storedAt + ttlMs }, { ttl: ttlMs });
      if (!redis) return;
      const value = `${storedAt + ttlMs} ${storedAt}\n${body}`;
      void redisCommand(redis, RESPONSE_REDIS_TIMEOUT_MS, (r) => r.set(sharedKey(key), value, 'PX', ttlMs)).then(
        () => outage.up(),
        (error: unknown) => outage.down(error),
      );
    },
  };
}
