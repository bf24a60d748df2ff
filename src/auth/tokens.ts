/**
 * Access tokens: short-lived HS256 JWTs (jose). Verification pins the algorithm, issuer and
 * audience, so `alg: none`, another algorithm, a tampered payload or an expired token all fail.
 * The tenant of a request comes from here and nowhere else.
 *
 * A token verified once is remembered until it expires (bounded LRU): a client sends the same
 * token with every request for 15 minutes, and re-checking an HMAC it has already checked buys
 * nothing. Only successfully verified tokens are remembered, keyed by their full text.
 */
import { randomBytes } from 'node:crypto';
import { errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import { LRUCache } from 'lru-cache';
import { UnauthenticatedError } from '../errors.js';
import type { Role } from '../generated/prisma/enums.js';
import type { Viewer } from './viewer.js';

const ISSUER = 'dandori-portal-api';
const AUDIENCE = 'dandori-portal';
const ALGORITHM = 'HS256';
const ROLES = new Set<string>(['OWNER', 'ADMIN', 'MEMBER', 'VIEWER']);
/** Verified tokens remembered per process. */
export const MAX_REMEMBERED_TOKENS = 50_000;

export interface TokenIssuer {
  sign(viewer: Viewer): Promise<{ token: string; expiresAt: Date }>;
  verify(token: string): Promise<Viewer>;
}

/** `secret` is JWT_SECRET; without one (development only) a random per-process key is used. */
export function createTokenIssuer(secret: string | undefined, ttlSeconds: number): TokenIssuer {
  const key = secret ? new TextEncoder().encode(secret) : randomBytes(32);
  const verified = new LRUCache<string, { viewer: Viewer; expiresAt: number }>({ max: MAX_REMEMBERED_TOKENS });
  const expired = () => new UnauthenticatedError('Access token expired; refresh the session');
  return {
    async sign(viewer) {
      const expiresAt = new Date(Date.now() + ttlSeconds * 1000);
      const token = await new SignJWT({ tid: viewer.tenantId, sid: viewer.sessionId, role: viewer.role })
        .setProtectedHeader({ alg: ALGORITHM, typ: 'JWT' })
        .setSubject(viewer.userId)
        .setIssuer(ISSUER)
        .setAudience(AUDIENCE)
        .setIssuedAt()
        .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
        .sign(key);
      return { token, expiresAt };
    },
    async verify(token) {
      const known = verified.get(token);
      if (known) {
        if (Date.now() >= known.expiresAt) throw expired();
        return known.viewer;
      }
      try {
        const { payload } = await jwtVerify(token, key, { algorithms: [ALGORITHM], issuer: ISSUER, audience: AUDIENCE });
        const { sub, tid, sid, role, exp } = payload as Record<string, unknown>;
        if (typeof sub !== 'string' || typeof tid !== 'string' || typeof sid !== 'string' || typeof role !== 'string' || !ROLES.has(role) || typeof exp !== 'number') {
          throw new UnauthenticatedError('Access token is missing required claims');
        }
        const viewer: Viewer = Object.freeze({ userId: sub, tenantId: tid, sessionId: sid, role: role as Role });
        verified.set(token, { viewer, expiresAt: exp * 1000 }, { ttl: Math.max(1, exp * 1000 - Date.now()) });
        return viewer;
      } catch (error) {
        if (error instanceof UnauthenticatedError) throw error;
        if (error instanceof joseErrors.JWTExpired) throw expired();
        throw new UnauthenticatedError('Access token is invalid');
      }
    },
  };
}
