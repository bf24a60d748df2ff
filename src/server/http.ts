/**
 * The HTTP front door on bare node:http (no framework on the hot path): serves /graphql, the
 * health endpoints and, on the embedded default, the local upload endpoint. Every response
 * carries the request id (x-request-id, accepted from the client when it looks sane). Malformed
 * requests get a 4xx with a coded GraphQL-style error.
 *
 * A GraphQL request goes: authenticate (context/authenticate.ts, the headers only) -> without a
 * viewer, the address's anonymous budget (anonymous-rate-limit.ts) -> the body (http/body.ts: size,
 * strict UTF-8) -> screening (request-screen.ts: hostile documents, unstorable input) -> trusted
 * documents (trusted-documents.ts: with TRUSTED_DOCUMENTS=enforce, manifest operations only) -> admit
 * (the tenant's rate limit, admission/admission.ts) -> the whole-result cache (cached-response.ts; a hit
 * ends here) -> Apollo (parse, validate, limits, execute) -> the request's tenant scopes are
 * finished (one owner for the read transaction, whatever happened) -> the result is cached if it
 * may be -> response. Refusals before Apollo are coded errors (src/errors.ts) with their status.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer, type HTTPGraphQLRequest } from '@apollo/server';
import type { Config } from '../config.js';
import { authenticateRequest, type RequestAuth } from '../context/authenticate.js';
import { createContext, type Context } from '../context/context.js';
import type { Dependencies } from '../context/dependencies.js';
import { finishTenantScope } from '../context/scope.js';
import { admitRequest } from '../admission/admission.js';
import { AppError, ErrorCode, ServiceUnavailableError } from '../errors.js';
import { BodyNotUtf8Error, BodyTooLargeError, ClientGoneError, readBody } from '../http/body.js';
import { sendAppError, sendError, type Route } from '../http/responses.js';
import type { Logger } from '../observability/logger.js';
import { observeRequest, type RequestTelemetry } from '../observability/request-telemetry.js';
import type { Tracing } from '../observability/tracing.js';
import { createAnonymousRateLimiter } from './anonymous-rate-limit.js';
import { createCachedResponder } from './cached-response.js';
import { cacheHeadersFor, GRAPHQL_VARY } from './cache-control.js';
import { clientAddress } from './client-address.js';
import { createRequestScreen } from './request-screen.js';
import { requestedOperation, type TrustedDocuments } from './trusted-documents.js';

export interface HttpHandlerOptions {
  apollo: ApolloServer<Context>;
  deps: Dependencies;
  config: Config;
  logger: Logger;
  routes?: Route[];
  /** When tracing is on: each request gets a server span (src/observability/tracing.ts). */
  tracing?: Tracing | undefined;
  /** TRUSTED_DOCUMENTS: which operations viewers below ADMIN may run (trusted-documents.ts). */
  trustedDocuments?: TrustedDocuments;
}

const REQUEST_ID = /^[\w.:-]{1,128}$/;

export function createHttpHandler(options: HttpHandlerOptions) {
  const { apollo, deps, config, logger, routes = [] } = options;
  const allowOrigin = config.NODE_ENV === 'production' ? undefined : '*';
  const cachedAnswer = createCachedResponder(deps);
  const screenRequest = createRequestScreen(config);
  const anonymousBudget = createAnonymousRateLimiter({ perMinute: config.ANONYMOUS_REQUESTS_PER_MINUTE, onReject: () => deps.metrics.rateLimited('anonymous') });

  return async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const incomingId = req.headers['x-request-id'];
    const requestId = typeof incomingId === 'string' && REQUEST_ID.test(incomingId) ? incomingId : randomUUID();
    res.setHeader('x-request-id', requestId);
    // While draining, every response ends its keep-alive connection, so clients move to another
    // pod on their own instead of racing the close of an idle socket.
    if (deps.lifecycle.draining) res.setHeader('connection', 'close');
    if (allowOrigin) res.setHeader('access-control-allow-origin', allowOrigin);
    // One log line, the HTTP metrics and the request span, when the response is done.
    const observed = observeRequest(req, res, requestId, { metrics: deps.metrics, logger, tracing: options.tracing });
    try {
      const url = new URL(req.url ?? '/', 'http://localhost');
      if (url.pathname === '/graphql') {
        await observed.run(() => serveGraphQL(req, res, url, requestId, observed.telemetry));
        return;
      }
      for (const route of routes) if (await observed.run(() => route(req, res, url, requestId))) return;
      sendError(res, ErrorCode.NOT_FOUND, `No route for ${req.method} ${url.pathname}`);
    } catch (error) {
      if (error instanceof ClientGoneError) return void logger.debug({ requestId }, error.message); // nobody to answer
      if (error instanceof AppError && !res.headersSent) return sendAppError(res, error);
      logger.error({ err: error, requestId }, 'unhandled error in HTTP handler');
      if (!res.headersSent) sendError(res, ErrorCode.INTERNAL, 'Internal server error', { requestId });
      else res.destroy();
    }
  };

  async function serveGraphQL(req: IncomingMessage, res: ServerResponse, url: URL, requestId: string, telemetry: RequestTelemetry) {
    if (req.method === 'OPTIONS') return preflight(res);
    // Whatever the answer (hit, Apollo, error), it depends on who asks and what they accept.
    res.setHeader('vary', GRAPHQL_VARY);
    // Who is asking comes from the headers alone, so an anonymous request's budget is spent
    // before its body is read (throws RATE_LIMITED).
    const auth = await authenticateRequest(deps, req.headers.authorization);
    if (!auth.viewer) await anonymousBudget.consume(clientAddress(req, config.TRUST_PROXY));
    const body = req.method === 'POST' ? await readGraphQLBody(req) : undefined;
    // Hostile documents and unstorable input end here, before Apollo parses or validates.
    const refusal = screenRequest(req.method ?? 'GET', url, body);
    if (refusal) throw refusal;
    // Only the manifest's operations below ADMIN (enforce), before the cache can answer one.
    const operation = options.trustedDocuments && requestedOperation(req.method ?? 'GET', url, body);
    const untrusted = operation && options.trustedDocuments!.check(operation, auth.viewer, 'http');
    if (untrusted) throw untrusted;
    await answerWithinDeadline(res, () => serveOperation(req, res, url, requestId, telemetry, auth, body));
  }

  /**
   * No GraphQL request outlives REQUEST_DEADLINE_MS once it has been received (the client's own
   * sending is bounded by HTTP_REQUEST_TIMEOUT_MS), whatever the database or Redis does: past it
   * the client gets a retryable 503 at once, and the work left behind ends on its own timeouts
   * (statement, COMMIT, Redis command) without writing to this response.
   */
  async function answerWithinDeadline(res: ServerResponse, serve: () => Promise<void>) {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), config.REQUEST_DEADLINE_MS)));
    const work = serve();
    try {
      if ((await Promise.race([work, late])) !== 'late') return;
    } finally {
      clearTimeout(timer);
    }
    work.catch(() => {}); // it may still fail; nobody is waiting for it any more
    if (res.headersSent) return void res.destroy();
    sendAppError(res, new ServiceUnavailableError(
      `No answer within ${config.REQUEST_DEADLINE_MS} ms: the database or another dependency is not answering. A change this request asked for may or may not have been made: read before retrying it`,
    ));
  }

  async function serveOperation(req: IncomingMessage, res: ServerResponse, url: URL, requestId: string, telemetry: RequestTelemetry, auth: RequestAuth, body: unknown) {
    if (auth.viewer) {
      // Before anything reads a cache generation (admission reads the tenant row), let the I/O
      // that arrived with this request be handled: an invalidation another pod published before
      // answering its write may sit on the pub/sub socket, ready in the same turn as this request.
      await new Promise(setImmediate);
      // Counted whether the answer comes from the cache or not (throws RATE_LIMITED).
      await admitRequest(deps, auth.viewer);
      const hit = await cachedAnswer(req, url, body, auth.viewer);
      if (res.headersSent) return;
      if (hit) {
        recordCachedAnswer(telemetry, hit.plan.operationName, auth.viewer);
        const life = { lifetimeMs: hit.expiresAt - hit.storedAt, ageMs: Date.now() - hit.storedAt };
        res.writeHead(200, { 'content-type': hit.contentType, 'x-dandori-cache': 'hit', ...(req.method === 'GET' && cacheHeadersFor(hit.plan, true, life)) });
        res.end(hit.body);
        return;
      }
    }

    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    const httpGraphQLRequest: HTTPGraphQLRequest = { method: req.method ?? 'GET', headers, search: url.search, body };
    let context: Context | undefined;
    let response: Awaited<ReturnType<typeof apollo.executeHTTPGraphQLRequest>>;
    try {
      response = await apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest,
        context: async () => (context = createContext(deps, { auth, clientIp: clientAddress(req, config.TRUST_PROXY), requestId, telemetry })),
      });
    } finally {
      // The one place a request's read transactions end: after an answer, an error or a refusal.
      await Promise.all([finishTenantScope(context?.scope), finishTenantScope(context?.signIn.scope)]);
    }
    if (res.headersSent) return; // answered by the deadline while Apollo (or the COMMIT) waited
    // Refused before any plugin ran (no query, CSRF, a bad Authorization header): the metrics
    // plugin saw nothing, so take the codes from the response.
    if ((response.status ?? 200) >= 400 && telemetry.errorCodes.length === 0 && response.body.kind === 'complete') {
      telemetry.errorCodes.push(...errorCodesIn(response.body.string));
    }
    for (const [key, value] of response.headers) res.setHeader(key, value);
    res.setHeader('vary', GRAPHQL_VARY);
    res.statusCode = response.status ?? 200;
    const result = context?.result;
    if (req.method === 'GET' && result?.plan && res.statusCode === 200) {
      const now = Date.now();
      const life = result.served
        ? { lifetimeMs: result.served.expiresAt - result.served.storedAt, ageMs: now - result.served.storedAt }
        : { lifetimeMs: result.expiry.until - now, ageMs: 0 }; // computed now, from values that expire at `until`
      for (const [name, value] of Object.entries(cacheHeadersFor(result.plan, !!auth.viewer, life))) res.setHeader(name, value);
    }
    if (response.body.kind === 'complete') {
      if (result?.store && res.statusCode === 200) {
        // Never longer than the shortest-lived cached value it was built from.
        deps.responseCache.set(result.store.key, response.body.string, Math.min(result.store.ttlMs, result.expiry.until - Date.now()));
        res.setHeader('x-dandori-cache', 'miss');
      }
      res.end(response.body.string);
      return;
    }
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  }

  /** The body of a POST: JSON when it says so (else the text, for Apollo to refuse); 400 when it is neither UTF-8 nor JSON. */
  async function readGraphQLBody(req: IncomingMessage): Promise<unknown> {
    let text: string;
    try {
      text = await readBody(req, config.MAX_REQUEST_BYTES);
    } catch (error) {
      if (error instanceof BodyTooLargeError) throw new AppError(ErrorCode.PAYLOAD_TOO_LARGE, error.message, { maximum: error.limit });
      if (error instanceof BodyNotUtf8Error) throw new AppError(ErrorCode.BAD_REQUEST, error.message);
      throw error;
    }
    if (!(req.headers['content-type'] ?? '').includes('json')) return text;
    try {
      return text === '' ? undefined : JSON.parse(text);
    } catch {
      throw new AppError(ErrorCode.BAD_REQUEST, 'Request body is not valid JSON');
    }
  }

  /** What the metrics plugin records for an answer Apollo computed, for one served from the cache. */
  function recordCachedAnswer(telemetry: RequestTelemetry, operationName: string | null, viewer: { tenantId: string; userId: string }) {
    deps.metrics.observeGraphQL({ operationName, tenantId: viewer.tenantId, outcome: 'ok', seconds: (performance.now() - telemetry.startedAt) / 1000 });
    deps.metrics.userSeen(viewer.tenantId, viewer.userId);
    telemetry.operationName = operationName;
    telemetry.tenantId = viewer.tenantId;
    telemetry.userId = viewer.userId;
  }
}

function preflight(res: ServerResponse) {
  res.writeHead(204, {
    'access-control-allow-methods': 'GET, POST, OPTIONS',
    'access-control-allow-headers': 'content-type, authorization, x-request-id, apollo-require-preflight, x-apollo-operation-name',
    'access-control-max-age': '600',
  });
  res.end();
}

function errorCodesIn(body: string): string[] {
  try {
    const parsed = JSON.parse(body) as { errors?: { extensions?: { code?: unknown } }[] };
    return (parsed.errors ?? []).map((error) => String(error.extensions?.code ?? 'INTERNAL'));
  } catch {
    return [];
  }
}
