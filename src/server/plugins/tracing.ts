/**
 * GraphQL spans, installed only when tracing is on (see src/observability/tracing.ts):
 * `graphql.parse`, `graphql.validate`, `graphql.execute`, and `graphql.resolve <Type.field>` for
 * each resolver that took at least `resolverSpanMinMs` (default 5 ms, OTEL_RESOLVER_SPAN_MIN_MS) —
 * a span per field of a 100-row list would cost more than the query. A resolver span is made
 * after the fact with its real start time, so it is created only for slow fields.
 *
 * All of them are children of the HTTP request span, which is the active context when Apollo
 * starts the request. Plugin hooks cannot change the async context the resolvers run in, so the
 * SQL spans are told explicitly to nest under `graphql.execute` while it runs (statements before
 * and after it — authentication, the closing COMMIT — stay under the request span).
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { context, SpanStatusCode, trace, type Span } from '@opentelemetry/api';
import type { Context } from '../../context/context.js';
import type { Tracing } from '../../observability/tracing.js';

function finish(span: Span, errors?: Error | readonly Error[] | null, endTime?: number) {
  const first = Array.isArray(errors) ? errors[0] : (errors as Error | null | undefined);
  if (first) span.setStatus({ code: SpanStatusCode.ERROR, message: first.message });
  span.end(endTime);
}

function pathOf(path: { prev: unknown; key: string | number } | undefined): string {
  const keys: (string | number)[] = [];
  for (let p = path; p; p = p.prev as typeof path) keys.unshift(p.key);
  return keys.join('.');
}

export function tracingPlugin(tracing: Pick<Tracing, 'tracer' | 'resolverSpanMinMs' | 'nestQueriesUnder'>): ApolloServerPlugin<Context> {
  const { tracer, resolverSpanMinMs } = tracing;
  return {
    async requestDidStart() {
      const parent = context.active();
      const request = trace.getSpan(parent);
      return {
        async parsingDidStart() {
          const span = tracer.startSpan('graphql.parse', {}, parent);
          return async (error) => finish(span, error);
        },
        async validationDidStart() {
          const span = tracer.startSpan('graphql.validate', {}, parent);
          return async (errors) => finish(span, errors);
        },
        async executionDidStart({ operationName, operation }) {
          const span = tracer.startSpan(
            'graphql.execute',
            { attributes: { 'graphql.operation.type': operation.operation, ...(operationName && { 'graphql.operation.name': operationName }) } },
            parent,
          );
          const executing = trace.setSpan(parent, span);
          tracing.nestQueriesUnder(request, span);
          return {
            willResolveField({ info }) {
              const start = performance.now();
              return (error) => {
                const end = performance.now();
                if (end - start < resolverSpanMinMs) return;
                const field = tracer.startSpan(
                  `graphql.resolve ${info.parentType.name}.${info.fieldName}`,
                  { startTime: start, attributes: { 'graphql.field.path': pathOf(info.path) } },
                  executing,
                );
                finish(field, error, end);
              };
            },
            async executionDidEnd(error) {
              tracing.nestQueriesUnder(request, undefined);
              finish(span, error);
            },
          };
        },
      };
    },
  };
}
