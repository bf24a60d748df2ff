/**
 * Where sessions live: Redis when REDIS_URL is set (so a session revoked on one pod is revoked on
 * every pod), in process memory on the embedded default. Keys start with the tenant.
 * A session holds only hashes: of its current refresh secret and of the one it replaced
 * (`previousHash`, to tell a replayed old token from a merely wrong one). Rotation is atomic, so two
 * pods refreshing with the same token cannot both succeed.
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
  /**
   * The hash `refreshHash` replaced at the last rotation; absent before the first one (and on
   * sessions stored before it was kept, which simply cannot detect reuse until they rotate once).
   */
  previousHash?: string;
  /** Epoch ms after which the refresh token no longer works. */
  expiresAt: number;
}

/**
 * `rotated`: the presented hash was the current one, now replaced. `reused`: it was the previous one
 * (a token already rotated away is back: it leaked, or two refreshes raced). `mismatch`: neither —
 * a wrong or forged secret, which says nothing about the session's owner. `missing`: no session.
 */
export type RotateOutcome = 'rotated' | 'reused' | 'mismatch' | 'missing';

export interface SessionStore {
  create(record: SessionRecord): Promise<void>;
  get(tenantId: string, sessionId: string): Promise<SessionRecord | null>;
  /** Replaces the refresh hash with `nextHash` only if the current one is `presentedHash` (which becomes `previousHash`). */
  rotate(tenantId: string, sessionId: string, presentedHash: string, nextHash: string): Promise<RotateOutcome>;
  revoke(tenantId: string, sessionId: string): Promise<void>;
  /** Revokes every session of a user (role change, deactivation); returns their ids. */
  revokeAllForUser(tenantId: string, userId: string): Promise<string[]>;
}

const sessionKey = (tenantId: string, sessionId: string) => `${tenantId}:session:${sessionId}`;
const userIndexKey = (tenantId: string, userId: string) => `${tenantId}:user-sessions:${userId}`;

/** One script, so the comparison and both writes happen as one step for every pod. */
const ROTATE_SCRIPT = `
local hashes = redis.call('HMGET', KEYS[1], 'refreshHash', 'previousHash')
local current, previous = hashes[1], hashes[2]
if not current then return -1 end
if current == ARGV[1] then
  redis.call('HSET', KEYS[1], 'refreshHash', ARGV[2], 'previousHash', ARGV[1])
  return 1
end
if previous and previous == ARGV[1] then return 2 end
return 0`;
const ROTATE_OUTCOMES: Record<number, RotateOutcome> = { [-1]: 'missing', 0: 'mismatch', 1: 'rotated', 2: 'reused' };

/** What a presented hash is to a session: the memory store's half of ROTATE_SCRIPT. */
export function classifyRefreshHash(record: Pick<SessionRecord, 'refreshHash' | 'previousHash'>, presentedHash: string): 'current' | 'previous' | 'wrong' {
  if (record.refreshHash === presentedHash) return 'current';
  return record.previousHash !== undefined && record.previousHash === presentedHash ? 'previous' : 'wrong';
}

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
      // Absent fields stay absent (ioredis would store `undefined` as an empty string).
      const fields = Object.fromEntries(Object.entries({ ...record, expiresAt: String(record.expiresAt) }).filter(([, value]) => value !== undefined));
      await redis
        .multi()
        .hset(sessionKey(record.tenantId, record.sessionId), fields)
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
    async rotate(tenantId, sessionId, presentedHash, nextHash) {
      const result = (await redis.eval(ROTATE_SCRIPT, 1, sessionKey(tenantId, sessionId), presentedHash, nextHash)) as number;
      return ROTATE_OUTCOMES[result] ?? 'missing';
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
    async rotate(tenantId, sessionId, presentedHash, nextHash) {
      const record = live(sessionKey(tenantId, sessionId));
      if (!record) return 'missing';
      const presented = classifyRefreshHash(record, presentedHash);
      if (presented === 'previous') return 'reused';
      if (presented === 'wrong') return 'mismatch';
      record.previousHash = presentedHash;
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
