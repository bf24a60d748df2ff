/**
 * A Redis server of a test's own (redis-server from the machine's packages, on a free port), for
 * what the shared one on 6379 cannot show: exact command counts (INFO commandstats), and faults —
 * Redis stopped, frozen or restarted under a running app.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { freePort } from './ports.js';

export interface PrivateRedis {
  readonly url: string;
  /** Commands the server has executed (INFO commandstats), not counting the INFO calls themselves. */
  commandCount(): Promise<number>;
  /** SIGSTOP: connections stay open but nothing answers (what a network partition looks like). */
  freeze(): void;
  thaw(): void;
  /** Kills it (SIGKILL); `start()` brings it back on the same port (with its data if it persists). */
  kill(): Promise<void>;
  start(): Promise<void>;
  close(): Promise<void>;
}

export interface PrivateRedisOptions {
  /** Keep data across restarts in an append-only file (as a persistent production Redis does). */
  persist?: boolean;
}

export async function startPrivateRedis(options: PrivateRedisOptions = {}): Promise<PrivateRedis> {
  const port = await freePort();
  const dir = await mkdtemp(join(tmpdir(), 'dandori-redis-'));
  const url = `redis://127.0.0.1:${port}`;
  let child: ChildProcess | undefined;
  const admin = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => 200 });
  admin.on('error', () => {});

  const start = async () => {
    child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', options.persist ? 'yes' : 'no', '--appendfsync', 'always', '--dir', dir], {
      stdio: 'ignore',
    });
    const until = Date.now() + 10_000;
    for (;;) {
      try {
        const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
        probe.on('error', () => {});
        await probe.connect();
        await probe.ping();
        probe.disconnect();
        return;
      } catch {
        if (Date.now() > until) throw new Error(`redis-server on port ${port} did not start`);
        await new Promise((r) => setTimeout(r, 50));
      }
    }
  };
  const kill = async () => {
    const running = child;
    if (!running || running.exitCode !== null) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill('SIGKILL');
    await exited;
  };
  await start();
  await admin.connect();

  return {
    url,
    async commandCount() {
      const stats = await admin.info('commandstats');
      let calls = 0;
      for (const [, name, n] of stats.matchAll(/^cmdstat_([^:]+):calls=(\d+)/gm)) if (name !== 'info') calls += Number(n);
      return calls;
    },
    freeze: () => void child?.kill('SIGSTOP'),
    thaw: () => void child?.kill('SIGCONT'),
    kill,
    start,
    async close() {
      child?.kill('SIGCONT');
      admin.disconnect();
      await kill();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
