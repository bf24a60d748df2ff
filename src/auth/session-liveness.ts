/**
 * Is this access token's session still live? Asked by every authenticated request, so it is
 * answered from this pod's memory whenever it can be, and kept in step with the shared session
 * store (Redis) through pub/sub:
 *  - a session this pod has seen live is trusted for LIVE_MARK_TTL_MS without asking Redis;
 *  - a revocation (logout, role change, deactivation, refresh-token reuse) is published to every
 *    pod (SESSIONS_REVOKED) the moment it is written, and each pod forgets the session at once, so
 *    revocation takes effect everywhere within the pub/sub latency (milliseconds), not the TTL;
 *  - when this pod's pub/sub subscription is interrupted it may have missed revocations, so it
 *    drops every live mark and asks Redis again (`forgetLive`).
 * While Redis cannot be asked (down, slow), a request with a valid access token is let through:
 * a session revoked in the last moments may then keep working until its access token expires
 * (ACCESS_TOKEN_TTL_SECONDS, 15 minutes). That trade-off keeps reads up during a Redis outage; it
 * is logged once when Redis goes and once when it comes back.
 * Without Redis (one process, memory store) the store itself is memory: it is asked every time.
 */
import { LRUCache } from 'lru-cache';
import type { OutageLog } from '../observability/outage-log.js';
import type { SessionStore } from './session-store.js';
import type { Viewer } from './viewer.js';

/** How long a pod trusts a session it saw live without asking the store again. */
export const LIVE_MARK_TTL_MS = 60_000;
export const MAX_MARKED_SESSIONS = 200_000;

export interface SessionLiveness {
  /** True when the viewer's session exists and belongs to the viewer. */
  isLive(viewer: Viewer): Promise<boolean>;
  /** These sessions were revoked (here or on another pod): never trust them again on this pod. */
  revoked(tenantId: string, sessionIds: string[]): void;
  /** Pub/sub was interrupted: revocations may have been missed, so forget every live mark. */
  forgetLive(): void;
}

export interface SessionLivenessOptions {
  store: SessionStore;
  /** Whether the store is shared by several pods (Redis); if not, it is asked every time. */
  shared: boolean;
  /** How long a revoked session's access tokens can still be presented (the access token TTL). */
  revokedMarkTtlMs: number;
  outage: OutageLog;
}

const keyOf = (tenantId: string, sessionId: string) => `${tenantId}:${sessionId}`;

export function createSessionLiveness({ store, shared, revokedMarkTtlMs, outage }: SessionLivenessOptions): SessionLiveness {
  /** Sessions seen live, by key, with the user they belong to. */
  const live = new LRUCache<string, string>({ max: MAX_MARKED_SESSIONS, ttl: LIVE_MARK_TTL_MS });
  /** Sessions known revoked; kept as long as any access token of theirs can still be valid. */
  const revoked = new LRUCache<string, true>({ max: MAX_MARKED_SESSIONS, ttl: revokedMarkTtlMs });

  async function askStore(viewer: Viewer): Promise<boolean> {
    const session = await store.get(viewer.tenantId, viewer.sessionId);
    return !!session && session.userId === viewer.userId;
  }

  return {
    async isLive(viewer) {
      if (!shared) return askStore(viewer);
      const key = keyOf(viewer.tenantId, viewer.sessionId);
      if (revoked.has(key)) return false;
      const userId = live.get(key);
      if (userId !== undefined) return userId === viewer.userId;
      let isLive: boolean;
      try {
        isLive = await askStore(viewer);
        outage.up();
      } catch (error) {
        outage.down(error);
        return true; // the documented trade-off: a valid token is enough while Redis is away
      }
      // A revocation heard while we asked wins over what the store said before it.
      if (isLive && !revoked.has(key)) live.set(key, viewer.userId);
      return isLive && !revoked.has(key);
    },
    revoked(tenantId, sessionIds) {
      for (const sessionId of sessionIds) {
        const key = keyOf(tenantId, sessionId);
        live.delete(key);
        revoked.set(key, true);
      }
    },
    forgetLive() {
      live.clear();
    },
  };
}
