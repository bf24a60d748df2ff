/**
 * Answers written outside GraphQL's own pipeline, for every room that serves HTTP: the server's
 * front door, the health and explorer routes, the dashboard page and local storage's upload
 * routes. They live below all of those, so a route never imports the server to answer.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { AppError, ErrorCode, httpStatusFor } from '../errors.js';
import { recordErrorCode } from '../observability/request-telemetry.js';
import { discardBody } from './body.js';

/** Extra routes (health, uploads): return true when the route handled the request. */
export type Route = (req: IncomingMessage, res: ServerResponse, url: URL, requestId: string) => Promise<boolean> | boolean;

/**
 * A GraphQL-shaped error body for failures that happen before GraphQL runs; the status is the
 * code's own (src/errors.ts), so a code always comes with the same status.
 *
 * When the client is still sending a body nobody will read (413, an early 429…), the answer is
 * written at once with `connection: close`, and the rest of the body is read and dropped (at
 * most DISCARD_MAX_BYTES, within the request timeout: body.ts) before the connection ends:
 * closing while the client still sends would reset the connection, and the client would see
 * EPIPE/ECONNRESET instead of the answer.
 */
export function sendError(res: ServerResponse, code: ErrorCode, message: string, extra: Record<string, unknown> = {}) {
  recordErrorCode(res, code);
  const body = errorBody(code, message, extra);
  const headers = { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) };
  if (!bodyPending(res.req)) {
    res.writeHead(httpStatusFor(code), headers);
    res.end(body);
    return;
  }
  res.writeHead(httpStatusFor(code), { ...headers, connection: 'close' });
  res.write(body);
  void discardBody(res.req).then(() => res.end());
}

export function errorBody(code: ErrorCode, message: string, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ errors: [{ message, extensions: { code, ...extra } }] });
}

/** True while a request's body is still (partly) on its way; a request without one has nothing pending. */
function bodyPending(req: IncomingMessage): boolean {
  const declared = req.headers['content-length'];
  const hasBody = req.headers['transfer-encoding'] !== undefined || (declared !== undefined && declared !== '0');
  return hasBody && !req.complete;
}

/** An AppError answered outside Apollo (authentication, admission), as Apollo would format it. */
export function sendAppError(res: ServerResponse, error: AppError) {
  const { code: _code, http, ...extensions } = error.extensions as { code: string; http?: { headers?: Map<string, string> } };
  for (const [name, value] of http?.headers ?? []) res.setHeader(name, value);
  sendError(res, error.code, error.message, extensions);
}
