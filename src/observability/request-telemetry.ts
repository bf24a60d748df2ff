/**
 * One HTTP request, observed: the handler (src/server/http.ts) calls `observeRequest` first thing,
 * passes `telemetry` to createContext, and runs the rest inside `run` (the request's trace span,
 * when tracing is on). The GraphQL metrics plugin fills in the operation, the viewer and the error
 * codes. When the response has finished (or the client went away) exactly one JSON log line is
 * written, the HTTP metrics are counted and the span is ended.
 *
 * The log line holds only the fields below: never variables, bodies, query strings or headers
 * (the Authorization header and login variables carry secrets).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { context as otelContext, SpanStatusCode } from '@opentelemetry/api';
import type { Logger } from './logger.js';
import type { Metrics } from './metrics.js';
import type { Tracing } from './tracing.js';

export interface RequestTelemetry {
  readonly requestId: string;
  /** performance.now() when the request arrived. */
  readonly startedAt: number;
  /** The operation's name (as resolved, else as the client gave it); null when anonymous. */
  operationName: string | null;
  tenantId: string | null;
  userId: string | null;
  /** `extensions.code` of every error in the response, in order. */
  errorCodes: string[];
}

/** Route labels: a fixed set, so metrics stay bounded whatever paths clients try. */
const ROUTES = new Set(['/graphql', '/healthz', '/readyz', '/metrics']);
const MAX_LOGGED_NAME = 100;
/** So `sendError` (used by every route) can note its code without a new parameter everywhere. */
const byResponse = new WeakMap<ServerResponse, RequestTelemetry>();

/** Notes an error code answered outside GraphQL (404, 413, malformed JSON…) for the log line. */
export function recordErrorCode(res: ServerResponse, code: string): void {
  byResponse.get(res)?.errorCodes.push(code);
}

export function routeOf(rawUrl: string | undefined): string {
  const path = (rawUrl ?? '/').split('?')[0]!;
  if (ROUTES.has(path)) return path;
  if (path.startsWith('/uploads/')) return '/uploads';
  return 'other';
}

export interface RequestObservers {
  metrics: Metrics;
  logger: Logger;
  tracing?: Tracing | undefined;
}

export function observeRequest(req: IncomingMessage, res: ServerResponse, requestId: string, observers: RequestObservers) {
  const { metrics, logger, tracing } = observers;
  const telemetry: RequestTelemetry = {
    requestId,
    startedAt: performance.now(),
    operationName: null,
    tenantId: null,
    userId: null,
    errorCodes: [],
  };
  byResponse.set(res, telemetry);
  const route = routeOf(req.url);
  const method = req.method ?? 'GET';
  const traced = tracing?.startRequest(method, route, req.headers);

  // 'close' comes once per response, whether it finished or the client went away first.
  res.once('close', () => {
    const ms = performance.now() - telemetry.startedAt;
    const status = res.statusCode;
    const outcome = !res.writableFinished ? 'aborted' : status >= 400 || telemetry.errorCodes.length ? 'error' : 'ok';
    metrics.observeHttp(route, method, status, ms / 1000);
    // Every error of every /graphql response, wherever it was answered (plugin, Apollo, handler).
    if (route === '/graphql') metrics.countGraphQLErrors(telemetry.errorCodes);
    if (traced) {
      traced.span.setAttributes({
        'http.response.status_code': status,
        'dandori.request_id': requestId,
        ...(telemetry.operationName && { 'graphql.operation.name': telemetry.operationName.slice(0, MAX_LOGGED_NAME) }),
        ...(telemetry.tenantId && { 'dandori.tenant_id': telemetry.tenantId }),
      });
      if (status >= 500 || outcome === 'aborted') traced.span.setStatus({ code: SpanStatusCode.ERROR, message: outcome === 'aborted' ? 'client went away' : `HTTP ${status}` });
      traced.span.end();
    }
    const line = {
      requestId,
      method,
      route,
      status,
      durationMs: Math.round(ms * 10) / 10,
      outcome,
      ...(telemetry.errorCodes.length > 0 && { errorCodes: telemetry.errorCodes }),
      operationName: telemetry.operationName?.slice(0, MAX_LOGGED_NAME) ?? null,
      tenantId: telemetry.tenantId,
      userId: telemetry.userId,
    };
    if (status >= 500) logger.error(line, 'request');
    else logger.info(line, 'request');
  });

  return {
    telemetry,
    /** Runs the handler in the request span's context, so its work (SQL) nests under it. */
    run<T>(work: () => T): T {
      return traced ? otelContext.with(traced.context, work) : work();
    },
  };
}
