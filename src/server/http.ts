/**
 * The HTTP front door on bare node:http (no framework on the hot path): routes /graphql to
 * Apollo's executeHTTPGraphQLRequest, serves the health endpoints and, on the embedded default,
 * the local upload endpoint. Every response carries the request id (x-request-id, accepted from
 * the client when it looks sane). Malformed requests get a 4xx with a coded GraphQL-style error.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer, type HTTPGraphQLRequest } from '@apollo/server';
import type { Config } from '../config.js';
import { createContext, type Context } from '../context/context.js';
import { AppError } from '../errors.js';
import type { Logger } from '../observability/logger.js';
import { observeRequest, recordErrorCode, type RequestTelemetry } from '../observability/request-telemetry.js';
import type { Tracing } from '../observability/tracing.js';
import { BodyTooLargeError, readBody } from './body.js';
import { clientAddress } from './client-address.js';
import type { Dependencies } from './dependencies.js';

/** Extra routes (health, uploads): return true when the route handled the request. */
export type Route = (req: IncomingMessage, res: ServerResponse, url: URL, requestId: string) => Promise<boolean> | boolean;

export interface HttpHandlerOptions {
  apollo: ApolloServer<Context>;
  deps: Dependencies;
  config: Config;
  logger: Logger;
  routes?: Route[];
  /** When tracing is on: each request gets a server span (src/observability/tracing.ts). */
  tracing?: Tracing | undefined;
}

const REQUEST_ID = /^[\w.:-]{1,128}$/;

export function createHttpHandler(options: HttpHandlerOptions) {
  const { apollo, deps, config, logger, routes = [] } = options;
  const allowOrigin = config.NODE_ENV === 'production' ? undefined : '*';

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
      sendError(res, 404, 'NOT_FOUND', `No route for ${req.method} ${url.pathname}`);
    } catch (error) {
      if (error instanceof BodyTooLargeError) return sendError(res, 413, 'PAYLOAD_TOO_LARGE', error.message);
      logger.error({ err: error, requestId }, 'unhandled error in HTTP handler');
      if (!res.headersSent) sendError(res, 500, 'INTERNAL', 'Internal server error', { requestId });
      else res.destroy();
    }
  };

  async function serveGraphQL(req: IncomingMessage, res: ServerResponse, url: URL, requestId: string, telemetry: RequestTelemetry) {
    if (req.method === 'OPTIONS') return preflight(res);
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    let body: unknown = undefined;
    if (req.method === 'POST') {
      const text = await readBody(req, config.MAX_REQUEST_BYTES);
      if ((headers.get('content-type') ?? '').includes('json')) {
        try {
          body = text === '' ? undefined : JSON.parse(text);
        } catch {
          return sendError(res, 400, 'BAD_REQUEST', 'Request body is not valid JSON');
        }
      } else {
        body = text;
      }
    }
    const httpGraphQLRequest: HTTPGraphQLRequest = { method: req.method ?? 'GET', headers, search: url.search, body };
    const response = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest,
      context: () => createContext(deps, { authorization: req.headers.authorization, clientIp: clientAddress(req, config.TRUST_PROXY), requestId, telemetry }),
    });
    // Refused before any plugin ran (no query, CSRF, a bad Authorization header): the metrics
    // plugin saw nothing, so take the codes from the response.
    if ((response.status ?? 200) >= 400 && telemetry.errorCodes.length === 0 && response.body.kind === 'complete') {
      telemetry.errorCodes.push(...errorCodesIn(response.body.string));
    }
    for (const [key, value] of response.headers) res.setHeader(key, value);
    res.statusCode = response.status ?? 200;
    if (response.body.kind === 'complete') {
      res.end(response.body.string);
      return;
    }
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
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

/** A GraphQL-shaped error body for failures that happen before GraphQL runs. */
export function sendError(res: ServerResponse, status: number, code: string, message: string, extra: Record<string, unknown> = {}) {
  recordErrorCode(res, code);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify({ errors: [{ message, extensions: { code, ...extra } }] }));
}

export function sendAppError(res: ServerResponse, error: AppError) {
  sendError(res, error.httpStatus, error.code, error.message);
}

function errorCodesIn(body: string): string[] {
  try {
    const parsed = JSON.parse(body) as { errors?: { extensions?: { code?: unknown } }[] };
    return (parsed.errors ?? []).map((error) => String(error.extensions?.code ?? 'INTERNAL'));
  } catch {
    return [];
  }
}
