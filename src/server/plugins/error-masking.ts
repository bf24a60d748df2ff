/**
 * Error masking: clients see our coded errors (src/errors.ts) and Apollo's own request errors
 * as they are; anything else — a bug, a driver failure — becomes INTERNAL with a generic message
 * and the request id, and is logged in full with that request id. No stack traces leave.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLFormattedError } from 'graphql';
import type { Context } from '../../context/context.js';
import { AppError, apolloRequestErrorCodes, ErrorCode } from '../../errors.js';
import type { Logger } from '../../observability/logger.js';

const INTERNAL_MESSAGE = 'Internal server error';

function isExpected(error: unknown, code: unknown): boolean {
  return unwrapResolverError(error) instanceof AppError || (typeof code === 'string' && apolloRequestErrorCodes.has(code));
}

/** Apollo's `formatError`. */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const code = formatted.extensions?.code;
  if (isExpected(error, code)) {
    const { stacktrace: _stacktrace, http: _http, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, extensions };
  }
  return { message: INTERNAL_MESSAGE, ...(formatted.path && { path: formatted.path }), extensions: { code: ErrorCode.INTERNAL } };
}

/** Logs unexpected errors with the request id, and puts that id on the masked errors. */
export function errorMaskingPlugin(logger: Logger): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, contextValue, operationName }) {
          for (const error of errors) {
            if (isExpected(error, error.extensions?.code)) continue;
            logger.error(
              { err: unwrapResolverError(error), requestId: contextValue.requestId, operationName, path: error.path },
              'unexpected error while serving a request',
            );
          }
        },
        async willSendResponse({ response, contextValue }) {
          if (response.body.kind !== 'single') return;
          for (const error of response.body.singleResult.errors ?? []) {
            if (error.extensions?.code === ErrorCode.INTERNAL) {
              (error.extensions as Record<string, unknown>).requestId = contextValue.requestId;
            }
          }
        },
      };
    },
  };
}
