/**
 * Tracing on: a real OTLP/HTTP receiver (node:http on 127.0.0.1 taking POST /v1/traces as JSON)
 * gets, for one GraphQL request, the HTTP server span, graphql.parse / validate / execute, a
 * resolver span and the SQL statements — all in one trace, continuing the caller's traceparent,
 * with statement text but no parameter values. Spans are flushed when the app stops.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';
import { graphql } from '../generated/index.js';

// Its name is what the spans are checked for.
const TRACED_TASKS = graphql(`query TracedTasks { tasks(first: 2) { nodes { id title } } }`);

interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  attributes?: { key: string; value: { stringValue?: string; intValue?: string | number } }[];
}

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const CALLER_SPAN_ID = '00f067aa0ba902b7';

function attribute(span: OtlpSpan, key: string): string | number | undefined {
  const value = span.attributes?.find((a) => a.key === key)?.value;
  return value?.stringValue ?? (value?.intValue === undefined ? undefined : Number(value.intValue));
}

describe('tracing over OTLP/HTTP', () => {
  let receiver: Server;
  const spans: OtlpSpan[] = [];
  const contentTypes: string[] = [];
  let server: TestServer;
  let tenantId: string;
  let userId: string;

  beforeAll(async () => {
    receiver = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        if (req.method === 'POST' && req.url === '/v1/traces') {
          contentTypes.push(String(req.headers['content-type']));
          const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
            resourceSpans: { scopeSpans: { spans: OtlpSpan[] }[] }[];
          };
          for (const resource of body.resourceSpans) for (const scope of resource.scopeSpans) spans.push(...scope.spans);
        }
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const endpoint = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;

    server = await startTestServer({ env: { OTEL_EXPORTER_OTLP_ENDPOINT: endpoint, OTEL_RESOLVER_SPAN_MIN_MS: '0' } });
    tenantId = server.tenantIds['sakura-kensetsu']!;
    const { accessToken, userId: id } = await server.login('sakura-kensetsu', 'member@sakura-kensetsu.example');
    userId = id;
    const result = await server.graphql(TRACED_TASKS, {}, accessToken, {
      'x-request-id': 'traced-request',
      traceparent: `00-${TRACE_ID}-${CALLER_SPAN_ID}-01`,
    });
    expect(result.errors).toBeUndefined();
    await server.close(); // flushes the batch to the receiver
  });
  afterAll(async () => {
    await new Promise((resolve) => receiver?.close(resolve));
  });

  it('exports JSON to <endpoint>/v1/traces', () => {
    expect(spans.length).toBeGreaterThan(0);
    expect(contentTypes.every((type) => type.startsWith('application/json'))).toBe(true);
  });

  it('records the request, its GraphQL phases, a resolver and its SQL in one trace under the caller', () => {
    const request = spans.find((s) => attribute(s, 'dandori.request_id') === 'traced-request');
    expect(request).toBeDefined();
    expect(request!.name).toBe('POST /graphql');
    expect(request!.traceId).toBe(TRACE_ID);
    expect(request!.parentSpanId).toBe(CALLER_SPAN_ID);
    expect(attribute(request!, 'http.response.status_code')).toBe(200);
    expect(attribute(request!, 'graphql.operation.name')).toBe('TracedTasks');

    const trace = spans.filter((s) => s.traceId === TRACE_ID);
    const children = trace.filter((s) => s.parentSpanId === request!.spanId).map((s) => s.name);
    expect(children).toEqual(expect.arrayContaining(['graphql.parse', 'graphql.validate', 'graphql.execute']));
    const execute = trace.find((s) => s.name === 'graphql.execute')!;
    expect(attribute(execute, 'graphql.operation.name')).toBe('TracedTasks');
    const resolver = trace.find((s) => s.name === 'graphql.resolve Query.tasks');
    expect(resolver?.parentSpanId).toBe(execute.spanId);

    const sql = trace.filter((s) => attribute(s, 'db.query.text') !== undefined);
    expect(sql.map((s) => s.name)).toContain('SELECT');
    // The resolvers' statements nest under graphql.execute; the closing COMMIT under the request.
    const taskQuery = sql.find((s) => /FROM tasks\b/.test(String(attribute(s, 'db.query.text'))));
    expect(taskQuery?.parentSpanId).toBe(execute.spanId);
    expect(sql.find((s) => s.name === 'COMMIT')?.parentSpanId).toBe(request!.spanId);
    // Placeholders only: the tenant id bound by set_config and the user id never appear.
    for (const statement of sql) {
      expect(JSON.stringify(statement.attributes)).not.toContain(tenantId);
      expect(JSON.stringify(statement.attributes)).not.toContain(userId);
    }
  });
});
