/**
 * The signing key: JWT_SECRET when set; on the embedded default, one generated once and kept in
 * the data folder (owner-only, the same for two processes starting at once); else per process;
 * and a warning when REDIS_URL comes without JWT_SECRET.
 */
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveSigningSecret, SECRET_FILE } from '../../src/auth/signing-secret.js';

const folders: string[] = [];
async function folder() {
  const path = await mkdtemp(join(tmpdir(), 'dandori-secret-'));
  folders.push(path);
  return path;
}
afterAll(() => Promise.all(folders.map((f) => rm(f, { recursive: true, force: true }))));

const SECRET = 'configured-secret-configured-secret-0123';

describe('resolveSigningSecret', () => {
  it('uses JWT_SECRET when it is set, and writes nothing', async () => {
    const dir = await folder();
    expect(await resolveSigningSecret({ JWT_SECRET: SECRET, REDIS_URL: 'redis://127.0.0.1:6379' }, dir)).toEqual({ secret: SECRET, source: 'JWT_SECRET' });
    await expect(stat(join(dir, SECRET_FILE))).rejects.toThrow(/ENOENT/);
  });

  it('generates a key once in the data folder, readable by its owner only, and reuses it', async () => {
    const dir = await folder();
    const first = await resolveSigningSecret({ JWT_SECRET: undefined, REDIS_URL: undefined }, dir);
    expect(first.source).toBe('data folder');
    expect(first.secret!.length).toBeGreaterThanOrEqual(32);
    expect(first.warning).toBeUndefined();
    expect((await readFile(join(dir, SECRET_FILE), 'utf8')).trim()).toBe(first.secret);
    expect((await stat(join(dir, SECRET_FILE))).mode & 0o777).toBe(0o600);
    expect((await resolveSigningSecret({ JWT_SECRET: undefined, REDIS_URL: undefined }, dir)).secret).toBe(first.secret);
  });

  it('gives two processes starting at once the same key', async () => {
    const dir = await folder();
    const results = await Promise.all(Array.from({ length: 8 }, () => resolveSigningSecret({ JWT_SECRET: undefined, REDIS_URL: undefined }, dir)));
    expect(new Set(results.map((r) => r.secret)).size).toBe(1);
  });

  it('refuses a kept file that holds no usable key, naming it', async () => {
    const dir = await folder();
    await writeFile(join(dir, SECRET_FILE), 'short\n');
    await expect(resolveSigningSecret({ JWT_SECRET: undefined, REDIS_URL: undefined }, dir)).rejects.toThrow(`${join(dir, SECRET_FILE)} exists but holds no usable secret`);
  });

  it('leaves the key to the process without a data folder, and warns when Redis means several servers', async () => {
    expect(await resolveSigningSecret({ JWT_SECRET: undefined, REDIS_URL: undefined }, undefined)).toEqual({ secret: undefined, source: 'random per process' });
    const withRedis = await resolveSigningSecret({ JWT_SECRET: undefined, REDIS_URL: 'redis://127.0.0.1:6379' }, undefined);
    expect(withRedis.source).toBe('random per process');
    expect(withRedis.warning).toMatch(/^REDIS_URL is set but JWT_SECRET is not: .* a token from one is refused by the others/);
  });
});
