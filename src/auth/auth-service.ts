/**
 * Sign-in, refresh, sign-out and request authentication.
 *
 * A session is created at login and lives in the SessionStore until it expires or is revoked.
 * The refresh token is `<tenantId>.<sessionId>.<secret>`; only hashes are stored, and each refresh
 * replaces the secret (rotation), keeping the hash of the one it replaced. Presenting that previous
 * secret means the token leaked (someone kept a copy and one of the two has rotated since): the
 * whole session is revoked. Any other wrong secret is just refused, and counted against the client
 * address (login-throttle.ts): the session id is no secret — it is in every access token — so a
 * wrong secret must not be a way to sign someone out. Access tokens name their session, and a request is
 * authenticated only while that session exists. Whether it does is answered from this pod's
 * memory when it can be (session-liveness.ts); every revocation is announced to every pod
 * (`onRevoked`, through pub/sub), so it takes effect everywhere at once.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Database } from '../db/database.js';
import { createTenantDb, runWithoutTenant } from '../db/tenant-db.js';
import { AppError, BadUserInputError, ServiceUnavailableError, UnauthenticatedError } from '../errors.js';
import type { User } from '../generated/prisma/client.js';
import type { LoginThrottle } from './login-throttle.js';
import { hashPassword, verifyPassword } from './passwords.js';
import type { SessionLiveness } from './session-liveness.js';
import { classifyRefreshHash, type SessionStore } from './session-store.js';
import type { TokenIssuer } from './tokens.js';
import type { Viewer } from './viewer.js';

export interface AuthResult {
  sessionId: string;
  accessToken: string;
  accessTokenExpiresAt: Date;
  refreshToken: string;
  refreshTokenExpiresAt: Date;
  user: User;
}

export interface AuthService {
  login(input: { tenantSlug: string; email: string; password: string; ip: string }): Promise<AuthResult>;
  /** `ip`: the client's address, charged with wrong secrets. */
  refresh(refreshToken: string, ip: string): Promise<AuthResult>;
  /** Revokes the refresh token's session (its secret must be the current or the previous one). */
  logout(refreshToken: string, ip: string): Promise<void>;
  revokeSession(viewer: Viewer): Promise<void>;
  revokeUserSessions(tenantId: string, userId: string): Promise<number>;
  /** Another pod revoked these sessions (heard through pub/sub): stop trusting them here. */
  sessionsRevoked(tenantId: string, sessionIds: string[]): void;
  /** Pub/sub was interrupted: forget what this pod remembers of live sessions. */
  forgetLiveSessions(): void;
  /** Bearer token -> viewer; throws UNAUTHENTICATED for a bad token or a revoked session. */
  authenticate(accessToken: string): Promise<Viewer>;
}

export interface AuthServiceDeps {
  database: Database;
  sessions: SessionStore;
  liveness: SessionLiveness;
  /** Announces revoked sessions to every pod (this one included); must not reject. */
  onRevoked(tenantId: string, sessionIds: string[]): void;
  tokens: TokenIssuer;
  throttle: LoginThrottle;
  refreshTokenTtlSeconds: number;
}

const INVALID_LOGIN = 'Invalid tenant, e-mail or password';
const INVALID_REFRESH = 'Refresh token is invalid';
const SESSION_GONE = 'Session expired or revoked; sign in again';

/**
 * Sign-in needs the shared stores (sessions, throttling counters): when they fail, the answer is a
 * retryable 503, never a 500 — and never a sign-in that skipped the throttle.
 */
async function needsStores<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new ServiceUnavailableError('Sign-in is unavailable for a moment (session store not reachable); try again shortly', { originalError: error as Error });
  }
}
const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');
const newSecret = () => randomBytes(32).toString('base64url');

export function createAuthService(deps: AuthServiceDeps): AuthService {
  const revoked = (tenantId: string, sessionIds: string[]) => {
    if (sessionIds.length === 0) return;
    deps.liveness.revoked(tenantId, sessionIds); // this pod at once, before the answer goes out
    deps.onRevoked(tenantId, sessionIds);
  };
  const revokeOne = async (tenantId: string, sessionId: string) => {
    await deps.sessions.revoke(tenantId, sessionId);
    revoked(tenantId, [sessionId]);
  };

  // Verifying against a real hash when the account does not exist keeps failures equally slow,
  // so response times do not reveal which e-mails exist.
  const decoyHash = hashPassword(randomBytes(16).toString('hex'));

  async function findUser(tenantSlug: string, email: string): Promise<User | null> {
    const rows = await runWithoutTenant(deps.database, (tx) =>
      tx.$queryRaw<{ id: string | null }[]>`SELECT tenant_id_for_slug(${tenantSlug})::text AS id`,
    );
    const tenantId = rows[0]?.id;
    if (!tenantId) return null;
    return createTenantDb(deps.database, tenantId).transaction((tx) =>
      tx.user.findUnique({ where: { tenantId_email: { tenantId, email } } }),
    );
  }

  async function issue(user: User, sessionId: string, secret: string, expiresAt: number): Promise<AuthResult> {
    const access = await deps.tokens.sign({ userId: user.id, tenantId: user.tenantId, role: user.role, sessionId });
    return {
      sessionId,
      accessToken: access.token,
      accessTokenExpiresAt: access.expiresAt,
      refreshToken: `${user.tenantId}.${sessionId}.${secret}`,
      refreshTokenExpiresAt: new Date(expiresAt),
      user,
    };
  }

  function parseRefreshToken(token: string): { tenantId: string; sessionId: string; secret: string } {
    const [tenantId, sessionId, secret, extra] = token.split('.');
    const uuid = /^[0-9a-f-]{36}$/i;
    if (!tenantId || !sessionId || !secret || extra !== undefined || !uuid.test(tenantId) || !uuid.test(sessionId)) {
      throw new UnauthenticatedError(INVALID_REFRESH);
    }
    return { tenantId, sessionId, secret };
  }

  /** A wrong secret: refused, charged to the address, and the session left alone. */
  async function wrongSecret(ip: string): Promise<never> {
    await needsStores(() => deps.throttle.recordAddressFailure(ip));
    throw new UnauthenticatedError(INVALID_REFRESH);
  }
  const reused = async (tenantId: string, sessionId: string): Promise<never> => {
    await revokeOne(tenantId, sessionId);
    throw new UnauthenticatedError('Refresh token was already used; the session has been revoked');
  };

  return {
    async login({ tenantSlug, email, password, ip }) {
      const slug = tenantSlug.trim().toLowerCase();
      const normalizedEmail = email.trim().toLowerCase();
      if (!slug || !normalizedEmail || !password) {
        throw new BadUserInputError('tenantSlug, email and password are required', {
          ...(!slug && { tenantSlug: 'required' }),
          ...(!normalizedEmail && { email: 'required' }),
          ...(!password && { password: 'required' }),
        });
      }
      const account = `${slug}:${normalizedEmail}`;
      await needsStores(() => deps.throttle.assertAllowed(account, ip));

      const user = await findUser(slug, normalizedEmail);
      const passwordOk = await verifyPassword(password, user?.passwordHash ?? (await decoyHash));
      if (!user || !passwordOk || !user.active) {
        await needsStores(() => deps.throttle.recordFailure(account, ip));
        throw new UnauthenticatedError(INVALID_LOGIN);
      }
      await needsStores(() => deps.throttle.recordSuccess(account, ip));

      const sessionId = randomUUID();
      const secret = newSecret();
      const expiresAt = Date.now() + deps.refreshTokenTtlSeconds * 1000;
      await deps.sessions.create({
        sessionId, tenantId: user.tenantId, userId: user.id, role: user.role, refreshHash: sha256(secret), expiresAt,
      });
      const seen = await createTenantDb(deps.database, user.tenantId).transaction((tx) =>
        tx.user.update({ where: { id: user.id }, data: { lastSeenAt: new Date() } }),
      );
      return issue(seen, sessionId, secret, expiresAt);
    },

    async refresh(refreshToken, ip) {
      const { tenantId, sessionId, secret } = parseRefreshToken(refreshToken);
      await needsStores(() => deps.throttle.assertAddressAllowed(ip));
      const session = await deps.sessions.get(tenantId, sessionId);
      if (!session || session.expiresAt <= Date.now()) throw new UnauthenticatedError(SESSION_GONE);
      const next = newSecret();
      // Two refreshes racing with the same (current) token — a client retrying, two tabs — cannot
      // both rotate: the first wins and the second finds its secret is now the previous one, which
      // is reuse, so the session is revoked and that client signs in again. We accept that: telling
      // a legitimate race from a replayed stolen token is exactly what reuse detection cannot do.
      const outcome = await deps.sessions.rotate(tenantId, sessionId, sha256(secret), sha256(next));
      if (outcome === 'reused') return reused(tenantId, sessionId);
      if (outcome === 'mismatch') return wrongSecret(ip);
      if (outcome === 'missing') throw new UnauthenticatedError(SESSION_GONE);
      const user = await createTenantDb(deps.database, tenantId).transaction((tx) => tx.user.findUnique({ where: { id: session.userId } }));
      if (!user || !user.active) {
        await revokeOne(tenantId, sessionId);
        throw new UnauthenticatedError('Account is deactivated');
      }
      return issue(user, sessionId, next, session.expiresAt);
    },

    async logout(refreshToken, ip) {
      const { tenantId, sessionId, secret } = parseRefreshToken(refreshToken);
      await needsStores(() => deps.throttle.assertAddressAllowed(ip));
      const session = await deps.sessions.get(tenantId, sessionId);
      if (!session) throw new UnauthenticatedError(INVALID_REFRESH);
      // The previous secret ends the session too: whoever holds it could revoke it by refreshing.
      if (classifyRefreshHash(session, sha256(secret)) === 'wrong') return wrongSecret(ip);
      await revokeOne(tenantId, sessionId);
    },

    revokeSession: (viewer) => revokeOne(viewer.tenantId, viewer.sessionId),
    async revokeUserSessions(tenantId, userId) {
      const ids = await deps.sessions.revokeAllForUser(tenantId, userId);
      revoked(tenantId, ids);
      return ids.length;
    },
    sessionsRevoked: (tenantId, sessionIds) => deps.liveness.revoked(tenantId, sessionIds),
    forgetLiveSessions: () => deps.liveness.forgetLive(),

    async authenticate(accessToken) {
      const viewer = await deps.tokens.verify(accessToken);
      if (!(await deps.liveness.isLive(viewer))) throw new UnauthenticatedError(SESSION_GONE);
      return viewer;
    },
  };
}
