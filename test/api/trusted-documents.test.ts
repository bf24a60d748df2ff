/**
 * Trusted documents (src/server/trusted-documents.ts, scripts/documents.ts): the committed manifest
 * is what our clients send; with TRUSTED_DOCUMENTS=enforce a started server answers viewers below
 * ADMIN only manifest operations — by text, by id alone (POST and GET), as the explorer sends its
 * whole prepared document, as Apollo Client sends the example's documents, and over WebSocket —
 * and refuses the rest with a coded 400; ADMINs run anything; `log` answers and counts.
 */
import { spawn } from 'node:child_process';
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/paths.js';
import { EXPLORER_FORM_OPERATIONS, INITIAL_DOCUMENT } from '../../src/server/explorer/initial-document.js';
import { createTrustedDocuments, loadManifest, sha256 } from '../../src/server/trusted-documents.js';
import { DASHBOARD_OPERATIONS } from '../../src/web/dashboard/operations.js';
import { buildManifest, clientDocuments, manifestText } from '../../scripts/documents.js';
import { find, parseSamples } from '../support/prometheus-text.js';
import { DEMO_PASSWORD, startTestServer, type TestServer } from '../support/server.js';
import { connectWs, until } from '../support/ws-client.js';

const manifest = loadManifest();

function runCommand(args: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, args, { cwd: projectRoot, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const done = new Promise<{ code: number | null; output: string }>((resolve) => child.on('close', (code) => resolve({ code, output })));
  return { done, output: () => output };
}

describe('the manifest', () => {
  it('is in Apollo format, ids are SHA-256 of bodies, and it is what the clients send today (npm run documents -- --check)', async () => {
    expect(manifest.format).toBe('apollo-persisted-query-manifest');
    expect(manifest.version).toBe(1);
    for (const operation of manifest.operations) expect(operation.id).toBe(sha256(operation.body));
    expect(manifestText(buildManifest(clientDocuments()))).toBe(manifestText(manifest));
    const names = manifest.operations.map((operation) => operation.name);
    // The dashboard page, the explorer's examples and sign-in form, the Apollo Client example.
    expect(names).toEqual(expect.arrayContaining(['LiveDashboardPage', 'LiveDashboardUpdates', 'DashboardSignIn', 'SignIn', 'MyWork', 'Activity', 'ExplorerSignIn', 'SessionSignIn', 'SessionActivity']));
    const { code, output } = await runCommand(['--import', 'tsx', 'scripts/documents.ts', '--check']).done;
    expect(code, output).toBe(0);
    expect(output).toContain(`${manifest.operations.length} operations`);
  }, 60_000);

  it("holds every text the dashboard page and the explorer's form send, as they send it", () => {
    const counted: string[] = [];
    const trusted = createTrustedDocuments({
      mode: 'enforce',
      manifest,
      metrics: { untrustedOperation: (transport, action) => void counted.push(`${transport}:${action}`) },
      logger: { info: () => {} },
      maxTokens: 2_000,
    });
    for (const query of [...Object.values(DASHBOARD_OPERATIONS), ...Object.values(EXPLORER_FORM_OPERATIONS)]) {
      expect(trusted.check({ query }, null, 'http'), query).toBeUndefined();
    }
    for (const name of ['SignIn', 'MyWork', 'CreateTask', 'Activity']) {
      expect(trusted.check({ query: INITIAL_DOCUMENT, operationName: name }, null, 'http'), name).toBeUndefined();
    }
    expect(counted).toEqual([]);
    expect(trusted.check({ query: INITIAL_DOCUMENT }, null, 'websocket')?.extensions.code).toBe('QUERY_NOT_IN_SAFELIST'); // several operations, none chosen
    expect(counted).toEqual(['websocket:refused']);
  });

  it('refuses one operation name with two different bodies', () => {
    const sources = clientDocuments();
    const clash = buildManifest(sources).operations.find((operation) => operation.name === 'MyWork')!;
    // The same body twice is one entry…
    expect(buildManifest([...sources, { origin: 'a second client', document: parse(clash.body) }]).operations).toHaveLength(manifest.operations.length);
    // …another body under the same name is refused.
    expect(() => buildManifest([...sources, { origin: 'a second client', document: parse(clash.body.replace('totalCount', 'totalCount\n    pageInfo { hasNextPage }')) }])).toThrow(/MyWork has two different bodies/);
  });
});

describe('TRUSTED_DOCUMENTS=enforce', () => {
  let server: TestServer;
  let member: string;
  let admin: string;

  const post = async (body: unknown, token?: string) => {
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token && { authorization: `Bearer ${token}` }) },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as { data?: any; errors?: { message: string; extensions?: { code?: string } }[] } };
  };
  const signIn = async (email: string) => {
    const { status, body } = await post({ query: DASHBOARD_OPERATIONS.signIn, variables: { s: 'sakura-kensetsu', e: email, p: DEMO_PASSWORD } });
    expect(status, JSON.stringify(body)).toBe(200);
    return body.data.login.accessToken as string;
  };
  const idOf = (name: string) => manifest.operations.find((operation) => operation.name === name)!.id;
  const untrustedCount = async (action: string) =>
    find(parseSamples(await server.app.metrics.render()), 'dandori_untrusted_operations_total', { transport: 'http', action })[0]?.value ?? 0;

  beforeAll(async () => {
    server = await startTestServer({ env: { TRUSTED_DOCUMENTS: 'enforce' } });
    member = await signIn('member@sakura-kensetsu.example'); // the dashboard page's own sign-in, as written there
    admin = await signIn('admin@sakura-kensetsu.example');
  });
  afterAll(() => server?.close());

  it('answers manifest operations by text, and refuses any other text with 400 QUERY_NOT_IN_SAFELIST', async () => {
    const page = await post({ query: DASHBOARD_OPERATIONS.dashboard }, member);
    expect(page.status).toBe(200);
    expect(page.body.data.dashboard.taskCountsByStatus.length).toBeGreaterThan(0);

    const before = await untrustedCount('refused');
    const other = await post({ query: '{ me { id email } }' }, member);
    expect(other.status).toBe(400);
    expect(other.body.errors?.[0]?.extensions?.code).toBe('QUERY_NOT_IN_SAFELIST');
    expect(other.body.data).toBeUndefined();
    // A manifest operation with one field more is another operation.
    const widened = await post({ query: DASHBOARD_OPERATIONS.dashboard.replace('me { displayName role }', 'me { displayName role email }') }, member);
    expect(widened.body.errors?.[0]?.extensions?.code).toBe('QUERY_NOT_IN_SAFELIST');
    // Anonymous callers too: the test helper's own (unlisted) login is refused.
    const anonymous = await post({ query: 'mutation($s: String!, $e: String!, $p: String!) { login(tenantSlug: $s, email: $e, password: $p) { accessToken } }', variables: { s: 'sakura-kensetsu', e: 'member@sakura-kensetsu.example', p: DEMO_PASSWORD } });
    expect(anonymous.status).toBe(400);
    expect(anonymous.body.errors?.[0]?.extensions?.code).toBe('QUERY_NOT_IN_SAFELIST');
    expect(await untrustedCount('refused')).toBe(before + 3);
  });

  it('answers a manifest id sent alone (POST and GET) with no registration round trip; refuses an unknown id with PERSISTED_QUERY_NOT_IN_LIST', async () => {
    const extensions = { persistedQuery: { version: 1, sha256Hash: idOf('LiveDashboardPage') } };
    const byId = await post({ extensions }, member);
    expect(byId.status, JSON.stringify(byId.body)).toBe(200);
    expect(byId.body.data.me.role).toBe('MEMBER');

    const params = new URLSearchParams({ extensions: JSON.stringify({ persistedQuery: { version: 1, sha256Hash: idOf('MyWork') } }), variables: JSON.stringify({ first: 2 }) });
    const get = await fetch(`${server.url}/graphql?${params}`, { headers: { authorization: `Bearer ${member}`, 'apollo-require-preflight': 'true' } });
    const getBody = (await get.json()) as { data?: any };
    expect(get.status, JSON.stringify(getBody)).toBe(200);
    expect(getBody.data.tasks.nodes.length).toBeLessThanOrEqual(2);

    const unknown = await post({ extensions: { persistedQuery: { version: 1, sha256Hash: sha256('{ me { id email } }') } } }, member);
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_IN_LIST');
  });

  it("recognises the explorer's whole prepared document with the operation it chose", async () => {
    const work = await post({ query: INITIAL_DOCUMENT, operationName: 'MyWork', variables: { first: 1 } }, member);
    expect(work.status, JSON.stringify(work.body)).toBe(200);
    expect(work.body.data.me.role).toBe('MEMBER');
    const extra = await post({ query: `${INITIAL_DOCUMENT}\nquery Extra { me { email } }`, operationName: 'Extra' }, member);
    expect(extra.body.errors?.[0]?.extensions?.code).toBe('QUERY_NOT_IN_SAFELIST');
  });

  it('lets ADMINs run any operation', async () => {
    const result = await post({ query: '{ me { id email role } }' }, admin);
    expect(result.status).toBe(200);
    expect(result.body.data.me.role).toBe('ADMIN');
  });

  it('applies to WebSocket subscriptions: the dashboard page subscribes, another subscription is refused', async () => {
    const ws = connectWs(server.url, `Bearer ${member}`);
    try {
      const refused = ws.subscribe('subscription { activityRecorded { verb summary } }');
      await until(() => refused.error !== undefined, 10_000, () => 'the refusal');
      expect(JSON.stringify(refused.error)).toContain('QUERY_NOT_IN_SAFELIST');
      const before = server.app.websocket.stats().subscriptions;
      const live = ws.subscribe(DASHBOARD_OPERATIONS.dashboardUpdated);
      await until(() => server.app.websocket.stats().subscriptions > before || live.error !== undefined, 10_000, () => 'the dashboard subscription');
      expect(live.error).toBeUndefined();
      live.unsubscribe();
    } finally {
      await ws.dispose();
    }
    await until(() => server.app.websocket.stats().subscriptions === 0, 10_000, () => 'the subscriptions to end');
  });

  it("runs the Apollo Client example (examples/apollo-client-session.ts) as a MEMBER, every step", async () => {
    const before = server.app.websocket.stats().subscriptions;
    const example = runCommand(['--import', 'tsx', 'examples/apollo-client-session.ts'], { API_URL: `${server.url}/graphql` });
    await until(() => server.app.websocket.stats().subscriptions > before, 90_000, () => `the example to subscribe; output: ${example.output()}`);
    const projects = await post({ query: '{ projects(first: 1) { nodes { id } } }' }, admin);
    const created = await post({ query: 'mutation($input: CreateTaskInput!) { createTask(input: $input) { id } }', variables: { input: { projectId: projects.body.data.projects.nodes[0].id, title: 'Seen by the trusted example' } } }, admin);
    expect(created.body.errors).toBeUndefined();
    const { code, output } = await example.done;
    expect(code, output).toBe(0);
    expect(output).toMatch(/live event: \{"activityRecorded":\{"__typename":"ActivityEvent"/);
  }, 180_000);
});

describe('TRUSTED_DOCUMENTS=log', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ env: { TRUSTED_DOCUMENTS: 'log' } });
  });
  afterAll(() => server?.close());

  it('answers unknown operations and counts them in dandori_untrusted_operations_total', async () => {
    const { accessToken } = await server.login('sakura-kensetsu', 'member@sakura-kensetsu.example'); // itself unknown: counted
    const result = await server.graphql('{ me { role } }', undefined, accessToken);
    expect(result.status).toBe(200);
    expect(result.data?.me.role).toBe('MEMBER');
    const known = await server.graphql(DASHBOARD_OPERATIONS.dashboard, undefined, accessToken);
    expect(known.status).toBe(200);
    const logged = find(parseSamples(await server.app.metrics.render()), 'dandori_untrusted_operations_total', { transport: 'http', action: 'logged' });
    expect(logged.map((sample) => sample.value)).toEqual([2]);
  });
});
