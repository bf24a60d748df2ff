/**
 * `npm run bench:fanout [-- --subscribers 3000 --mutations 20 --interval-ms 1500 --client-processes 2]`:
 * live events at scale. Two server processes (the compiled build, NODE_ENV=production) share one
 * PostgreSQL database and Redis, as two pods do; N WebSocket subscribers of one tenant are spread
 * over both; mutations are sent to the first only, so half the subscribers hear of them through Redis.
 * The subscribers live in `--client-processes` processes (default: one per core), speaking the
 * protocol on plain sockets (support/ws-subscriber.ts): they stand for N browsers, and on one
 * event loop the bench's own reading would be measured as the servers' latency.
 *
 * First a baseline, in the same run: the same subscribers against two bare `ws` servers that send
 * one frame to every socket per "mutation" (support/bare-fanout-server.ts) — what this machine
 * itself costs to hand one event to N sockets and have them read it.
 *
 * For each of activityRecorded, taskChanged and dashboardUpdated in turn, every subscriber
 * subscribes to the field and M tasks are created, one every `interval-ms` (after one warm-up write,
 * not measured, that a fresh process pays for once). Reported:
 *  - mutation -> LAST subscriber latency (the time from sending the mutation until the slowest of
 *    the N subscribers has the event), p50 / p95 / max over the M mutations; in the JSON, each
 *    mutation's latency and its own response time;
 *  - deliveries lost: N x M minus the events that arrived (an error in place of data counts as lost);
 *  - server memory per idle subscription: the servers' resident memory with N subscriptions open
 *    and idle, minus before any connection, divided by N (an upper bound: it includes garbage);
 *  - HTTP p95 on the same servers: an open-loop probe (a `tasks` query, `--http-rate` per second)
 *    while everything is idle, and for the requests that overlapped a fan-out (from a mutation to
 *    its last delivery);
 *  - in the JSON, CPU per mutation of both servers and of the subscriber processes over the phase.
 * The machine's load average is printed with the figures: this box is shared.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import pLimit from 'p-limit';
import { planScale, scaleUserEmail } from '../src/seed/scale-plan.js';
import { DEMO_PASSWORD } from '../src/seed/demo.js';
import { freePort } from '../test/support/ports.js';
import { numberOption, parseArgs } from './support/args.js';
import { epochNow } from './support/ws-subscriber.js';
import { startSubscriberPool } from './support/subscriber-pool.js';
import { graphql, seededDatabase, startBuiltServer } from './server-under-test.js';
import { percentile } from './support/virtual-users.js';
import { processCpuMs } from './support/process-cpu.js';

const TENANT = 'load-001';
const FIELDS = {
  activityRecorded: 'subscription FanoutActivity { activityRecorded { id verb subjectId summary createdAt actor { id displayName } } }',
  taskChanged: 'subscription FanoutTasks { taskChanged { id title status priority dueAt project { id name } assignee { id displayName } } }',
  dashboardUpdated: `subscription FanoutDashboard { dashboardUpdated {
    generatedAt taskCountsByStatus { status count } overdueCount projectsByStatus { status count }
    openTasksByAssignee(top: 5) { openCount assignee { displayName } }
    projectProgress(first: 5) { project { name } progress { done total ratio } }
    recentActivity(first: 5) { subjectId summary actor { displayName } }
  } }`,
} as const;
type Field = keyof typeof FIELDS;
const HTTP_QUERY = '{ tasks(first: 10) { nodes { id title status } } }';

interface Server {
  url: string;
  /** Production serves /metrics on METRICS_PORT only. */
  metricsUrl: string;
  child: ChildProcess;
}

const round = (n: number) => Math.round(n * 10) / 10;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function rssBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) * 1024;
}

async function metric(server: Server, name: string): Promise<number> {
  const text = await (await fetch(`${server.metricsUrl}/metrics`)).text();
  let total = 0;
  for (const [, value] of text.matchAll(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, 'gm'))) total += Number(value);
  return total;
}

async function waitForSubscriptions(servers: Server[], count: number, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const counts = await Promise.all(servers.map((s) => metric(s, 'dandori_websocket_subscriptions')));
    if (counts.reduce((a, b) => a + b, 0) === count) return;
    if (Date.now() > deadline) throw new Error(`expected ${count} subscriptions, servers report ${counts.join(' + ')}`);
    await sleep(250);
  }
}

async function login(url: string, email: string): Promise<string> {
  const { login } = await graphql<{ login: { accessToken: string } }>(
    `${url}/graphql`,
    `mutation { login(tenantSlug: "${TENANT}", email: "${email}", password: "${DEMO_PASSWORD}") { accessToken } }`,
  );
  return login.accessToken;
}

type ProbeSample = { start: number; end: number; status: number };

function startProbe(servers: Server[], token: string, rate: number, seconds: number): Promise<ProbeSample[]> {
  const options = JSON.stringify({ urls: servers.map((s) => s.url), token, query: HTTP_QUERY, rate, seconds });
  const child = spawn(process.execPath, ['--import', 'tsx', 'loadtest/support/http-prober.ts', options], { stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => {
      if (code !== 0) return reject(new Error(`http-prober exited with ${code}`));
      resolve(output.trim().split('\n').filter(Boolean).map((line) => JSON.parse(line)));
    });
  });
}

/** p95 of the probe's good requests that overlapped one of `windows` ([from, to] epoch ms). */
function p95During(samples: ProbeSample[], windows: (readonly [number, number])[]) {
  const during = samples.filter((s) => s.status === 200 && windows.some(([from, to]) => s.start < to && s.end > from)).map((s) => s.end - s.start);
  return { p95: round(percentile(during, 95)), samples: during.length };
}

/**
 * The same subscribers against two bare `ws` servers (support/bare-fanout-server.ts), one frame
 * the size of an activityRecorded event sent to all of them per "mutation": the floor this machine
 * sets for handing one event to N sockets (and for N sockets to read it), which the real servers'
 * figures are read against. `probe` runs the HTTP probe against the real servers (idle, no
 * subscriber on them) meanwhile: what the cores being busy with a bare fan-out does to requests.
 */
async function measureBaseline(subscriberCount: number, clientProcesses: number, mutations: number, intervalMs: number, probe: (seconds: number) => Promise<ProbeSample[]>) {
  const ports = [await freePort(), await freePort()];
  const bare = await Promise.all(ports.map((port) => new Promise<ChildProcess>((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'loadtest/support/bare-fanout-server.ts', String(port)], { stdio: ['ignore', 'pipe', 'inherit'] });
    child.stdout!.once('data', () => resolve(child));
    child.once('exit', (code) => reject(new Error(`bare-fanout-server exited with ${code}`)));
  })));
  const pool = startSubscriberPool(clientProcesses);
  try {
    const urls = ports.map((port) => `http://127.0.0.1:${port}`);
    await pool.connect(Array.from({ length: subscriberCount }, (_, i) => ({ url: urls[i % 2]!, token: 'baseline' })), Math.ceil(50 / clientProcesses));
    await pool.start('subscription Baseline { activityRecorded { subjectId } }');
    await sleep(1_000);
    const ids = Array.from({ length: mutations + 1 }, (_, m) => `baseline-${m}`);
    const sentAt: number[] = [];
    const probed = probe(Math.ceil(((mutations + 1) * intervalMs) / 1000) + 3);
    for (const [m, id] of ids.entries()) {
      const payload = JSON.stringify({ data: { activityRecorded: { subjectId: id, summary: 'x'.repeat(300) } } });
      const at = epochNow();
      await Promise.all(urls.map((url) => fetch(`${url}/fire`, { method: 'POST', body: payload })));
      if (m > 0) sentAt.push(at); // the first is a warm-up, as for the servers
      await sleep(intervalMs);
    }
    const { lastAt, delivered } = await pool.tally('activityRecorded', ids.slice(1));
    const latencies = lastAt.map((at, k) => at - sentAt[k]!).filter(Number.isFinite);
    const http = p95During(await probed, lastAt.map((at, k) => [sentAt[k]!, Number.isFinite(at) ? at : sentAt[k]! + 15_000] as const));
    return {
      p50: round(percentile(latencies, 50)), p95: round(percentile(latencies, 95)), max: round(Math.max(...latencies)),
      lost: subscriberCount * mutations - delivered, latenciesMs: latencies.map(round), httpDuringP95: http.p95, httpDuringSamples: http.samples,
    };
  } finally {
    pool.close();
    for (const child of bare) child.kill('SIGTERM');
    await sleep(500);
  }
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const subscriberCount = numberOption(options, 'subscribers', 1_000);
  const mutations = numberOption(options, 'mutations', 20);
  const intervalMs = numberOption(options, 'interval-ms', 1_500);
  const httpRate = numberOption(options, 'http-rate', 10);
  const users = Math.max(50, Math.ceil(subscriberCount / 8)); // a few tabs per user, as people have
  const clientProcesses = numberOption(options, 'client-processes', availableParallelism());
  const only = options.get('fields')?.split(',') as Field[] | undefined;
  const fields = (Object.keys(FIELDS) as Field[]).filter((f) => !only || only.includes(f));

  console.log(`seeding one tenant with ${users} users…`);
  const scratch = await seededDatabase('dandori_fanout', { tenants: 1, users, tasks: 2_000 });
  const plan = planScale({ tenants: 1, users, tasks: 2_000 });
  const children: ChildProcess[] = [];
  const subscribers = startSubscriberPool(clientProcesses);
  try {
    const ports = [await freePort(), await freePort()];
    execFileSync('npm', ['run', 'build', '--silent'], { stdio: 'inherit' });
    const servers: Server[] = [];
    for (const port of ports) {
      const metricsPort = await freePort();
      const child = await startBuiltServer(scratch.url, port, { METRICS_PORT: String(metricsPort) }, { build: false });
      children.push(child);
      servers.push({ url: `http://127.0.0.1:${port}`, metricsUrl: `http://127.0.0.1:${metricsPort}`, child });
    }
    const [writerServer] = servers as [Server, Server];

    console.log(`signing in ${users} users…`);
    const tokens: string[] = new Array(users);
    const eight = pLimit(8);
    await Promise.all(Array.from({ length: users }, (_, i) => eight(async () => {
      tokens[i] = await login(servers[i % 2]!.url, scaleUserEmail(plan, TENANT, i + 1));
    })));
    const writerToken = await login(writerServer.url, scaleUserEmail(plan, TENANT, 4)); // user 4: a MEMBER
    const { projects } = await graphql<{ projects: { nodes: { id: string; status: string }[] } }>(
      `${writerServer.url}/graphql`, '{ projects(first: 20) { nodes { id status } } }', writerToken,
    );
    const projectId = projects.nodes.find((p) => p.status !== 'ARCHIVED')!.id;

    await startProbe(servers, writerToken, httpRate, 3); // warm up what HTTP traffic allocates anyway
    console.log(`baseline: ${subscriberCount} subscribers on two bare ws servers…`);
    const baseline = await measureBaseline(subscriberCount, clientProcesses, mutations, intervalMs, (seconds) => startProbe(servers, writerToken, httpRate, seconds));
    await sleep(2_000);
    const rssBefore = servers.map((s) => rssBytes(s.child.pid!));
    const heapBefore = await Promise.all(servers.map((s) => metric(s, 'nodejs_heap_size_used_bytes')));
    console.log(`connecting ${subscriberCount} subscribers from ${clientProcesses} processes…`);
    const sockets = Array.from({ length: subscriberCount }, (_, i) => ({ url: servers[i % 2]!.url, token: tokens[i % users]! }));
    await subscribers.connect(sockets, Math.ceil(50 / clientProcesses));
    await subscribers.start(FIELDS[fields[0]!]);
    await waitForSubscriptions(servers, subscriberCount);
    await sleep(5_000);
    const rssIdle = servers.map((s) => rssBytes(s.child.pid!));
    const heapIdle = await Promise.all(servers.map((s) => metric(s, 'nodejs_heap_size_used_bytes')));
    const bytesPerSubscription = (rssIdle[0]! + rssIdle[1]! - rssBefore[0]! - rssBefore[1]!) / subscriberCount;
    const heapPerSubscription = (heapIdle[0]! + heapIdle[1]! - heapBefore[0]! - heapBefore[1]!) / subscriberCount;

    // One write before anything is measured: a fresh process pays once for its first write (Prisma
    // plans the statement) and for the first event of a document; a pod in service has long paid
    // both. The subscribers hear of it, and it is not counted (deliveries are counted by task id).
    console.log('warm-up write…');
    await graphql(`${writerServer.url}/graphql`, `mutation { createTask(input: { projectId: "${projectId}", title: "Fan-out warm-up" }) { id } }`, writerToken);
    await sleep(1_500);

    console.log('HTTP probe, idle…');
    const probeSeconds = 10;
    const idle = await startProbe(servers, writerToken, httpRate, probeSeconds);
    const idleLatencies = idle.filter((s) => s.status === 200).map((s) => s.end - s.start);

    const rows: Record<string, unknown>[] = [];
    for (const [index, field] of fields.entries()) {
      if (index > 0) {
        await subscribers.stopAll();
        await waitForSubscriptions(servers, 0);
        await subscribers.start(FIELDS[field]);
        await waitForSubscriptions(servers, subscriberCount);
      }
      await sleep(1_500); // let a pending coalesced dashboard go out before the first mutation
      console.log(`${field}: ${mutations} mutations, one every ${intervalMs} ms…`);
      const probe = startProbe(servers, writerToken, httpRate, Math.ceil((mutations * intervalMs) / 1000) + 3);
      const cpuOf = (pids: number[]) => pids.reduce((sum, pid) => sum + (processCpuMs(pid) ?? 0), 0);
      const phaseCpu = () => ({ servers: cpuOf(servers.map((s) => s.child.pid!)), subscribers: cpuOf(subscribers.pids()) });
      const cpuBefore = phaseCpu();
      const sentAt: number[] = [];
      const answeredAt: number[] = [];
      const taskIds: string[] = [];
      const failedMutations: string[] = [];
      for (let m = 0; m < mutations; m++) {
        const planned = epochNow() + intervalMs;
        const at = epochNow();
        try {
          const { createTask } = await graphql<{ createTask: { id: string } }>(
            `${writerServer.url}/graphql`,
            `mutation { createTask(input: { projectId: "${projectId}", title: "Fan-out ${field} ${m}" }) { id } }`,
            writerToken,
          );
          sentAt.push(at);
          answeredAt.push(epochNow());
          taskIds.push(createTask.id);
        } catch (error) {
          failedMutations.push(String(error).slice(0, 200)); // the server refused the write itself
        }
        await sleep(Math.max(0, planned - epochNow()));
      }
      await sleep(1_000); // the last fan-out is over long before: its CPU is counted, not the tallies'
      const cpuAfter = phaseCpu();
      // Wait for every delivery, or 15 s after the last mutation.
      const deadline = Date.now() + 15_000;
      while (Date.now() < deadline && (await subscribers.tally(field, taskIds)).delivered < subscriberCount * taskIds.length) await sleep(500);
      const samples = await probe;
      const { lastAt, delivered, errors } = await subscribers.tally(field, taskIds);
      const latencies = lastAt.map((at, k) => at - sentAt[k]!).filter(Number.isFinite);
      const windows = lastAt.map((at, k) => [sentAt[k]!, Number.isFinite(at) ? at : sentAt[k]! + 15_000] as const);
      const during = p95During(samples, windows);
      rows.push({
        field,
        p50: round(percentile(latencies, 50)), p95: round(percentile(latencies, 95)), max: round(Math.max(...latencies)),
        lost: subscriberCount * taskIds.length - delivered, errors, expected: subscriberCount * taskIds.length, failedMutations,
        // In the JSON only: which mutation was slow (the first of a field also plans its document).
        latenciesMs: latencies.map((ms) => round(ms)),
        // The mutation's own response time: the event is published just before it answers.
        mutationMs: answeredAt.map((at, k) => round(at - sentAt[k]!)),
        httpDuringP95: during.p95, httpDuringSamples: during.samples,
        httpPhaseP95: round(percentile(samples.filter((s) => s.status === 200).map((s) => s.end - s.start), 95)),
        httpFailures: samples.filter((s) => s.status !== 200).length,
        // CPU of the phase (fan-out, the probe, keep-alive pings) per mutation: both servers, all subscriber processes.
        serverCpuMsPerMutation: round((cpuAfter.servers - cpuBefore.servers) / mutations),
        subscriberCpuMsPerMutation: round((cpuAfter.subscribers - cpuBefore.subscribers) / mutations),
      });
    }

    const closes = await subscribers.closes();
    const result = {
      at: new Date().toISOString(), subscribers: subscriberCount, clientProcesses, users, mutations, intervalMs, httpRate,
      loadAverage: loadavg().map((l) => round(l)),
      bytesPerIdleSubscription: Math.round(bytesPerSubscription), heapBytesPerIdleSubscription: Math.round(heapPerSubscription),
      httpIdleP50: round(percentile(idleLatencies, 50)), httpIdleP95: round(percentile(idleLatencies, 95)), httpIdleSamples: idleLatencies.length,
      closes: closes.length, baseline, rows,
    };
    console.log(`\n${subscriberCount} subscribers (${users} users of one tenant) on 2 servers, ${mutations} mutations per field, ${result.at}, load average ${result.loadAverage.join(' ')}\n`);
    console.log('| field | mutation → last subscriber p50 / p95 / max ms | deliveries lost (of N×M) | HTTP p95 during fan-out ms (idle) |');
    console.log('|---|---|---|---|');
    for (const r of rows as any[]) {
      console.log(`| \`${r.field}\` | ${r.p50} / ${r.p95} / ${r.max} | ${r.lost} of ${r.expected}${r.errors ? ` (${r.errors} errors)` : ''}${r.failedMutations.length ? `; ${r.failedMutations.length} mutations failed` : ''} | ${r.httpDuringP95} (${result.httpIdleP95}), ${r.httpDuringSamples} requests, ${r.httpFailures} failed |`);
    }
    console.log(`| baseline: bare \`ws\` servers, one frame to every socket | ${baseline.p50} / ${baseline.p95} / ${baseline.max} | ${baseline.lost} of ${subscriberCount * mutations} | ${baseline.httpDuringP95} (${result.httpIdleP95}), ${baseline.httpDuringSamples} requests (the real servers, idle, while the bare ones fan out) |`);
    console.log(`\nserver memory per idle subscription: ${(bytesPerSubscription / 1024).toFixed(1)} KB resident (${(heapPerSubscription / 1024).toFixed(1)} KB of JS heap in use), both servers`);
    console.log(`HTTP idle p50 / p95: ${result.httpIdleP50} / ${result.httpIdleP95} ms over ${result.httpIdleSamples} requests; sockets closed by the servers: ${closes.length}`);
    await mkdir('loadtest/results', { recursive: true });
    await writeFile(`loadtest/results/fanout-${Date.now()}.json`, JSON.stringify(result, null, 2));
  } finally {
    subscribers.close();
    for (const child of children) child.kill('SIGTERM');
    await sleep(1_000);
    await scratch.drop();
  }
}

main().then(() => process.exit(0), (error: unknown) => {
  console.error(error);
  process.exit(1);
});
