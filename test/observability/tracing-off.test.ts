/**
 * Tracing off (no OTEL_EXPORTER_OTLP_ENDPOINT) costs nothing: the SDK is never loaded, no
 * tracer provider or context manager is registered with the OpenTelemetry API, the Apollo
 * tracing plugin is not installed, and Prisma emits no query events for SQL spans.
 */
import { context, createContextKey, trace } from '@opentelemetry/api';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { tracingPlugin } from '../../src/server/plugins/tracing.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { graphql } from '../generated/index.js';

const A_PROJECT = graphql(`query TracingOffAProject { projects(first: 1) { nodes { id } } }`);
const CREATE_TASK = graphql(`mutation TracingOffCreateTask($i: CreateTaskInput!) { createTask(input: $i) { id } }`);
const TASKS = graphql(`query TracingOffTasks { tasks(first: 2) { nodes { id } } }`);

// Loading any of these when tracing is off fails the start-up.
vi.mock('@opentelemetry/sdk-trace-base', () => {
  throw new Error('@opentelemetry/sdk-trace-base was loaded with tracing off');
});
vi.mock('@opentelemetry/exporter-trace-otlp-http', () => {
  throw new Error('@opentelemetry/exporter-trace-otlp-http was loaded with tracing off');
});
vi.mock('../../src/server/plugins/tracing.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src/server/plugins/tracing.js')>();
  return { tracingPlugin: vi.fn(original.tracingPlugin) };
});

describe('tracing off', () => {
  let server: TestServer;
  let token: string;
  const statements: string[] = [];

  beforeAll(async () => {
    server = await startTestServer();
    server.database.onStatement((event) => statements.push(event.query));
    token = (await server.login('sakura-kensetsu', 'member@sakura-kensetsu.example')).accessToken;
  });
  afterAll(() => server?.close());

  it('starts no tracing and installs no Apollo tracing plugin', () => {
    expect(server.app.tracing).toBeUndefined();
    expect(tracingPlugin).not.toHaveBeenCalled();
  });

  it('leaves the OpenTelemetry API without a provider or a context manager', async () => {
    const probe = trace.getTracer('probe').startSpan('probe');
    expect(probe.isRecording()).toBe(false);
    probe.end();
    const key = createContextKey('probe');
    // The no-op context manager ignores `with`: nothing is carried across calls.
    expect(context.with(context.active().setValue(key, 1), () => context.active().getValue(key))).toBeUndefined();
  });

  it('serves requests without Prisma query events', async () => {
    // A write goes through Prisma; its statements are reported only when query events are on.
    const projectId = (await server.graphql(A_PROJECT, {}, token)).data!.projects.nodes[0]!.id;
    statements.length = 0;
    const created = await server.graphql(CREATE_TASK, { i: { projectId, title: 'No query events' } }, token);
    expect(created.errors).toBeUndefined();
    expect(statements).toEqual([]);
    // Reads are plain SQL of our own: reported to a listener like this test, free when nobody listens.
    const result = await server.graphql(TASKS, {}, token);
    expect(result.data?.tasks.nodes).toHaveLength(2);
    expect(statements.some((s) => /FROM tasks\b/.test(s))).toBe(true);
  });
});
