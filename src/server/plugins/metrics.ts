/**
 * GraphQL metrics and the GraphQL half of the request log line. When a response is ready it
 *  - observes `dandori_graphql_request_duration_seconds{operation,tenant_id,outcome}` (timed from
 *    the HTTP request's arrival when there is one, so authentication counts too);
 *  - marks the viewer as an active user;
 *  - writes the operation name, viewer and the (already masked) `extensions.code` of every error
 *    into the request's RequestTelemetry, created by the HTTP handler, which counts the codes in
 *    `dandori_graphql_errors_total` when the response is done — together with errors answered
 *    before GraphQL ran. Without one (in-process `executeOperation`) the codes are counted here.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import type { Context } from '../../context/context.js';
import type { Metrics } from '../../observability/metrics.js';

export function metricsPlugin(metrics: Metrics): ApolloServerPlugin<Context> {
  return {
    async requestDidStart({ contextValue }) {
      const startedAt = contextValue.telemetry?.startedAt ?? performance.now();
      return {
        async willSendResponse({ response, contextValue, operationName, request }) {
          // A login or refresh has no viewer yet, but signs one in: count and log that user.
          const viewer = contextValue.viewer ?? contextValue.signIn.scope?.viewer ?? null;
          const errors = response.body.kind === 'single' ? (response.body.singleResult.errors ?? []) : [];
          const codes = errors.map((error) => String(error.extensions?.code ?? 'INTERNAL'));
          // Only a name taken from the document becomes a label; a client's unresolvable name does not.
          metrics.observeGraphQL({
            operationName,
            tenantId: viewer?.tenantId,
            outcome: codes.length ? 'error' : 'ok',
            seconds: (performance.now() - startedAt) / 1000,
          });
          if (viewer) metrics.userSeen(viewer.tenantId, viewer.userId);
          const telemetry = contextValue.telemetry;
          if (telemetry) {
            telemetry.operationName = operationName ?? request.operationName ?? null;
            telemetry.tenantId = viewer?.tenantId ?? null;
            telemetry.userId = viewer?.userId ?? null;
            telemetry.errorCodes.push(...codes);
          } else {
            metrics.countGraphQLErrors(codes);
          }
        },
      };
    },
  };
}
