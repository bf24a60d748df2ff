/**
 * `npm run loadtest -- --profile seed-peak`: the plan's peak test (loadtest/k6/seed-peak-plan.js,
 * the same stages and success criteria as the k6 script), replayed here where k6 cannot be
 * installed. Virtual users with a 1 s think time follow the stages 100 -> 1,000 -> 3,000, hold,
 * cool down; each asks for the dashboard. Writes JSON and an HTML report to loadtest/results/.
 *
 *   npm run loadtest -- --profile seed-peak                 # starts a server on freshly seeded data (20 tenants)
 *   npm run loadtest -- --profile seed-peak --scale 0.25    # the same stages in a quarter of the time
 *   npm run loadtest -- --profile seed-peak --url http://host:4000/graphql [--server-pid 1234]
 *
 * Options: --scale (stage durations, default LOAD_DURATION_SCALE or 1), --signed-in (distinct
 * signed-in users shared by the virtual users, default 200), --url (a running server seeded with
 * `npm run db:seed -- --tenants 20 --users 150 --tasks 10000`), --server-pid (its process, for CPU
 * per request), --peak (override the 3,000 peak for a smaller machine).
 *
 * Differences from the k6 script, on purpose: virtual users share a pool of signed-in users
 * instead of each signing in (3,000 scrypt logins would measure login, not the peak), and the
 * generator runs on the same machine as the server, so its own CPU use is part of the picture
 * (its event-loop lag is reported; above ~20 ms it inflates the latencies it measures).
 */
import type { ChildProcess } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { Client } from 'undici';
import { DASHBOARD_QUERY, LOGIN_MUTATION, PASSWORD, PEAK_VIRTUAL_USERS, SEED, THINK_TIME_SECONDS, loginOf, seedPeakStages } from '../k6/seed-peak-plan.js';
import { numberOption } from '../support/args.js';
import { buildPeakReport, markdownTable, writePeakReport } from '../support/peak-report.js';
import { processCpuMs } from '../support/process-cpu.js';
import { runVirtualUsers, type Stage } from '../support/virtual-users.js';
import { seededDatabase, startBuiltServer } from '../server-under-test.js';

const PORT = 4301;
const REQUEST_TIMEOUT_MS = 10_000;

export async function runSeedPeakProfile(options: Map<string, string>): Promise<void> {
  const scale = numberOption(options, 'scale', Number(process.env.LOAD_DURATION_SCALE ?? 1));
  const signedIn = numberOption(options, 'signed-in', 200);
  const peak = numberOption(options, 'peak', PEAK_VIRTUAL_USERS);
  const stages: Stage[] = seedPeakStages(scale).map((s) => ({
    durationMs: Number.parseInt(s.duration, 10) * 1000,
    target: Math.round((s.target * peak) / PEAK_VIRTUAL_USERS),
  }));
  const externalUrl = options.get('url');

  let scratch: Awaited<ReturnType<typeof seededDatabase>> | undefined;
  let server: ChildProcess | undefined;
  try {
    if (!externalUrl) {
      console.error(`seeding ${SEED.tenants} tenants x ${SEED.users} users x ${SEED.tasks} tasks ...`);
      scratch = await seededDatabase('dandori_peak', SEED);
      // Tokens must outlive the run (15 minutes by default, the run is about 12 at scale 1).
      server = await startBuiltServer(scratch.url, PORT, { ACCESS_TOKEN_TTL_SECONDS: '7200' });
    }
    const api = new URL(externalUrl ?? `http://127.0.0.1:${PORT}/graphql`);
    const serverPid = server?.pid ?? (options.has('server-pid') ? numberOption(options, 'server-pid', 0) : undefined);

    console.error(`signing in ${signedIn} users ...`);
    const tokens = await signIn(api, signedIn);
    const clients = new Map<number, Client>();
    const body = JSON.stringify({ query: DASHBOARD_QUERY, operationName: 'Dashboard' });
    const request = async (vu: number): Promise<string | null> => {
      // One keep-alive connection per virtual user, as each browser has its own.
      let client = clients.get(vu);
      if (!client) clients.set(vu, (client = new Client(api.origin, { headersTimeout: REQUEST_TIMEOUT_MS, bodyTimeout: REQUEST_TIMEOUT_MS, keepAliveTimeout: 60_000 })));
      const response = await client.request({
        path: api.pathname,
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[(vu - 1) % tokens.length]}` },
        body,
      });
      const text = await response.body.text();
      if (response.statusCode !== 200) return `HTTP ${response.statusCode}: ${text}`;
      return text.includes('"errors":') ? `GraphQL errors: ${text}` : null;
    };

    const cpuMs: (number | undefined)[] = [];
    const startedAt = performance.now();
    const sampler = setInterval(() => {
      const second = Math.round((performance.now() - startedAt) / 1000);
      if (serverPid) cpuMs[second] = processCpuMs(serverPid);
    }, 1000);
    if (serverPid) cpuMs[0] = processCpuMs(serverPid);
    let lastCpu = { at: performance.now(), ms: cpuMs[0] };

    const total = stages.reduce((sum, s) => sum + s.durationMs, 0) / 1000;
    console.error(`running ${stages.length} stages, ${total} s, peak ${peak} virtual users, think time ${THINK_TIME_SECONDS} s`);
    const run = await runVirtualUsers({
      stages,
      thinkTimeMs: THINK_TIME_SECONDS * 1000,
      request,
      onProgress: ({ elapsedMs, stage, vus, recent }) => {
        const latencies = recent.flatMap((s) => s.latencies).sort((a, b) => a - b);
        const p95 = latencies.length ? latencies[Math.ceil(latencies.length * 0.95) - 1]!.toFixed(1) : '–';
        const errors = recent.reduce((sum, s) => sum + s.errors, 0);
        const now = performance.now();
        const cpu = serverPid ? processCpuMs(serverPid) : undefined;
        const cpuText = cpu !== undefined && lastCpu.ms !== undefined ? `${(((cpu - lastCpu.ms) / (now - lastCpu.at)) * 100).toFixed(0)} % CPU` : '';
        lastCpu = { at: now, ms: cpu };
        console.error(
          `[${String(Math.round(elapsedMs / 1000)).padStart(4)} s / ${total} s] stage ${Math.min(stage + 1, stages.length)}/${stages.length}  VUs ${String(vus).padStart(5)}  ` +
            `${(latencies.length / Math.max(1, recent.length)).toFixed(0).padStart(5)} req/s  p95 ${p95} ms  errors ${errors}  server ${cpuText}`,
        );
      },
    });
    clearInterval(sampler);
    for (const client of clients.values()) void client.close();
    if (serverPid) cpuMs[run.seconds.length] = processCpuMs(serverPid);

    const report = buildPeakReport({
      profile: 'seed-peak',
      target: externalUrl ?? `compiled server (NODE_ENV=production, PostgreSQL, Redis) on ${SEED.tenants} tenants x ${SEED.users} users x ${SEED.tasks} tasks`,
      settings: { scale, peak, signedIn, thinkTimeSeconds: THINK_TIME_SECONDS },
      stageTargets: stages.map((s) => s.target),
      run,
      cpuMs,
    });
    await mkdir('loadtest/results', { recursive: true });
    const files = await writePeakReport(report, `loadtest/results/seed-peak-${Date.now()}`);
    console.log(`\n${markdownTable(report)}\n`);
    console.log(`${report.verdict.passed ? 'PASSED' : 'FAILED'}: ${report.verdict.peakVus} VUs held, p95 ${report.verdict.p95Ms} ms, errors ${(report.verdict.errorRate * 100).toFixed(3)} %; generator lag p99 ${report.generatorLagP99Ms} ms`);
    console.log(`report: ${files.html}\n        ${files.json}`);
  } finally {
    server?.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 500));
    await scratch?.drop();
  }
}

async function signIn(api: URL, count: number): Promise<string[]> {
  const tokens: string[] = [];
  const next = { vu: 1 };
  const worker = async () => {
    while (next.vu <= count) {
      const variables = { ...loginOf(next.vu++), password: PASSWORD };
      const response = await fetch(api, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: LOGIN_MUTATION, variables }) });
      const result = (await response.json()) as { data?: { login?: { accessToken: string } }; errors?: unknown };
      if (!result.data?.login) throw new Error(`login of ${variables.email} failed: ${JSON.stringify(result.errors)}`);
      tokens.push(result.data.login.accessToken);
    }
  };
  await Promise.all(Array.from({ length: 4 }, worker));
  return tokens;
}
