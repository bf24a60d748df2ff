/**
 * `npm run bench:hostile [-- --seconds 20 --rate 20 --clients 4 --addresses 1]`: what hostile
 * anonymous clients cost everyone else. The compiled server (NODE_ENV=production, PostgreSQL,
 * Redis, demo data) in its own process, as in `npm run bench`:
 *  1. in this process, what the documents below cost to screen, validate and price (the server's
 *     own code, a fresh text per run);
 *  2. for a quiet quarter of the time, then for `--seconds` under attack: an authenticated member
 *     sends `{ me { displayName } }` at `--rate` per second, open loop (a separate process, so
 *     the attack's event loop does not delay it), and /healthz is probed every 100 ms; during the
 *     attack `--clients` anonymous clients send, in a closed loop, the 844 KB duplication
 *     documents, a document past the token limit, the worst document the limits accept, a fragment
 *     chain, NUL-byte logins and long status lists.
 * Reported: the member's p50 / p95 / max, the slowest /healthz, and the status codes the hostile
 * clients got. With `--addresses N` they speak from N addresses (X-Forwarded-For; the server
 * trusts its proxy), so `--addresses 100000` is an attack the per-address budget cannot stop and
 * only the document limits hold. The machine's load average is printed with the figures.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { getIntrospectionQuery } from 'graphql';
import { Agent, request } from 'undici';
import { DEMO_PASSWORD } from '../src/seed/demo.js';
import { freePort } from '../test/support/ports.js';
import {
  duplicationDocument, fragmentChain, NUL_LOGIN, statusList, TASKS_BY_STATUS, tokensDocument, worstAcceptedDocument,
} from '../test/support/hostile-documents.js';
import { numberOption, parseArgs } from './support/args.js';
import { measureDocumentCosts } from './support/document-costs.js';
import { graphql, seededDatabase, startBuiltServer } from './server-under-test.js';
import { percentile } from './support/virtual-users.js';

const options = parseArgs(process.argv.slice(2));
const seconds = numberOption(options, 'seconds', Number(process.env.HOSTILE_SECONDS ?? 20));
const rate = numberOption(options, 'rate', 20);
const clients = numberOption(options, 'clients', 4);
const addresses = numberOption(options, 'addresses', 1);
const NORMAL_QUERY = '{ me { displayName } }';

const DOCUMENTS = {
  '844 KB `{ __typename … }`': duplicationDocument(),
  '844 KB `{ a a … }`': duplicationDocument(844_000, 'a'),
  'past the token limit (2,500 tokens)': tokensDocument(2_500),
  'at the token limit (2,000 tokens, one path repeated)': tokensDocument(2_000),
  'worst accepted (9 root fields × 20, nested)': worstAcceptedDocument(),
  'fragment chain 60^4': fragmentChain(4, 60),
  'full introspection query (for scale)': getIntrospectionQuery({ descriptions: true, directiveIsRepeatable: true, inputValueDeprecation: true, schemaDescription: true, specifiedByUrl: true }),
};

const HOSTILE_BODIES = [
  ...Object.values(DOCUMENTS).slice(0, 6).map((query) => JSON.stringify({ query })),
  JSON.stringify(NUL_LOGIN),
  JSON.stringify({ query: TASKS_BY_STATUS, variables: { s: statusList(1_001) } }),
  JSON.stringify({ query: TASKS_BY_STATUS, variables: { s: statusList(50_000) } }),
].map((body) => Buffer.from(body));

interface Sample {
  start: number;
  end: number;
  status: number;
}

const round = (n: number) => Math.round(n * 10) / 10;

/** The open-loop prober (loadtest/support/http-prober.ts) in a process of its own; resolves with its samples. */
function probe(probeOptions: Record<string, unknown>): Promise<Sample[]> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'loadtest/support/http-prober.ts', JSON.stringify(probeOptions)], { stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => {
      if (code !== 0) return reject(new Error(`http-prober exited with ${code}`));
      resolve(output.trim().split('\n').filter(Boolean).map((line) => JSON.parse(line) as Sample));
    });
  });
}

/** `clients` closed loops of hostile requests until `until` (epoch ms); the status codes they got. */
async function attack(url: string, until: number): Promise<Map<string, number>> {
  const dispatcher = new Agent({ connections: clients * 2 });
  const statuses = new Map<string, number>();
  let sent = 0;
  const loop = async (client: number) => {
    for (let i = client; Date.now() < until; i++) {
      const address = sent++ % addresses;
      const headers = { 'content-type': 'application/json', 'x-forwarded-for': `10.${(address >> 16) & 255}.${(address >> 8) & 255}.${address & 255}` };
      let status: string;
      try {
        const response = await request(`${url}/graphql`, { method: 'POST', dispatcher, headers, body: HOSTILE_BODIES[i % HOSTILE_BODIES.length]! });
        await response.body.dump();
        status = String(response.statusCode);
      } catch (error) {
        status = (error as NodeJS.ErrnoException).code ?? 'error';
      }
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
    }
  };
  await Promise.all(Array.from({ length: clients }, (_, client) => loop(client)));
  await dispatcher.close();
  return statuses;
}

async function phase(name: string, url: string, token: string, phaseSeconds: number, hostile: boolean) {
  const until = Date.now() + phaseSeconds * 1000;
  const [normal, health, statuses] = await Promise.all([
    probe({ urls: [url], token, query: NORMAL_QUERY, rate, seconds: phaseSeconds }),
    probe({ urls: [url], get: '/healthz', rate: 10, seconds: phaseSeconds }),
    hostile ? attack(url, until) : Promise.resolve(new Map<string, number>()),
  ]);
  const latencies = normal.filter((s) => s.status === 200).map((s) => s.end - s.start);
  const healthMs = health.map((s) => s.end - s.start);
  return {
    name,
    seconds: phaseSeconds,
    normal: { requests: normal.length, failed: normal.length - latencies.length, p50: round(percentile(latencies, 50)), p95: round(percentile(latencies, 95)), max: round(Math.max(...latencies)) },
    healthz: { probes: health.length, failed: health.filter((s) => s.status !== 200).length, p50: round(percentile(healthMs, 50)), max: round(Math.max(...healthMs)) },
    hostile: Object.fromEntries([...statuses].sort()),
    loadAverage: loadavg().map((n) => Math.round(n * 10) / 10),
  };
}

async function main() {
  console.log('\nWhat each document costs before execution (in process, this machine):\n');
  console.log('| document | bytes | outcome | p50 ms | max ms |');
  console.log('|---|---:|---|---:|---:|');
  const costs = measureDocumentCosts(DOCUMENTS);
  for (const c of costs) console.log(`| ${c.name} | ${c.bytes.toLocaleString('en')} | ${c.outcome} | ${round(c.p50Ms)} | ${round(c.maxMs)} |`);

  const scratch = await seededDatabase('dandori_hostile');
  let server: ChildProcess | undefined;
  try {
    const port = await freePort();
    server = await startBuiltServer(scratch.url, port, { TRUST_PROXY: 'true', METRICS_PORT: '0' });
    const url = `http://127.0.0.1:${port}`;
    const { login } = await graphql<{ login: { accessToken: string } }>(
      `${url}/graphql`, `mutation { login(tenantSlug: "sakura-kensetsu", email: "member@sakura-kensetsu.example", password: "${DEMO_PASSWORD}") { accessToken } }`,
    );
    const quiet = await phase('quiet', url, login.accessToken, Math.max(3, Math.round(seconds / 4)), false);
    const attacked = await phase(`${clients} hostile clients from ${addresses.toLocaleString('en')} address${addresses === 1 ? '' : 'es'}`, url, login.accessToken, seconds, true);
    console.log(`\n${new Date().toISOString()}, ${rate} member requests/s (${NORMAL_QUERY}), /healthz every 100 ms\n`);
    console.log('| phase | s | member p50 ms | p95 ms | max ms | failed | /healthz p50 ms | max ms | failed | hostile answers | load average |');
    console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---|');
    for (const r of [quiet, attacked]) {
      const hostile = Object.entries(r.hostile).map(([status, count]) => `${status}: ${count}`).join(', ') || '—';
      console.log(`| ${r.name} | ${r.seconds} | ${r.normal.p50} | ${r.normal.p95} | ${r.normal.max} | ${r.normal.failed}/${r.normal.requests} | ${r.healthz.p50} | ${r.healthz.max} | ${r.healthz.failed}/${r.healthz.probes} | ${hostile} | ${r.loadAverage.join(' ')} |`);
    }
    await mkdir('loadtest/results', { recursive: true });
    await writeFile(`loadtest/results/hostile-${Date.now()}.json`, JSON.stringify({ seconds, rate, clients, addresses, costs, phases: [quiet, attacked] }, null, 2));
  } finally {
    server?.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 500));
    await scratch.drop();
  }
}

main().then(() => process.exit(0), (error: unknown) => {
  console.error(error);
  process.exit(1);
});
