/**
 * Shared by the benchmark and the load run: a scratch PostgreSQL database, migrated and seeded,
 * and the compiled server started from it as in production (NODE_ENV=production, Redis), each in
 * its own process so the load generator does not share an event loop with the server.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { openSync } from 'node:fs';
import { loadConfig } from '../src/config.js';
import { createDatabase } from '../src/db/database.js';
import { migrate } from '../src/db/migrations.js';
import { seedDemo, type SeedOptions } from '../src/seed/demo.js';
import { createScratchDatabase, type ScratchDatabase } from '../test/support/databases.js';

export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

export async function seededDatabase(prefix: string, seed: SeedOptions = {}): Promise<ScratchDatabase> {
  const scratch = await createScratchDatabase(prefix);
  const database = await createDatabase(loadConfig({ DATABASE_URL: scratch.url, LOG_LEVEL: 'silent', DB_TRANSACTION_TIMEOUT_MS: '120000' }));
  const session = await database.openAdminSession();
  await migrate(session);
  await session.close();
  await seedDemo(database, seed);
  await database.close();
  return scratch;
}

/** SERVER_LOG=<file> keeps the server's log lines (one per request at LOG_LEVEL=info) for a post-mortem. */
export function startProcess(command: string[], env: Record<string, string>, readyUrl: string): Promise<ChildProcess> {
  const stdout = process.env.SERVER_LOG ? openSync(process.env.SERVER_LOG, 'a') : 'ignore';
  const child = spawn(command[0]!, command.slice(1), { env: { ...process.env, ...env }, stdio: ['ignore', stdout, 'inherit'] });
  return new Promise((resolve, reject) => {
    const deadline = Date.now() + 60_000;
    const poll = async () => {
      try {
        if ((await fetch(readyUrl)).ok) return resolve(child);
      } catch {
        /* not up yet */
      }
      if (Date.now() > deadline) {
        child.kill('SIGTERM'); // never leave an orphan holding the port
        return reject(new Error(`${command.join(' ')} did not start`));
      }
      setTimeout(poll, 200);
    };
    child.once('exit', (code) => reject(new Error(`${command.join(' ')} exited with ${code}`)));
    void poll();
  });
}

/**
 * Where a built server started on `port` serves /metrics unless told otherwise: production serves
 * it only on METRICS_PORT (src/config.ts); pulumi/scripts/db-cpu-per-request.sh assumes the same.
 */
export const metricsPortFor = (port: number) => port + 1000;

/** Builds dist/ (unless `build: false`: already built) and starts `node dist/src/main.js` on `port` against `databaseUrl`. */
export async function startBuiltServer(databaseUrl: string, port: number, env: Record<string, string> = {}, { build = true } = {}): Promise<ChildProcess> {
  if (build) execFileSync('npm', ['run', 'build', '--silent'], { stdio: 'inherit' });
  // SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof": Node flags for the servers under test (profiles).
  const nodeArgs = process.env.SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  return startProcess([process.execPath, ...nodeArgs, 'dist/src/main.js'], {
    NODE_ENV: 'production', PORT: String(port), METRICS_PORT: String(metricsPortFor(port)), HOST: '127.0.0.1', LOG_LEVEL: process.env.SERVER_LOG ? 'info' : 'warn', DATABASE_URL: databaseUrl, REDIS_URL,
    JWT_SECRET: 'loadtest-secret-loadtest-secret-loadtest-0123', LOGIN_MAX_FAILURES_PER_IP: '100000', ...env,
  }, `http://127.0.0.1:${port}/healthz`);
}

export async function graphql<T>(url: string, query: string, token?: string): Promise<T> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token && { authorization: `Bearer ${token}` }) },
    body: JSON.stringify({ query }),
  });
  const body = (await response.json()) as { data?: T; errors?: unknown };
  if (!body.data) throw new Error(`GraphQL request failed: ${JSON.stringify(body.errors)}`);
  return body.data;
}
