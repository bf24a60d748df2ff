/**
 * SIGTERM in production mode, under load that keeps coming during the drain window (as it does
 * while the load balancer is still taking the pod out of its target group): every request that
 * reaches the server is answered with its data — never a 500 — until the listener closes, after
 * which new connections are refused (the load balancer retries those elsewhere). Apollo's own
 * termination-signal handler, on outside NODE_ENV=test, used to stop Apollo at the signal and
 * answer the whole drain window with 500 INTERNAL; test/server/shutdown.test.ts runs with
 * NODE_ENV=test and could not see it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, seedDemo } from '../../src/seed/demo.js';
import { openMigratedDatabase, type MigratedDatabase } from '../support/databases.js';
import { startServerProcess, type ServerProcess } from '../support/server-process.js';
import { graphql } from '../generated/index.js';

const SIGN_IN = graphql(`mutation SigtermSignIn($p: String!) { login(tenantSlug: "sakura-kensetsu", email: "member@sakura-kensetsu.example", password: $p) { accessToken } }`);

const CONCURRENCY = 8;
const DRAIN_MS = 1_500;
/** How close to the end of the drain window a request may be sent and still meet the listener closing. */
const LISTENER_CLOSE_MARGIN_MS = 300;
const QUERY = JSON.stringify({ query: '{ me { displayName } tasks(first: 5) { nodes { id title } } }' });

describe('SIGTERM in production', () => {
  let database: MigratedDatabase;
  let server: ServerProcess;

  beforeAll(async () => {
    database = await openMigratedDatabase('postgres');
    await seedDemo(database.database);
    server = await startServerProcess({
      NODE_ENV: 'production', DATABASE_URL: database.url!, REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
      METRICS_PORT: '0', SHUTDOWN_DRAIN_DELAY_MS: String(DRAIN_MS), SHUTDOWN_GRACE_MS: '10000',
    });
  });
  afterAll(async () => {
    await server?.stop();
    await database?.close();
  });

  it('answers every request of the drain window with its data, then refuses connections, and exits 0', async () => {
    const login = await server.graphql(SIGN_IN, { p: DEMO_PASSWORD });
    const token = login.data!.login.accessToken;

    let signalledAt: number | undefined;
    const answers: { afterSignal: boolean; status: number | 'refused'; ok: boolean; detail: string }[] = [];
    let refused = false;
    const loop = async () => {
      while (!refused) {
        const sentAfterSignal = signalledAt !== undefined;
        const sentAt = Date.now();
        try {
          const response = await fetch(`${server.url}/graphql`, {
            method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: QUERY,
          });
          const body = (await response.json()) as { data?: { me?: unknown }; errors?: unknown };
          answers.push({ afterSignal: sentAfterSignal, status: response.status, ok: response.status === 200 && !!body.data?.me && !body.errors, detail: JSON.stringify(body.errors ?? '') });
        } catch (error) {
          // Only a closing listener may refuse or reset a connection: after the drain window (a
          // connection still in the kernel's accept queue when the listener closes is reset —
          // the load balancer stopped sending here before that, when /readyz turned 503).
          const cause = (error as { cause?: { code?: string } }).cause;
          const listenerClosing = signalledAt !== undefined && sentAt >= signalledAt + DRAIN_MS - LISTENER_CLOSE_MARGIN_MS;
          answers.push({ afterSignal: sentAfterSignal, status: 'refused', ok: listenerClosing, detail: `${String(cause ?? error)} at +${sentAt - (signalledAt ?? sentAt)} ms` });
          refused = true;
        }
      }
    };
    const loops = Array.from({ length: CONCURRENCY }, loop);
    await new Promise((r) => setTimeout(r, 500));
    signalledAt = Date.now();
    server.child.kill('SIGTERM');
    await Promise.all(loops);
    const code = await server.stop(15_000);

    const duringDrain = answers.filter((a) => a.afterSignal && a.status !== 'refused');
    expect(duringDrain.length).toBeGreaterThan(CONCURRENCY); // requests really arrived during the drain window
    expect(answers.filter((a) => !a.ok)).toEqual([]);
    expect(answers.some((a) => a.status === 500)).toBe(false);
    expect(code).toBe(0);
  });
});
