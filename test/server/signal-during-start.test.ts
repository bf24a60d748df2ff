/**
 * A rollout or a scale-down may stop a pod that is still starting. SIGTERM then must not kill the
 * process half-built (default signal action: exit by signal, connections dropped): it is kept, and
 * the app drains and exits 0 once it exists.
 */
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openMigratedDatabase, type MigratedDatabase } from '../support/databases.js';
import { TEST_JWT_SECRET } from '../support/server-process.js';

describe('SIGTERM while starting', () => {
  let database: MigratedDatabase;
  beforeAll(async () => {
    database = await openMigratedDatabase('postgres');
  });
  afterAll(() => database?.close());

  it('drains and exits 0 instead of dying by the signal', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: { ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'info', HOST: '127.0.0.1', PORT: '0', JWT_SECRET: TEST_JWT_SECRET, DATABASE_URL: database.url!, REDIS_URL: 'redis://127.0.0.1:6379' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let printed = '';
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
    // The first log line is written while createApp is still connecting: signal right then.
    await new Promise<void>((resolve) => {
      const onData = (chunk: Buffer) => {
        printed += chunk.toString();
        if (printed.includes('"msg":"PostgreSQL: ')) {
          child.stdout!.off('data', onData);
          child.stdout!.on('data', (more: Buffer) => (printed += more.toString()));
          resolve();
        }
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', (chunk: Buffer) => (printed += chunk.toString()));
    });
    expect(printed).not.toContain('is ready'); // really still starting
    child.kill('SIGTERM');
    const exit = await exited;
    expect(exit, printed).toEqual({ code: 0, signal: null });
    expect(printed).toContain('"signal":"SIGTERM"');
  }, 120_000);
});
