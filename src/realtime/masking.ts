/**
 * Errors on WebSocket are masked as on HTTP (src/error-format.ts): our coded errors
 * pass, anything else becomes INTERNAL with the request (or event) id, logged with its cause.
 */
import { GraphQLError, type ExecutionResult } from 'graphql';
import { ErrorCode } from '../errors.js';
import type { Logger } from '../observability/logger.js';
import { formatError } from '../error-format.js';

export function maskError(error: GraphQLError, requestId: string | undefined, logger: Logger) {
  // Variables that do not coerce are request errors: no path, no cause (and no code from graphql-js).
  const subject = !error.path && !error.originalError ? coded(error, 'BAD_USER_INPUT') : error;
  const formatted = formatError(subject.toJSON(), subject);
  if (formatted.extensions?.code === ErrorCode.INTERNAL) {
    logger.error({ err: error.originalError ?? error, requestId, path: error.path }, 'unexpected error in a subscription');
    return { ...formatted, extensions: { ...formatted.extensions, requestId } };
  }
  return formatted;
}

export function maskResult(result: ExecutionResult, requestId: string | undefined, logger: Logger) {
  if (!result.errors?.length) return; // sent as it is
  const { data, extensions } = result;
  return { data, ...(extensions && { extensions }), errors: result.errors.map((error) => maskError(error, requestId, logger)) };
}

/** `error` with `code` unless it already has one. */
export function coded(error: GraphQLError, code: string): GraphQLError {
  if (error.extensions?.code) return error;
  const { nodes, source, positions, path, originalError } = error;
  return new GraphQLError(error.message, { nodes, source, positions, path, originalError, extensions: { ...error.extensions, code } });
}
