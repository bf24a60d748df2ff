/**
 * Error masking on HTTP: what a client may see is decided by src/error-format.ts (Apollo's
 * `formatError`); this plugin logs every unexpected error in full with its request id and puts
 * that id on the masked INTERNAL errors. No stack traces leave.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import type { Context } from '../../context/context.js';
import { isExpectedError } from '../../error-format.js';
import { ErrorCode } from '../../errors.js';
import type { Logger } from '../../observability/logger.js';

/** Logs unexpected errors with the request id, and puts that id on the masked errors. */
export function errorMaskingPlugin(logger: Logger): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, contextValue, operationName }) {
          for (const error of errors) {
            if (isExpectedError(error, error.extensions?.code)) continue;
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
