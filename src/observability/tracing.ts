/**
 * OpenTelemetry tracing, on only when OTEL_EXPORTER_OTLP_ENDPOINT is set: spans are batched and
 * sent over OTLP/HTTP (JSON) to `<endpoint>/v1/traces`. When it is unset `startTracing` returns
 * undefined before loading the SDK, and callers install nothing (no Apollo plugin, no Prisma
 * query events, no context manager): tracing off costs nothing per request.
 *
 * Spans: the HTTP request (a server span, continuing an incoming W3C `traceparent`), GraphQL
 * parse / validate / execute and resolvers slower than OTEL_RESOLVER_SPAN_MIN_MS
 * (src/server/plugins/tracing.ts), and every SQL statement, made from Prisma's query events with
 * the statement text (values are $n placeholders; the parameters are never recorded).
 *
 * Each app gets its own TracerProvider and passes its tracer explicitly, so several apps in one
 * process (tests) do not share exporters; the first one is also registered as the global
 * provider. The AsyncLocalStorage context manager is process-wide (the API allows one): it is
 * installed by the first app and removed when the last one stops.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { context, defaultTextMapGetter, SpanKind, trace, type Context, type Span, type Tracer } from '@opentelemetry/api';
import type { Config } from '../config.js';
import type { Database } from '../db/database.js';
import type { StatementEvent } from '../db/sql-transaction.js';

export interface Tracing {
  readonly tracer: Tracer;
  /** Resolvers faster than this get no span of their own. */
  readonly resolverSpanMinMs: number;
  /** The server span of one HTTP request and the context to run the request in. */
  startRequest(method: string, route: string, headers: IncomingHttpHeaders): { span: Span; context: Context };
  /** Turns the database's Prisma query events into SQL spans (the clients must emit them: logQueries). */
  traceQueries(database: Pick<Database, 'onStatement'>): void;
  /**
   * While `inner` runs (graphql.execute), SQL of the request whose server span is `request`
   * nests under `inner`; `undefined` ends that. Needed because resolvers run in the request
   * span's async context: Apollo's hooks cannot make another span current.
   */
  nestQueriesUnder(request: Span | undefined, inner: Span | undefined): void;
  /** Exports what is still buffered and stops; gives up at `deadline` (epoch ms) if the collector hangs. */
  shutdown(deadline?: number): Promise<void>;
}

const SERVICE_NAME = 'dandori-portal-api';
/** Longer statements are cut in the span attribute; the shape of a query shows in its start. */
const MAX_STATEMENT_CHARS = 4_000;
let contextManagerUsers = 0;

type TracingConfig = Pick<Config, 'OTEL_EXPORTER_OTLP_ENDPOINT' | 'OTEL_RESOLVER_SPAN_MIN_MS'>;

export async function startTracing(config: TracingConfig): Promise<Tracing | undefined> {
  const endpoint = config.OTEL_EXPORTER_OTLP_ENDPOINT;
  if (!endpoint) return undefined;
  // Loaded only when tracing is on.
  const [{ BasicTracerProvider, BatchSpanProcessor }, { OTLPTraceExporter }, { resourceFromAttributes }, { AsyncLocalStorageContextManager }, { W3CTraceContextPropagator }] =
    await Promise.all([
      import('@opentelemetry/sdk-trace-base'),
      import('@opentelemetry/exporter-trace-otlp-http'),
      import('@opentelemetry/resources'),
      import('@opentelemetry/context-async-hooks'),
      import('@opentelemetry/core'),
    ]);

  if (contextManagerUsers++ === 0) context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': SERVICE_NAME }),
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter({ url: new URL('v1/traces', endpoint.endsWith('/') ? endpoint : `${endpoint}/`).href }))],
  });
  const tracer = provider.getTracer(SERVICE_NAME);
  // Also the global provider (the first app's, in a process with several), so code that calls
  // `trace.getTracer()` — a job worker, a library — reaches the same exporter.
  const registeredGlobally = trace.setGlobalTracerProvider(provider);
  const propagator = new W3CTraceContextPropagator();
  let stopped: Promise<void> | undefined;
  const nested = new WeakMap<Span, Span>();

  const sqlSpan = (event: StatementEvent) => {
    const active = context.active();
    const current = trace.getSpan(active);
    // SQL outside a traced request (start-up, background work) would be a trace of its own each.
    if (!current) return;
    const inner = nested.get(current);
    const parent = inner ? trace.setSpan(active, inner) : active;
    const operation = /^\s*([A-Za-z]+)/.exec(event.query)?.[1]?.toUpperCase() ?? 'SQL';
    const start = event.startedAt;
    tracer
      .startSpan(
        operation,
        {
          kind: SpanKind.CLIENT,
          startTime: start,
          attributes: { 'db.system.name': 'postgresql', 'db.operation.name': operation, 'db.query.text': event.query.slice(0, MAX_STATEMENT_CHARS) },
        },
        parent,
      )
      .end(start + event.durationMs);
  };

  return {
    tracer,
    resolverSpanMinMs: config.OTEL_RESOLVER_SPAN_MIN_MS,
    startRequest(method, route, headers) {
      const parent = propagator.extract(context.active(), headers, defaultTextMapGetter);
      const span = tracer.startSpan(
        `${method} ${route}`,
        { kind: SpanKind.SERVER, attributes: { 'http.request.method': method, 'http.route': route } },
        parent,
      );
      return { span, context: trace.setSpan(parent, span) };
    },
    traceQueries(database) {
      database.onStatement(sqlSpan);
    },
    nestQueriesUnder(request, inner) {
      if (!request) return;
      if (inner) nested.set(request, inner);
      else nested.delete(request);
    },
    shutdown(deadline = Number.POSITIVE_INFINITY) {
      stopped ??= provider.shutdown().finally(() => {
        if (registeredGlobally) trace.disable();
        if (--contextManagerUsers === 0) context.disable();
      });
      if (deadline === Number.POSITIVE_INFINITY) return stopped;
      return Promise.race([stopped, new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, deadline - Date.now())).unref())]);
    },
  };
}
