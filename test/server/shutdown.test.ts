/**
 * SIGTERM under a steady load: every request sent before the signal gets a complete response,
 * and the process exits 0 within the grace period. The server runs as a real child process.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo, DEMO_PASSWORD } from '../../src/seed/demo.js';
import { openMigratedDatabase, type MigratedDatabase } from '../support/databases.js';

const CONCURRENCY = 16;
const LOAD_BEFORE_SIGNAL_MS = 1_500;
const GRACE_MS = 10_000;

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

async function waitUntilUp(url: string, child: ChildProcess): Promise<void> {
  const until = Date.now() + 60_000;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`server exited early with ${child.exitCode}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('server did not start');
}

describe('graceful shutdown on SIGTERM', () => {
  let migrated: MigratedDatabase;
  beforeAll(async () => {
    migrated = await openMigratedDatabase('postgres');
    await seedDemo(migrated.database);
  });
  afterAll(() => migrated?.close());

  it('answers every request sent before the signal, then exits 0', async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    // node itself, not npx: the signal must reach the server process, not a wrapper.
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: {
        ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'warn', HOST: '127.0.0.1', PORT: String(port),
        DATABASE_URL: migrated.url!, SHUTDOWN_GRACE_MS: String(GRACE_MS), JWT_SECRET: 'shutdown-test-secret-shutdown-test-secret',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    await waitUntilUp(`${base}/healthz`, child);

    const login = await fetch(`${base}/graphql`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `mutation { login(tenantSlug: "sakura-kensetsu", email: "member@sakura-kensetsu.example", password: "${DEMO_PASSWORD}") { accessToken } }` }),
    });
    const token = ((await login.json()) as { data: { login: { accessToken: string } } }).data.login.accessToken;
    const body = JSON.stringify({ query: '{ dashboard { taskCountsByStatus { status count } overdueCount recentActivity(first: 10) { summary actor { displayName } } } }' });

    let signalled = false;
    let inFlightAtSignal = 0;
    let inFlight = 0;
    const beforeSignal: { ok: boolean; detail: string }[] = [];
    const loop = async () => {
      while (!signalled) {
        inFlight++;
        const result = await fetch(`${base}/graphql`, {
          method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body,
        }).then(
          async (r) => {
            const json = (await r.json()) as { data?: { dashboard?: unknown }; errors?: unknown };
            return { ok: r.status === 200 && !!json.data?.dashboard && !json.errors, detail: `${r.status} ${JSON.stringify(json.errors ?? '')}` };
          },
          (error: unknown) => ({ ok: false, detail: String(error) }),
        );
        inFlight--;
        beforeSignal.push(result); // sent while `signalled` was false
      }
    };
    const loops = Array.from({ length: CONCURRENCY }, loop);
    await new Promise((r) => setTimeout(r, LOAD_BEFORE_SIGNAL_MS));
    signalled = true;
    inFlightAtSignal = inFlight;
    child.kill('SIGTERM');
    const started = Date.now();
    await Promise.all(loops);
    const code = await exited;

    expect(inFlightAtSignal).toBeGreaterThan(0); // the signal really landed mid-load
    expect(beforeSignal.length).toBeGreaterThan(CONCURRENCY);
    expect(beforeSignal.filter((r) => !r.ok)).toEqual([]);
    expect(code).toBe(0);
    expect(Date.now() - started).toBeLessThan(GRACE_MS + 5_000); // bounded by the grace period
  });
});
