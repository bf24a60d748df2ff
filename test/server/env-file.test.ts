/**
 * .env: the server reads ./.env with the precedence real environment > .env > defaults, shown on
 * real server processes started in a folder holding a .env; and the rules of src/env-file.ts
 * (never replace a set variable, skip under NODE_ENV=test) in process.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEnvFile } from '../../src/env-file.js';
import { openMigratedDatabase, type MigratedDatabase } from '../support/databases.js';
import { freePort } from '../support/ports.js';
import { startServerCommand } from '../support/server-command.js';

const folders: string[] = [];
async function folderWithEnv(content: string): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), 'dandori-env-'));
  folders.push(folder);
  await writeFile(join(folder, '.env'), content);
  return folder;
}
afterAll(() => Promise.all(folders.map((f) => rm(f, { recursive: true, force: true }))));

describe('.env with a real server process', () => {
  let migrated: MigratedDatabase;
  beforeAll(async () => {
    migrated = await openMigratedDatabase('postgres');
  });
  afterAll(() => migrated?.close());

  it('takes PORT (and the database) from .env, lets the real environment win, and defaults the rest', async () => {
    const [fromFile, fromEnvironment] = await Promise.all([freePort(), freePort()]);
    // No HOST here: its default (0.0.0.0) shows in the banner as "localhost".
    const cwd = await folderWithEnv(
      ['# a comment', `PORT=${fromFile}`, `DATABASE_URL="${migrated.url}"`, 'LOG_LEVEL=warn', 'JWT_SECRET=dotenv-secret-dotenv-secret-dotenv-secret', ''].join('\n'),
    );

    const fileOnly = await startServerCommand({ cwd, env: { NODE_ENV: 'development' } });
    const fileOnlyHealth = await fetch(`http://127.0.0.1:${fromFile}/healthz`).then((r) => r.status);
    expect(await fileOnly.stop()).toBe(0);
    expect(fileOnly.output()).toMatch(new RegExp(`Dandori Portal API: http://localhost:${fromFile}/graphql`));
    expect(fileOnlyHealth).toBe(200);
    // DATABASE_URL came from .env too: no embedded database was opened in the folder.
    expect(fileOnly.output()).not.toContain('Embedded PostgreSQL data');

    const overridden = await startServerCommand({ cwd, env: { NODE_ENV: 'development', PORT: String(fromEnvironment) } });
    const overriddenHealth = await fetch(`http://127.0.0.1:${fromEnvironment}/healthz`).then((r) => r.status);
    expect(await overridden.stop()).toBe(0);
    expect(overridden.output()).toMatch(new RegExp(`Dandori Portal API: http://localhost:${fromEnvironment}/graphql`));
    expect(overriddenHealth).toBe(200);
    expect(overridden.output()).not.toContain('Embedded PostgreSQL data');
  }, 300_000);

  it('names a bad value from .env like any other configuration problem', async () => {
    const cwd = await folderWithEnv('PORT=eighty\n');
    await expect(startServerCommand({ cwd, env: { NODE_ENV: 'development' }, timeoutMs: 60_000 })).rejects.toThrow(
      /exited with 1[\s\S]*Invalid configuration \(1 problem\):\n {2}- PORT: .*\(got "eighty"\)/,
    );
  }, 120_000);
});

describe('loadEnvFile', () => {
  const keys = ['DANDORI_ENV_TEST_A', 'DANDORI_ENV_TEST_B', 'DANDORI_ENV_TEST_C'];
  const saved = process.env.NODE_ENV;
  afterAll(() => {
    process.env.NODE_ENV = saved;
    for (const key of keys) delete process.env[key];
  });

  it('fills only variables that are not set, even to an empty string', async () => {
    const cwd = await folderWithEnv('DANDORI_ENV_TEST_A=from-file\nDANDORI_ENV_TEST_B=from-file\nDANDORI_ENV_TEST_C="quoted # not a comment"\n');
    process.env.NODE_ENV = 'development';
    process.env.DANDORI_ENV_TEST_A = 'real';
    process.env.DANDORI_ENV_TEST_B = '';
    expect(loadEnvFile(cwd).path).toBe(join(cwd, '.env'));
    expect(process.env.DANDORI_ENV_TEST_A).toBe('real');
    expect(process.env.DANDORI_ENV_TEST_B).toBe('');
    expect(process.env.DANDORI_ENV_TEST_C).toBe('quoted # not a comment');
  });

  it('reads nothing under NODE_ENV=test, and nothing when there is no .env', async () => {
    const cwd = await folderWithEnv('DANDORI_ENV_TEST_A=from-file\n');
    delete process.env.DANDORI_ENV_TEST_A;
    process.env.NODE_ENV = 'test';
    expect(loadEnvFile(cwd).path).toBeUndefined();
    expect(process.env.DANDORI_ENV_TEST_A).toBeUndefined();
    process.env.NODE_ENV = 'development';
    const empty = await mkdtemp(join(tmpdir(), 'dandori-env-'));
    folders.push(empty);
    expect(loadEnvFile(empty).path).toBeUndefined();
  });
});
