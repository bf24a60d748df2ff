/**
 * Apollo GraphOS reporting against a local stand-in of Apollo's endpoints: a started server with
 * APOLLO_KEY and APOLLO_GRAPH_REF sends its schema and its usage (decoded here with Apollo's own
 * protobuf definitions), with operations, field usage and the client's name, and nothing private:
 * no variable values, no headers, no error messages.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { Report } from '@apollo/usage-reporting-protobuf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { graphosEnabled } from '../../src/server/graphos.js';
import { DEMO_PASSWORD, startTestServer, type TestServer } from '../support/server.js';
import { graphql } from '../generated/index.js';

// Their names are what the usage reports are checked for.
const SIGN_IN = graphql(`mutation GraphosSignIn($s: String!, $e: String!, $p: String!) { login(tenantSlug: $s, email: $e, password: $p) { accessToken } }`);
const WORK = graphql(`query GraphosWork($first: Int!) { tasks(first: $first) { totalCount nodes { id title } } }`);
const FAILED_SIGN_IN = graphql(`mutation GraphosFailedSignIn($s: String!, $e: String!, $p: String!) { login(tenantSlug: $s, email: $e, password: $p) { accessToken } }`);

const KEY = 'service:dandori-portal:test-key-0123456789';
const GRAPH_REF = 'dandori-portal@test';
const SECRET_VARIABLE = 'variable-value-that-must-stay-here';
const SECRET_HEADER = 'header-value-that-must-stay-here';

interface UsagePost {
  apiKey: string | undefined;
  raw: Buffer;
  report: Record<string, any>;
}

interface SchemaPost {
  apiKey: string | undefined;
  body: { variables: { report: Record<string, any>; coreSchema: string | null } };
}

/** Apollo's usage ingress (/api/ingress/traces, gzipped protobuf) and schema reporting (GraphQL) endpoints. */
async function startStandIn() {
  const usage: UsagePost[] = [];
  const schema: SchemaPost[] = [];
  const read = async (req: IncomingMessage) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  };
  const server: Server = createServer(async (req, res) => {
    const body = await read(req);
    const apiKey = req.headers['x-api-key'] as string | undefined;
    if (req.url === '/api/ingress/traces') {
      const raw = req.headers['content-encoding'] === 'gzip' ? gunzipSync(body) : body;
      usage.push({ apiKey, raw, report: Report.toObject(Report.decode(raw), { longs: String, defaults: false }) });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      return;
    }
    if (req.url === '/schema') {
      const parsed = JSON.parse(body.toString('utf8')) as SchemaPost['body'];
      schema.push({ apiKey, body: parsed });
      // First report: ask for the schema itself at once; after that, not again during the test.
      const first = parsed.variables.coreSchema === null;
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({
        data: { reportSchema: { __typename: 'ReportSchemaResponse', inSeconds: first ? 0 : 3600, withCoreSchema: first } },
      }));
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { base, usage, schema, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** Polls until `found` returns a value (GraphOS sends on its own timers; bounded by the report interval and retries). */
async function eventually<T>(found: () => T | undefined, what: string, timeoutMs = 20_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = found();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('GraphOS configuration', () => {
  it('is off unless both APOLLO_KEY and APOLLO_GRAPH_REF are set, and refuses one without the other', () => {
    expect(graphosEnabled(loadConfig({ NODE_ENV: 'test' }))).toBe(false);
    expect(graphosEnabled(loadConfig({ NODE_ENV: 'test', APOLLO_KEY: KEY, APOLLO_GRAPH_REF: GRAPH_REF }))).toBe(true);
    expect(() => loadConfig({ NODE_ENV: 'test', APOLLO_KEY: KEY })).toThrow(ConfigError);
    expect(() => loadConfig({ NODE_ENV: 'test', APOLLO_KEY: KEY })).toThrow(/APOLLO_GRAPH_REF: APOLLO_KEY and APOLLO_GRAPH_REF go together/);
    expect(() => loadConfig({ NODE_ENV: 'test', APOLLO_GRAPH_REF: GRAPH_REF })).toThrow(/APOLLO_KEY: APOLLO_KEY and APOLLO_GRAPH_REF go together/);
    expect(() => loadConfig({ NODE_ENV: 'test', APOLLO_KEY: KEY, APOLLO_GRAPH_REF: 'no-variant' })).toThrow(/<graph id>@<variant>/);
    // The key is a secret: never repeated in the error message.
    expect(() => loadConfig({ NODE_ENV: 'test', APOLLO_KEY: KEY })).not.toThrow(new RegExp(KEY));
  });
});

describe('GraphOS reporting to a stand-in endpoint', () => {
  let standIn: Awaited<ReturnType<typeof startStandIn>>;
  let server: TestServer;

  beforeAll(async () => {
    standIn = await startStandIn();
    server = await startTestServer({
      env: {
        APOLLO_KEY: KEY,
        APOLLO_GRAPH_REF: GRAPH_REF,
        APOLLO_USAGE_REPORTING_URL: standIn.base,
        APOLLO_SCHEMA_REPORTING_URL: `${standIn.base}/schema`,
      },
      graphos: { schemaReportingInitialDelayMaxMs: 0, usageReportIntervalMs: 300 },
    });
  });
  afterAll(async () => {
    await server?.close();
    await standIn?.close();
  });

  it('reports the schema to the graph ref, with the SDL when asked for it', async () => {
    const withSchema = await eventually(() => standIn.schema.find((post) => post.body.variables.coreSchema), 'a schema report with the SDL');
    expect(withSchema.apiKey).toBe(KEY);
    expect(withSchema.body.variables.report.graphRef).toBe(GRAPH_REF);
    expect(withSchema.body.variables.coreSchema).toContain('dashboardUpdated');
    expect(withSchema.body.variables.coreSchema).toMatch(/type Query\b/);
  });

  it('reports operations, field usage and the client, never variables, headers or error messages', async () => {
    const client = { 'apollographql-client-name': 'graphos-test-client', 'apollographql-client-version': '1.2.3', 'x-private-note': SECRET_HEADER };
    const signIn = await server.graphql(
      SIGN_IN,
      { s: 'sakura-kensetsu', e: 'member@sakura-kensetsu.example', p: DEMO_PASSWORD },
      undefined,
      client,
    );
    const token = signIn.data!.login.accessToken;
    const work = await server.graphql(WORK, { first: 2 }, token, client);
    expect(work.errors).toBeUndefined();
    const failing = await server.graphql(
      FAILED_SIGN_IN,
      { s: 'sakura-kensetsu', e: `${SECRET_VARIABLE}@sakura-kensetsu.example`, p: 'a-wrong-password-kept-private' },
      undefined,
      client,
    );
    const errorMessage = failing.errors?.[0]?.message;
    expect(errorMessage).toBeTruthy(); // the client sees the message…

    const names = ['GraphosSignIn', 'GraphosWork', 'GraphosFailedSignIn'];
    const reported = () => standIn.usage.flatMap((post) => Object.keys(post.report.tracesPerQuery ?? {}));
    await eventually(() => (names.every((name) => reported().some((key) => key.startsWith(`# ${name}\n`))) ? true : undefined), 'usage of the three operations');

    expect(standIn.usage.every((post) => post.apiKey === KEY)).toBe(true);
    expect(standIn.usage[0]!.report.header.graphRef).toBe(GRAPH_REF);
    const entries = standIn.usage.flatMap((post) => Object.entries<Record<string, any>>(post.report.tracesPerQuery ?? {}));
    // Field usage: which fields of which types each operation reads.
    const workEntry = entries.find(([key]) => key.startsWith('# GraphosWork\n'))![1];
    expect(workEntry.referencedFieldsByType.Query.fieldNames).toContain('tasks');
    expect(workEntry.referencedFieldsByType.Task.fieldNames).toEqual(expect.arrayContaining(['id', 'title']));
    // The client's name and version, from traces or aggregated stats.
    const clients = entries.flatMap(([, entry]) => [
      ...(entry.trace ?? []).map((trace: Record<string, any>) => `${trace.clientName}@${trace.clientVersion}`),
      ...(entry.statsWithContext ?? []).map((stats: Record<string, any>) => `${stats.context?.clientName}@${stats.context?.clientVersion}`),
    ]);
    expect(clients).toContain('graphos-test-client@1.2.3');

    // …Apollo does not: nothing private appears anywhere in what was sent, byte for byte.
    const sent = Buffer.concat(standIn.usage.map((post) => post.raw)).toString('latin1');
    for (const secret of [DEMO_PASSWORD, SECRET_VARIABLE, 'a-wrong-password-kept-private', SECRET_HEADER, errorMessage!, token.slice(-20)]) expect(sent).not.toContain(secret);
    const traces = entries.flatMap(([, entry]) => entry.trace ?? []) as Record<string, any>[];
    expect(traces.length).toBeGreaterThan(0);
    for (const trace of traces) {
      // Variable names only, each value blank.
      expect(Object.values(trace.details?.variablesJson ?? {}).every((value) => value === '')).toBe(true);
      expect(trace.http?.requestHeaders ?? {}).toEqual({});
    }
    const traceErrors = JSON.stringify(traces).match(/"message":"[^"]*"/g) ?? [];
    expect(traceErrors.length).toBeGreaterThan(0); // the failure is reported…
    expect(new Set(traceErrors)).toEqual(new Set(['"message":"<masked>"'])); // …masked
  });
});
