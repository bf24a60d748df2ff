/**
 * `npm run loadtest` (profile `mixed`, the default): a mixed load against the compiled server, many users of many tenants at once,
 * checked against the targets (p95 < 200 ms, error rate < 0.1 %). Each connection is one signed-in
 * user who keeps cycling through what the portal does all day:
 *   dashboard 25 % · task list 35 % · one task with comments 15 % · me 10 % · notifications 10 % · a status change 5 %
 *
 *   npm run loadtest                                   # 5 tenants x 40 users x 2,000 tasks, 60 connections, 30 s
 *   LOAD_TENANTS=10 LOAD_USERS=200 LOAD_TASKS=20000 LOAD_CONNECTIONS=200 LOAD_SECONDS=120 npm run loadtest
 *
 * Figures are for this machine, with PostgreSQL, Redis, the server and the load generator sharing
 * its cores; compare runs made the same way.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import autocannon from 'autocannon';
import { DEMO_PASSWORD } from '../../src/seed/demo.js';
import { graphql, seededDatabase, startBuiltServer } from '../server-under-test.js';
import { processCpuMs } from '../support/process-cpu.js';
import { percentile } from '../support/virtual-users.js';

const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const tenants = env('LOAD_TENANTS', 5);
const users = env('LOAD_USERS', 40);
const tasks = env('LOAD_TASKS', 2_000);
const connections = env('LOAD_CONNECTIONS', 60);
const seconds = env('LOAD_SECONDS', 30);
const PORT = 4201;

interface VirtualUser {
  token: string;
  taskId: string;
  /** VIEWERs only read: the status change is left out of their mix (it would rightly be FORBIDDEN). */
  canWrite: boolean;
}

const mix = (user: VirtualUser) => {
  const post = (weight: number, query: string) => Array.from({ length: weight }, () => ({
    method: 'POST' as const,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${user.token}` },
    body: JSON.stringify({ query }),
  }));
  return [
    ...post(5, '{ dashboard { taskCountsByStatus { status count } overdueCount openTasksByAssignee(top: 5) { openCount assignee { displayName } } projectProgress(first: 5) { project { name } progress { ratio } } recentActivity(first: 10) { summary actor { displayName } } } }'),
    ...post(7, '{ tasks(first: 20, filter: { status: [TODO, IN_PROGRESS] }) { nodes { title status dueAt project { name } assignee { displayName } } pageInfo { endCursor hasNextPage } } }'),
    ...post(3, `{ task(id: "${user.taskId}") { title description comments(first: 10) { nodes { body author { displayName } } } attachments { filename } } }`),
    ...post(2, '{ me { displayName role department { name } } }'),
    ...post(2, '{ notifications(first: 10, unreadOnly: true) { unreadCount nodes { kind createdAt } } }'),
    ...(user.canWrite ? post(1, `mutation { changeTaskStatus(id: "${user.taskId}", status: IN_PROGRESS) { id status } }`) : []),
  ];
};

async function signIn(api: string, count: number): Promise<VirtualUser[]> {
  const result: VirtualUser[] = [];
  for (let i = 0; i < count; i++) {
    const tenant = `load-${String((i % tenants) + 1).padStart(3, '0')}`;
    const n = Math.floor(i / tenants) + 1;
    const email = `user-${String(n).padStart(4, '0')}@${tenant}.example`;
    const { login } = await graphql<{ login: { accessToken: string; user: { role: string } } }>(
      api, `mutation { login(tenantSlug: "${tenant}", email: "${email}", password: "${DEMO_PASSWORD}") { accessToken user { role } } }`,
    );
    // Users of one tenant spread over its newest tasks rather than all writing the same row.
    const { tasks: page } = await graphql<{ tasks: { nodes: { id: string }[] } }>(api, '{ tasks(first: 50) { nodes { id } } }', login.accessToken);
    result.push({ token: login.accessToken, taskId: page.nodes[n % page.nodes.length]!.id, canWrite: login.user.role !== 'VIEWER' });
  }
  return result;
}

export async function runMixedProfile(): Promise<void> {
  console.error(`seeding ${tenants} tenants x ${users} users x ${tasks} tasks ...`);
  const scratch = await seededDatabase('dandori_load', { tenants, users, tasks });
  let server: ChildProcess | undefined;
  try {
    server = await startBuiltServer(scratch.url, PORT);
    const api = `http://127.0.0.1:${PORT}/graphql`;
    const virtualUsers = await signIn(api, Math.min(connections, tenants * users));
    let next = 0;
    // autocannon reports p90 and p97.5 but not p95: keep every response time for the exact figure.
    const responseTimes: number[] = [];
    // The server's own CPU per request: what one pod's core can carry (docs/cloud.md, POD_CAPACITY),
    // whatever the generator and PostgreSQL take of this machine's cores meanwhile.
    const cpuBefore = processCpuMs(server.pid!);
    const result = await autocannon({
      url: api,
      connections,
      duration: seconds,
      setupClient: (client) => {
        client.setRequests(mix(virtualUsers[next++ % virtualUsers.length]!));
        client.on('response', (_status: number, _bytes: number, ms: number) => void responseTimes.push(ms));
      },
    });
    const cpuAfter = processCpuMs(server.pid!);
    const p95 = Math.round(percentile(responseTimes, 95) * 10) / 10;
    const total = result.requests.total;
    const errors = result.errors + result.non2xx + result.timeouts;
    const errorRate = total ? errors / total : 0;
    const summary = {
      when: new Date().toISOString(), tenants, users, tasks, connections, seconds,
      requests: total, rps: Math.round(result.requests.average),
      latencyMs: { p50: result.latency.p50, p90: result.latency.p90, p95, p97_5: result.latency.p97_5, p99: result.latency.p99, max: result.latency.max },
      errors, errorRate,
      serverCpuMsPerRequest: cpuBefore !== undefined && cpuAfter !== undefined && total ? Math.round(((cpuAfter - cpuBefore) / total) * 1000) / 1000 : undefined,
      targets: { p95Under200ms: p95 < 200, errorRateUnder0_1pct: errorRate < 0.001 },
    };
    console.log(JSON.stringify(summary, null, 2));
    console.log(`\n| load | req/s | p50 ms | p90 ms | p95 ms | p99 ms | errors | server CPU ms/req |\n|---|---:|---:|---:|---:|---:|---:|---:|\n| ${tenants} tenants × ${users} users × ${tasks} tasks, ${connections} conns, ${seconds} s | ${summary.rps} | ${summary.latencyMs.p50} | ${summary.latencyMs.p90} | ${p95} | ${summary.latencyMs.p99} | ${errors} / ${total} | ${summary.serverCpuMsPerRequest ?? '–'} |`);
    await mkdir('loadtest/results', { recursive: true });
    await writeFile(`loadtest/results/load-${Date.now()}.json`, JSON.stringify(summary, null, 2));
  } finally {
    server?.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 500));
    await scratch.drop();
  }
}
