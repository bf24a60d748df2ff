/**
 * `npm run bench`: requests per second and latency of the GraphQL server against a bare node:http
 * baseline, in the same run on the same machine, so the figures are ratios rather than absolute
 * numbers from a noisy box. The server is the compiled build, as in production (NODE_ENV=production,
 * PostgreSQL, Redis), in its own process; autocannon drives it from this one. Each row also gives
 * the serving process's CPU time per request (from /proc), which does not depend on how fast the
 * load generator is.
 *
 *   npm run bench                      # 10 s per scenario, 50 connections
 *   BENCH_SECONDS=30 BENCH_CONNECTIONS=100 npm run bench
 */
import type { ChildProcess } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import autocannon from 'autocannon';
import pg from 'pg';
import { DEMO_PASSWORD } from '../src/seed/demo.js';
import { graphql, seededDatabase, startBuiltServer, startProcess } from './server-under-test.js';
import { processCpuMs } from './support/process-cpu.js';

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);

/** `body` is the same for every request, or made anew for each. */
async function run(name: string, server: ChildProcess, url: string, body: string | (() => string), headers: Record<string, string> = {}) {
  const cpuBefore = processCpuMs(server.pid!);
  const common = { url, connections, duration: seconds, method: 'POST' as const, headers: { 'content-type': 'application/json', ...headers } };
  const result = await autocannon(
    typeof body === 'string' ? { ...common, body } : { ...common, requests: [{ setupRequest: (request) => ({ ...request, body: body() }) }] },
  );
  const cpuAfter = processCpuMs(server.pid!);
  const cpuMsPerRequest = cpuBefore !== undefined && cpuAfter !== undefined && result.requests.total ? (cpuAfter - cpuBefore) / result.requests.total : undefined;
  return {
    name, rps: Math.round(result.requests.average), p50: result.latency.p50, p90: result.latency.p90,
    p97_5: result.latency.p97_5, p99: result.latency.p99, errors: result.errors + result.non2xx, total: result.requests.total,
    cpuMsPerRequest: cpuMsPerRequest === undefined ? undefined : Math.round(cpuMsPerRequest * 1000) / 1000,
  };
}

async function main() {
  const scratch = await seededDatabase('dandori_bench');
  const children: ChildProcess[] = [];
  try {
    const bare = await startProcess([process.execPath, '--import', 'tsx', 'loadtest/baseline-server.ts'], { PORT: '4100' }, 'http://127.0.0.1:4100/');
    const apolloAlone = await startProcess([process.execPath, '--import', 'tsx', 'loadtest/apollo-baseline-server.ts'], { PORT: '4102' }, 'http://127.0.0.1:4102/graphql?query=%7B__typename%7D');
    // The bench measures the pipeline's cost, not its limits: at 10,000 req/s one tenant would pass
    // its 60,000 per minute within seconds, and one address its anonymous budget — both answer 429
    // cheaply, which would read as speed. Both are lifted for this server.
    await liftTenantRateLimits(scratch.url);
    const ours = await startBuiltServer(scratch.url, 4101, { ANONYMOUS_REQUESTS_PER_MINUTE: String(1e9) });
    children.push(bare, apolloAlone, ours);
    const api = 'http://127.0.0.1:4101/graphql';
    const { login } = await graphql<{ login: { accessToken: string } }>(
      api, `mutation { login(tenantSlug: "sakura-kensetsu", email: "member@sakura-kensetsu.example", password: "${DEMO_PASSWORD}") { accessToken } }`,
    );
    const auth = { authorization: `Bearer ${login.accessToken}` };
    const q = (query: string) => JSON.stringify({ query });

    const dashboard = '{ dashboard { taskCountsByStatus { status count } overdueCount overdueTasks(first: 5) { title } openTasksByAssignee(top: 5) { openCount assignee { displayName } } projectsByStatus { status count } projectProgress(first: 5) { project { name } progress { ratio } } recentActivity(first: 10) { summary actor { displayName } } } }';
    // Every request a different document (an alias numbered per request): the whole-result cache
    // never hits, the per-field dashboard cache does — the cost of a dashboard the first time it is asked for.
    let variant = 0;
    const uncachedDashboard = () => q(dashboard.replace('dashboard {', `dashboard { n${variant++}: __typename`));
    const rows = [
      await run('bare node:http (baseline)', bare, 'http://127.0.0.1:4100/', q('{ __typename }')),
      await run('Apollo Server alone on node:http, { __typename }', apolloAlone, 'http://127.0.0.1:4102/graphql', q('{ __typename }')),
      await run('ours: { __typename } anonymous', ours, api, q('{ __typename }')),
      await run('{ me { displayName } }', ours, api, q('{ me { displayName } }'), auth),
      await run('tasks(first: 20) + project, assignee', ours, api, q('{ tasks(first: 20) { nodes { title status project { name } assignee { displayName } } } }'), auth),
      await run('dashboard, warm (every field, same document)', ours, api, q(dashboard), auth),
      await run('dashboard, each request a new document', ours, api, uncachedDashboard, auth),
    ];
    const baseline = rows[0]!.rps;
    console.log(`\n${seconds} s per scenario, ${connections} connections, ${new Date().toISOString()}\n`);
    console.log('| scenario | req/s | × baseline | server CPU ms/req | p50 ms | p90 ms | p97.5 ms | p99 ms | errors |');
    console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
    for (const r of rows) console.log(`| ${r.name} | ${r.rps} | ${(r.rps / baseline).toFixed(2)} | ${r.cpuMsPerRequest ?? '–'} | ${r.p50} | ${r.p90} | ${r.p97_5} | ${r.p99} | ${r.errors} |`);
    await mkdir('loadtest/results', { recursive: true });
    await writeFile(`loadtest/results/bench-${Date.now()}.json`, JSON.stringify({ seconds, connections, rows }, null, 2));
    const failed = rows.filter((r) => r.errors > 0);
    if (failed.length) throw new Error(`errors in ${failed.map((r) => r.name).join('; ')}: those rows measure refusals, not the work`);
  } finally {
    for (const child of children) child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 500));
    await scratch.drop();
  }
}

async function liftTenantRateLimits(databaseUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('UPDATE tenants SET rate_limit_per_minute = 1000000000');
  } finally {
    await client.end();
  }
}

main().then(() => process.exit(0), (error: unknown) => {
  console.error(error);
  process.exit(1);
});
