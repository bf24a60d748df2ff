/**
 * What a client may see of an error, on every transport (HTTP through Apollo, WebSocket through
 * realtime/masking.ts): our coded errors (src/errors.ts) and Apollo's own request errors pass as
 * they are, without stack traces; anything else — a bug, a driver failure — becomes INTERNAL with
 * a generic message. Logging the cause is each transport's job (it knows the request id).
 */
import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLFormattedError } from 'graphql';
import { AppError, apolloRequestErrorCodes, ErrorCode } from './errors.js';

const INTERNAL_MESSAGE = 'Internal server error';

/** True for errors a client is meant to see: ours (AppError) and Apollo's request errors. */
export function isExpectedError(error: unknown, code: unknown): boolean {
  return unwrapResolverError(error) instanceof AppError || (typeof code === 'string' && apolloRequestErrorCodes.has(code));
}

/** Apollo's `formatError`, and the WebSocket transport's. */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const code = formatted.extensions?.code;
  if (isExpectedError(error, code)) {
    const { stacktrace: _stacktrace, http: _http, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, extensions };
  }
  return { message: INTERNAL_MESSAGE, ...(formatted.path && { path: formatted.path }), extensions: { code: ErrorCode.INTERNAL } };
}
