/**
 * The per-request context: who is asking (from the verified token only), and for an
 * authenticated request its TenantScope (scope.ts). Built once per request by `createContext`,
 * which only attaches what the request pipeline has already established (authenticate.ts): it
 * reads nothing, counts nothing and opens no transaction. Resolvers read it, never change it,
 * except the two per-request slots documented below.
 */
import { randomUUID } from 'node:crypto';
import type { Viewer } from '../auth/viewer.js';
import type { ResponsePlan } from '../cache/response-cache.js';
import { UnauthenticatedError } from '../errors.js';
import type { RequestTelemetry } from '../observability/request-telemetry.js';
import type { Dependencies } from './dependencies.js';
import type { RequestAuth } from './authenticate.js';
import { ExpiryBound, openTenantScope, type TenantScope } from './scope.js';

export type { TenantScope } from './scope.js';

/** What the whole-result cache learns about this request while Apollo runs it. */
export interface ResultCaching {
  /** The operation's sharing plan, once resolved (also decides Cache-Control on GET). */
  plan: ResponsePlan | undefined;
  /** Set when the response may be stored under `key` (a query without errors). */
  store: { key: string; ttlMs: number; position: number } | undefined;
  /** Set when the answer came from an entry another request stored (HTTP `Age`, `max-age`). */
  served: { storedAt: number; expiresAt: number } | undefined;
  /** Narrowed by every cached value the request reads; shared with its tenant scope. */
  readonly expiry: ExpiryBound;
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
   * resolves in the new session's scope. Finished with the request like `scope`.
   */
  readonly signIn: { scope: TenantScope | null };
  /** Filled by the response-cache plugin (server/plugins/response-cache.ts). */
  readonly result: ResultCaching;
  /**
   * The HTTP request's log/metrics record (src/observability/request-telemetry.ts), filled in by
   * the metrics plugin; absent outside HTTP.
   */
  readonly telemetry?: RequestTelemetry | undefined;
}

export interface RequestInfo {
  auth: RequestAuth;
  clientIp: string;
  requestId?: string | undefined;
  telemetry?: RequestTelemetry | undefined;
}

export function createContext(deps: Dependencies, request: RequestInfo): Context {
  // A malformed Authorization header refuses the whole request, public operations included.
  if (request.auth.malformed) throw request.auth.malformed;
  const expiry = new ExpiryBound();
  const { viewer, error } = request.auth;
  return {
    requestId: request.requestId ?? randomUUID(),
    clientIp: request.clientIp,
    deps,
    viewer,
    authError: error,
    scope: viewer ? openTenantScope(deps, viewer, expiry) : null,
    signIn: { scope: null },
    result: { plan: undefined, store: undefined, served: undefined, expiry },
    ...(request.telemetry && { telemetry: request.telemetry }),
  };
}

/** The tenant scope of an authenticated request; UNAUTHENTICATED otherwise. */
export function requireScope(context: Context): TenantScope {
  const scope = context.scope ?? context.signIn.scope;
  if (scope) return scope;
  throw context.authError ?? new UnauthenticatedError();
}
