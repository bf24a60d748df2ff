/**
 * Where sessions live: Redis when REDIS_URL is set (so a session revoked on one pod is revoked on
 * every pod), in process memory on the embedded default. Keys start with the tenant.
 * A session holds only a hash of its current refresh token; rotation is atomic, so two pods
 * refreshing with the same token cannot both succeed.
 *
 * The Redis store fails fast: while the connection is not ready, or a command does not answer
 * within its timeout, calls reject with SERVICE_UNAVAILABLE (503, retryable) instead of queueing.
 * Requests are not asked to wait for Redis on every call: see session-liveness.ts.
 */
import type { Redis } from 'ioredis';
import { LRUCache } from 'lru-cache';
import { ServiceUnavailableError } from '../errors.js';
import type { Role } from '../generated/prisma/enums.js';

export interface SessionRecord {
  sessionId: string;
  tenantId: string;
  userId: string;
  role: Role;
  refreshHash: string;
  /** Epoch ms after which the refresh token no longer works. */
  expiresAt: number;
}

export type RotateOutcome = 'rotated' | 'mismatch' | 'missing';

export interface SessionStore {
  create(record: SessionRecord): Promise<void>;
  get(tenantId: string, sessionId: string): Promise<SessionRecord | null>;
  /** Replaces the refresh hash only if the current one is `expectedHash`. */
  rotate(tenantId: string, sessionId: string, expectedHash: string, nextHash: string): Promise<RotateOutcome>;
  revoke(tenantId: string, sessionId: string): Promise<void>;
  /** Revokes every session of a user (role change, deactivation); returns their ids. */
  revokeAllForUser(tenantId: string, userId: string): Promise<string[]>;
}

const sessionKey = (tenantId: string, sessionId: string) => `${tenantId}:session:${sessionId}`;
const userIndexKey = (tenantId: string, userId: string) => `${tenantId}:user-sessions:${userId}`;

const ROTATE_SCRIPT = `
local current = redis.call('HGET', KEYS[1], 'refreshHash')
if not current then return -1 end
if current ~= ARGV[1] then return 0 end
redis.call('HSET', KEYS[1], 'refreshHash', ARGV[2])
return 1`;

/** Runs `work` only on a ready connection, and turns any Redis failure into a retryable 503. */
async function available<T>(redis: Redis, work: () => Promise<T>): Promise<T> {
  if (redis.status !== 'ready') throw new ServiceUnavailableError('Sessions are unavailable (Redis is not connected); try again shortly');
  try {
    return await work();
  } catch (error) {
    throw new ServiceUnavailableError('Sessions are unavailable (Redis did not answer); try again shortly', { originalError: error as Error });
  }
}

export function createRedisSessionStore(redis: Redis): SessionStore {
  const store: SessionStore = {
    async create(record) {
      const ttlMs = Math.max(1, record.expiresAt - Date.now());
      const indexKey = userIndexKey(record.tenantId, record.userId);
      await redis
        .multi()
        .hset(sessionKey(record.tenantId, record.sessionId), { ...record, expiresAt: String(record.expiresAt) })
        .pexpire(sessionKey(record.tenantId, record.sessionId), ttlMs)
        .sadd(indexKey, record.sessionId)
        .pexpire(indexKey, ttlMs)
        .exec();
    },
    async get(tenantId, sessionId) {
      const hash = await redis.hgetall(sessionKey(tenantId, sessionId));
      if (!hash.sessionId) return null;
      return { ...(hash as unknown as SessionRecord), expiresAt: Number(hash.expiresAt) };
    },
    async rotate(tenantId, sessionId, expectedHash, nextHash) {
      const result = (await redis.eval(ROTATE_SCRIPT, 1, sessionKey(tenantId, sessionId), expectedHash, nextHash)) as number;
      return result === 1 ? 'rotated' : result === 0 ? 'mismatch' : 'missing';
    },
    async revoke(tenantId, sessionId) {
      const userId = await redis.hget(sessionKey(tenantId, sessionId), 'userId');
      const tx = redis.multi().del(sessionKey(tenantId, sessionId));
      if (userId) tx.srem(userIndexKey(tenantId, userId), sessionId);
      await tx.exec();
    },
    async revokeAllForUser(tenantId, userId) {
      const ids = await redis.smembers(userIndexKey(tenantId, userId));
      if (ids.length === 0) return [];
      await redis.del(...ids.map((id) => sessionKey(tenantId, id)), userIndexKey(tenantId, userId));
      return ids;
    },
  };
  const guarded = {} as SessionStore;
  for (const [name, method] of Object.entries(store) as [keyof SessionStore, (...args: unknown[]) => Promise<unknown>][]) {
    (guarded as unknown as Record<string, unknown>)[name] = (...args: unknown[]) => available(redis, () => method(...args));
  }
  return guarded;
}

/** The in-process store, which can also list what it holds (to keep it in a file: file-session-store.ts). */
export interface MemorySessionStore extends SessionStore {
  /** Copies of the live (unexpired) sessions. */
  records(): SessionRecord[];
}

/** Single-process store for the embedded default; bounded so it cannot grow without limit. */
export function createMemorySessionStore(maxSessions = 100_000): MemorySessionStore {
  const sessions = new LRUCache<string, SessionRecord>({ max: maxSessions, ttlAutopurge: false });
  const live = (key: string) => {
    const record = sessions.get(key);
    if (record && record.expiresAt <= Date.now()) {
      sessions.delete(key);
      return undefined;
    }
    return record;
  };
  return {
    async create(record) {
      sessions.set(sessionKey(record.tenantId, record.sessionId), { ...record });
    },
    async get(tenantId, sessionId) {
      const record = live(sessionKey(tenantId, sessionId));
      return record ? { ...record } : null;
    },
    async rotate(tenantId, sessionId, expectedHash, nextHash) {
      const record = live(sessionKey(tenantId, sessionId));
      if (!record) return 'missing';
      if (record.refreshHash !== expectedHash) return 'mismatch';
      record.refreshHash = nextHash;
      return 'rotated';
    },
    async revoke(tenantId, sessionId) {
      sessions.delete(sessionKey(tenantId, sessionId));
    },
    async revokeAllForUser(tenantId, userId) {
      const ids: string[] = [];
      for (const [key, record] of sessions.entries()) {
        if (record.tenantId === tenantId && record.userId === userId && sessions.delete(key)) ids.push(record.sessionId);
      }
      return ids;
    },
    records() {
      const now = Date.now();
      return [...sessions.values()].filter((record) => record.expiresAt > now).map((record) => ({ ...record }));
    },
  };
}
