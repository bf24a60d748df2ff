/**
 * The per-request context: who is asking (from the verified token only), and for an
 * authenticated request a TenantScope — the request's tenant-bound database handle and its
 * DataLoaders. Built once per request by `createContext`; resolvers read it, never change it.
 */
import { randomUUID } from 'node:crypto';
import type { Viewer } from '../auth/viewer.js';
import { invalidateForEvents } from '../cache/invalidation.js';
import { createRequestDb, type RequestDb } from '../db/request-db.js';
import { createTenantDb } from '../db/tenant-db.js';
import { UnauthenticatedError } from '../errors.js';
import type { RequestTelemetry } from '../observability/request-telemetry.js';
import type { Dependencies } from '../server/dependencies.js';
import { getTenant } from '../modules/tenant/service.js';
import { createLoaders, type Loaders } from './loaders.js';

/** What every service and loader of an authenticated request works with. */
export interface TenantScope {
  readonly viewer: Viewer;
  readonly db: RequestDb;
  readonly loaders: Loaders;
  readonly deps: Dependencies;
}

export interface Context {
  readonly requestId: string;
  readonly clientIp: string;
  readonly deps: Dependencies;
  readonly viewer: Viewer | null;
  /** Why a presented token was refused; thrown by `requireScope`, so public operations still work. */
  readonly authError: UnauthenticatedError | null;
  readonly scope: TenantScope | null;
  /**
   * Filled by login/refreshSession once they succeed, so the returned `user { department … }`
   * resolves in the new session's scope. The one per-request slot written during execution.
   */
  readonly signIn: { scope: TenantScope | null };
  /**
   * The HTTP request's log/metrics record (src/observability/request-telemetry.ts), filled in by
   * the metrics plugin; absent outside HTTP (executeOperation in tests).
   */
  readonly telemetry?: RequestTelemetry | undefined;
}

export interface RequestInfo {
  authorization?: string | undefined;
  clientIp: string;
  requestId?: string | undefined;
  telemetry?: RequestTelemetry | undefined;
}

export async function createContext(deps: Dependencies, request: RequestInfo): Promise<Context> {
  const base = {
    requestId: request.requestId ?? randomUUID(),
    clientIp: request.clientIp,
    deps,
    signIn: { scope: null },
    ...(request.telemetry && { telemetry: request.telemetry }),
  };
  const token = bearerToken(request.authorization);
  if (token === null) return { ...base, viewer: null, authError: null, scope: null };
  let viewer: Viewer;
  try {
    viewer = await deps.auth.authenticate(token);
  } catch (error) {
    if (!(error instanceof UnauthenticatedError)) throw error;
    return { ...base, viewer: null, authError: error, scope: null };
  }
  const scope = createTenantScope(deps, viewer);
  try {
    await enforceTenantRateLimit(scope);
  } catch (error) {
    // No context, so no response hook will end a read transaction the tenant lookup opened.
    await scope.db.finish();
    throw error;
  }
  return { ...base, viewer, authError: null, scope };
}

/**
 * The gateway limits each tenant's rate (src/server/tenant-rate-limit.ts): one point of the
 * verified token's tenant, against its `rateLimitPerMinute` from the cached master data (a cache
 * hit costs no SQL). Throws RATE_LIMITED (HTTP 429 + Retry-After) over the limit. Anonymous
 * requests (login, refresh) are not counted here; login has its own throttle.
 */
async function enforceTenantRateLimit(scope: TenantScope): Promise<void> {
  const tenant = await getTenant(scope);
  await scope.deps.rateLimiter.consume(tenant.id, tenant.rateLimitPerMinute);
}

export function createTenantScope(deps: Dependencies, viewer: Viewer): TenantScope {
  const db = createRequestDb(createTenantDb(deps.database, viewer.tenantId), {
    publish: (tenantId, event) => void deps.pubsub.publish(tenantId, event),
    // The cache forgets what the write changed, on every pod, before anyone hears of it.
    beforePublish: (tenantId, events) => invalidateForEvents(deps.cache, tenantId, events),
  });
  return { viewer, db, loaders: createLoaders(db), deps };
}

/** The tenant scope of an authenticated request; UNAUTHENTICATED otherwise. */
export function requireScope(context: Context): TenantScope {
  const scope = context.scope ?? context.signIn.scope;
  if (scope) return scope;
  throw context.authError ?? new UnauthenticatedError();
}

/** The token of an `Authorization: Bearer <token>` value (HTTP header or WebSocket connectionParams). */
export function bearerToken(header: string | undefined): string | null {
  if (!header) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) throw new UnauthenticatedError('Authorization header must be "Bearer <access token>"');
  return match[1]!;
}
