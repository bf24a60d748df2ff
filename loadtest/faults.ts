/**
 * `npm run bench:faults [-- --rate 100 --freeze-seconds 20 --redis-seconds 20 --restart-seconds 5 --only <scenario>]`:
 * what clients see while a dependency fails or a pod is replaced, for docs/reliability.md and docs/benchmarks.md.
 *
 * Two compiled server processes (NODE_ENV=production), two pods behind a load balancer: both reach
 * a scratch PostgreSQL database (the demo companies) through a TCP proxy that can freeze or drop
 * it (test/support/tcp-proxy.ts), and a Redis of their own that keeps its data on disk as
 * production's does (test/support/redis-server.ts). The load balancer and an open-loop load of
 * signed-in users (tasks, dashboard, comments) run in this process (loadtest/support/).
 * Scenarios, one after another, each 5 s steady, then the fault, then on until recovered + 5 s:
 *   postgres-frozen   the proxy forwards nothing for --freeze-seconds (a hung server, a partition);
 *   postgres-restart  the app's backends terminated (57P01, as a restart does), then PostgreSQL
 *                     unreachable for --restart-seconds; the machine's real PostgreSQL is untouched;
 *   redis-down        Redis killed for --redis-seconds, then started again on its data;
 *   sigterm           one server SIGTERMed under load, as a rolling deploy does; the balancer sees
 *                     /readyz turn 503 and sends to the other.
 * Reported per scenario (see support/fault-report.ts for the definitions): requests, error rate,
 * status / code counts, longest request, recovery time, writes lost (answered 200 but not in the
 * comments table at the end: must be 0) and writes refused that committed anyway. A markdown
 * table at the end; every request in loadtest/results/faults-<time>.json.
 */
import { execFileSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import pg from 'pg';
import { Agent } from 'undici';
import { DEMO_COMPANIES, demoEmail } from '../src/seed/demo-companies.js';
import { DEMO_PASSWORD } from '../src/seed/demo.js';
import { adminUrl } from '../test/support/databases.js';
import { freePort } from '../test/support/ports.js';
import { startPrivateRedis, type PrivateRedis } from '../test/support/redis-server.js';
import { startTcpProxy, type TcpProxy } from '../test/support/tcp-proxy.js';
import { graphql, seededDatabase, startBuiltServer } from './server-under-test.js';
import { numberOption, parseArgs } from './support/args.js';
import { isRecovered, markdownTable, outcomeOf, summarise, type FaultWindow, type ScenarioSummary } from './support/fault-report.js';
import { startBalancer, type Balancer } from './support/load-balancer.js';
import { epochNow, startOpenLoad, succeeded, type Sample, type SignedInUser } from './support/open-loop-load.js';

const STEADY_MS = 5_000;
/** How long after the fault ends the bench waits for every request to succeed before it calls the scenario unrecovered. */
const RECOVERY_LIMIT_MS = 120_000;
const PROGRESS_EVERY_MS = 5_000;
/** People signed in per demo company (the company's list starts with owner, admin, member, viewer). */
const USERS_PER_COMPANY = [7, 7, 6];

interface Server {
  url: string;
  child: ChildProcess;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

interface Bench {
  rate: number;
  /** Aborted when the bench is interrupted: the load stops sending. */
  interrupted: AbortSignal;
  runId: string;
  databaseName: string;
  servers: Server[];
  proxy: TcpProxy;
  redis: PrivateRedis;
  /** Straight to PostgreSQL (not through the proxy), as a superuser: sees every tenant's rows. */
  admin: pg.Client;
  balancer: Balancer;
  dispatcher: Agent;
  users: SignedInUser[];
}

interface Scenario {
  name: string;
  /** Injects the fault and resolves when it is over; what it returns goes into the report's notes. */
  inject(bench: Bench): Promise<Record<string, unknown>>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const isRunning = (child: ChildProcess) => child.exitCode === null && child.signalCode === null;

function scenarios(options: Map<string, string>): Scenario[] {
  const freezeMs = numberOption(options, 'freeze-seconds', 20) * 1000;
  const restartMs = numberOption(options, 'restart-seconds', 5) * 1000;
  const redisMs = numberOption(options, 'redis-seconds', 20) * 1000;
  return [
    {
      name: 'postgres-frozen',
      async inject({ proxy }) {
        proxy.freeze();
        await sleep(freezeMs);
        proxy.thaw();
        return {};
      },
    },
    {
      name: 'postgres-restart',
      async inject({ admin, proxy, databaseName }) {
        const { rowCount } = await admin.query(
          "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND application_name = 'dandori-portal-api'",
          [databaseName],
        );
        await sleep(50); // let the 57P01 each backend sends on its way out reach the app through the proxy
        await proxy.down();
        await sleep(restartMs);
        await proxy.up();
        return { backendsTerminated: rowCount };
      },
    },
    {
      name: 'redis-down',
      async inject({ redis }) {
        await redis.kill();
        await sleep(redisMs);
        await redis.start();
        return {};
      },
    },
    {
      name: 'sigterm',
      async inject({ servers }) {
        const victim = servers.at(-1)!;
        const signalled = epochNow();
        victim.child.kill('SIGTERM');
        const exit = await Promise.race([victim.exited, sleep(60_000).then(() => undefined)]);
        if (!exit) victim.child.kill('SIGKILL');
        return { exitCode: exit ? exit.code ?? exit.signal : 'still running after 60 s: SIGKILLed', exitMs: Math.round(epochNow() - signalled) };
      },
    },
  ];
}

async function startServers(databaseUrl: string, redisUrl: string, cleanups: (() => Promise<unknown>)[]): Promise<Server[]> {
  execFileSync('npm', ['run', 'build', '--silent'], { stdio: 'inherit' });
  const servers: Server[] = [];
  for (let i = 0; i < 2; i++) {
    const port = await freePort();
    // Production's defaults otherwise (deadline, timeouts, drain window): the figures are production's.
    const child = await startBuiltServer(databaseUrl, port, { REDIS_URL: redisUrl, METRICS_PORT: '0' }, { build: false });
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
      if (!isRunning(child)) resolve({ code: child.exitCode, signal: child.signalCode });
      child.once('exit', (code, signal) => resolve({ code, signal }));
    });
    const server = { url: `http://127.0.0.1:${port}`, child, exited };
    servers.push(server);
    cleanups.push(() => stopServer(server));
  }
  return servers;
}

async function stopServer({ child, exited }: Server) {
  if (!isRunning(child)) return;
  child.kill('SIGTERM');
  if (await Promise.race([exited.then(() => true), sleep(30_000).then(() => false)])) return;
  child.kill('SIGKILL');
  await exited;
}

async function signIn(url: string): Promise<SignedInUser[]> {
  const users: SignedInUser[] = [];
  for (const [index, company] of DEMO_COMPANIES.entries()) {
    const people = company.people.slice(0, USERS_PER_COMPANY[index] ?? 4);
    let taskIds: string[] = [];
    for (const person of people) {
      const email = demoEmail(person, company.slug);
      const { login } = await graphql<{ login: { accessToken: string } }>(
        `${url}/graphql`,
        `mutation { login(tenantSlug: "${company.slug}", email: "${email}", password: "${DEMO_PASSWORD}") { accessToken } }`,
      );
      if (taskIds.length === 0) {
        const { tasks } = await graphql<{ tasks: { nodes: { id: string }[] } }>(`${url}/graphql`, '{ tasks(first: 10) { nodes { id } } }', login.accessToken);
        taskIds = tasks.nodes.map((t) => t.id);
      }
      users.push({ tenant: company.slug, email, role: person.role, token: login.accessToken, taskIds });
    }
  }
  return users;
}

function progressLine(name: string, phase: string, startedAt: number, samples: Sample[], inFlight: number, bench: Bench, since: number): string {
  const recent = samples.filter((s) => s.doneAt !== undefined && s.doneAt >= since);
  const failed = recent.filter((s) => !succeeded(s));
  const kinds = [...new Set(failed.map(outcomeOf))].slice(0, 3).join('; ');
  return `${name} ${phase} +${((epochNow() - startedAt) / 1000).toFixed(0)} s: sent ${samples.length}, last ${PROGRESS_EVERY_MS / 1000} s ${recent.length} answered / ${failed.length} failed${kinds ? ` (${kinds})` : ''}, in flight ${inFlight}, ready servers ${bench.balancer.readyCount()}/${bench.servers.filter((s) => isRunning(s.child)).length}`;
}

async function runScenario(scenario: Scenario, bench: Bench): Promise<{ window: FaultWindow; samples: Sample[] }> {
  await bench.balancer.waitAllReady();
  const load = startOpenLoad({
    scenario: scenario.name, rate: bench.rate, balancer: bench.balancer, dispatcher: bench.dispatcher, users: bench.users,
    marker: (seq) => `faultbench ${bench.runId} ${scenario.name} ${seq}`, signal: bench.interrupted,
  });
  const startedAt = epochNow();
  let phase = 'steady';
  let lastProgress = startedAt;
  const progress = setInterval(() => {
    console.log(progressLine(scenario.name, phase, startedAt, load.samples, load.inFlight(), bench, lastProgress));
    lastProgress = epochNow();
  }, PROGRESS_EVERY_MS);
  try {
    await sleep(STEADY_MS);
    phase = 'fault';
    const faultStart = epochNow();
    const notes = await scenario.inject(bench);
    const faultEnd = epochNow();
    phase = 'recovering';
    while (!isRecovered(load.samples, faultEnd, epochNow()) && epochNow() < faultEnd + RECOVERY_LIMIT_MS && !bench.interrupted.aborted) await sleep(250);
    phase = 'draining'; // the finally below waits for the requests still in flight
    return { window: { scenario: scenario.name, faultStart, faultEnd, notes }, samples: load.samples };
  } finally {
    clearInterval(progress);
    await load.stop();
  }
}

async function committedMarkers(admin: pg.Client, runId: string): Promise<Set<string>> {
  const { rows } = await admin.query<{ body: string }>('SELECT body FROM comments WHERE body LIKE $1', [`faultbench ${runId} %`]);
  return new Set(rows.map((r) => r.body));
}

const describeNotes = (notes: Record<string, unknown>) =>
  'exitCode' in notes ? `SIGTERMed server exited ${String(notes.exitCode)} after ${((notes.exitMs as number) / 1000).toFixed(1)} s`
    : 'backendsTerminated' in notes ? `${String(notes.backendsTerminated)} backends terminated` : '';

async function main(cleanups: (() => Promise<unknown>)[], interrupted: AbortSignal) {
  const options = parseArgs(process.argv.slice(2));
  const rate = numberOption(options, 'rate', 100);
  const all = scenarios(options);
  const only = options.get('only');
  const chosen = only ? all.filter((s) => s.name === only) : all;
  if (chosen.length === 0) throw new Error(`--only must be one of ${all.map((s) => s.name).join(', ')}; got ${JSON.stringify(only)}`);

  console.log('seeding a scratch database with the demo companies…');
  const scratch = await seededDatabase('dandori_faults');
  cleanups.push(() => scratch.drop());
  const postgres = new URL(adminUrl);
  const proxy = await startTcpProxy({ host: postgres.hostname, port: Number(postgres.port || 5432) });
  cleanups.push(() => proxy.close());
  const redis = await startPrivateRedis({ persist: true });
  cleanups.push(() => redis.close());
  const admin = new pg.Client({ connectionString: scratch.url });
  await admin.connect();
  cleanups.push(() => admin.end());
  const viaProxy = new URL(scratch.url);
  viaProxy.port = String(proxy.port);

  const servers = await startServers(viaProxy.toString(), redis.url, cleanups);
  // Interrupted mid-freeze, the servers' shutdown would wait its whole grace period on the database.
  cleanups.push(async () => proxy.thaw());
  const dispatcher = new Agent({ connections: 256, keepAliveTimeout: 30_000 });
  cleanups.push(() => dispatcher.destroy()); // not close(): that would wait for requests a frozen proxy holds
  const balancer = startBalancer(servers.map((s) => s.url), dispatcher);
  cleanups.push(async () => balancer.stop());
  const users = await signIn(servers[0]!.url);
  const bench: Bench = { rate, interrupted, runId: randomBytes(4).toString('hex'), databaseName: scratch.name, servers, proxy, redis, admin, balancer, dispatcher, users };
  console.log(`${users.length} users signed in (${[...new Set(users.map((u) => u.role))].join(', ')}); ${rate} req/s; scenarios: ${chosen.map((s) => s.name).join(', ')}`);

  const loadBefore = loadavg();
  const runs: { window: FaultWindow; samples: Sample[] }[] = [];
  for (const scenario of chosen) {
    if (interrupted.aborted) throw new Error('interrupted');
    console.log(`\n== ${scenario.name}`);
    runs.push(await runScenario(scenario, bench));
  }
  const committed = await committedMarkers(admin, bench.runId);
  const rows: ScenarioSummary[] = runs.map((r) => summarise(r.samples, r.window, committed));
  const at = new Date().toISOString();
  const loadAverage = { before: loadBefore.map((l) => Math.round(l * 10) / 10), after: loadavg().map((l) => Math.round(l * 10) / 10) };

  console.log(`\n${rate} req/s (1/3 tasks, 1/3 dashboard, 1/3 addComment) over 2 servers, ${at}, load average ${loadAverage.before.join(' ')} → ${loadAverage.after.join(' ')}\n`);
  console.log(markdownTable(rows, describeNotes));
  await mkdir('loadtest/results', { recursive: true });
  const file = `loadtest/results/faults-${Date.now()}.json`;
  await writeFile(file, JSON.stringify({ at, rate, options: Object.fromEntries(options), loadAverage, rows, windows: runs.map((r) => r.window), samples: runs.flatMap((r) => r.samples) }, null, 1));
  console.log(`\nevery request: ${file}`);
  const lost = rows.reduce((n, r) => n + r.writesLost, 0);
  if (lost > 0) throw new Error(`${lost} writes answered 200 are not in the database`);
}

/** Runs every cleanup once, newest first, each on its own so one failure does not leave the rest behind. */
function cleanUpOnce(cleanups: (() => Promise<unknown>)[]): () => Promise<void> {
  let done: Promise<void> | undefined;
  return () =>
    (done ??= (async () => {
      for (const cleanup of cleanups.reverse()) {
        try {
          await cleanup();
        } catch (error) {
          console.error('cleanup failed:', error);
        }
      }
    })());
}

const cleanups: (() => Promise<unknown>)[] = [];
const cleanUp = cleanUpOnce(cleanups);
const interruption = new AbortController();
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.error(`\n${signal}: cleaning up…`);
    interruption.abort();
    void cleanUp().finally(() => process.exit(130));
  });
}
main(cleanups, interruption.signal)
  .finally(cleanUp)
  .then(() => process.exit(0), (error: unknown) => {
    console.error(error);
    process.exit(1);
  });
