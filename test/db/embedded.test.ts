/**
 * The embedded default: with no DATABASE_URL the server keeps PostgreSQL (PGlite) in a folder,
 * migrates and seeds it on first start, says where the data lives, and on the next start finds
 * everything as it was — the same migrations and the same RLS as on a real server.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bootstrapDatabase } from '../../src/db/bootstrap.js';
import { createTenantDb, runWithoutTenant } from '../../src/db/tenant-db.js';
import { seedDemo } from '../../src/seed/demo.js';
import { testConfig } from '../support/databases.js';

const folders: string[] = [];
afterAll(() => Promise.all(folders.map((f) => rm(f, { recursive: true, force: true }))));

async function tempFolder() {
  const folder = await mkdtemp(join(tmpdir(), 'dandori-pglite-'));
  folders.push(folder);
  return folder;
}

describe('embedded default (PGlite in a folder)', () => {
  it('migrates and seeds on first start, and reopens the same data without seeding again', async () => {
    const dataDir = join(await tempFolder(), 'pglite');
    const config = testConfig({ PGLITE_DATA_DIR: dataDir });
    const lines: string[] = [];
    const seed = async (database: Parameters<typeof seedDemo>[0]) => (await seedDemo(database)).logins;

    const first = await bootstrapDatabase(config, { log: (l) => lines.push(l), seedDemo: seed });
    expect(first.database.kind).toBe('pglite');
    expect(lines[0]).toBe(`Embedded PostgreSQL (PGlite): data lives in ${dataDir}`);
    expect(lines.join('\n')).toMatch(/migrations applied: 20261128000000_init, 20261128000100_row_level_security/);
    expect(new Set(first.demoLogins.map((l) => l.role))).toEqual(new Set(['OWNER', 'ADMIN', 'MEMBER', 'VIEWER']));
    const tenants = await first.database.writer.tenant.findMany({ orderBy: { slug: 'asc' } });
    await first.database.close();

    const second = await bootstrapDatabase(config, { log: (l) => lines.push(l), seedDemo: seed });
    expect(second.demoLogins).toEqual([]); // data already there: no second seed
    expect((await second.database.writer.tenant.findMany({ orderBy: { slug: 'asc' } })).map((t) => t.id)).toEqual(tenants.map((t) => t.id));
    // The same RLS as on PostgreSQL: one tenant's handle sees only its own users; no tenant, none.
    const [a, b] = tenants;
    const seenByA = await createTenantDb(second.database, a!.id).read((tx) => tx.user.findMany({ select: { tenantId: true } }));
    expect(seenByA.length).toBeGreaterThan(0);
    expect(seenByA.every((u) => u.tenantId === a!.id)).toBe(true);
    const leak = await createTenantDb(second.database, a!.id).read((tx) => tx.user.count({ where: { tenantId: b!.id } }));
    expect(leak).toBe(0);
    const anonymous = await runWithoutTenant(second.database, (tx) => tx.user.count());
    expect(anonymous).toBe(0);
    await second.database.close();
  });

  it('`npm start` with no DATABASE_URL prints the URL, where the data lives and the demo logins', async () => {
    const dataDir = join(await tempFolder(), 'pglite');
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: { ...process.env, DATABASE_URL: '', REDIS_URL: '', PGLITE_DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', NODE_ENV: 'development' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const until = Date.now() + 90_000;
    while (!/Demo logins/.test(output) && child.exitCode === null && Date.now() < until) await new Promise((r) => setTimeout(r, 200));
    const url = /Dandori Portal API: (http:\/\/\S+\/graphql)/.exec(output)?.[1];
    const health = url ? await fetch(url.replace('/graphql', '/healthz')).then((r) => r.status) : 0;
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));

    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/graphql$/);
    expect(health).toBe(200);
    expect(output).toContain(`Embedded PostgreSQL data: ${dataDir}`);
    expect(output).toMatch(/owner@sakura-kensetsu\.example\s+dandori-demo-2026\s+OWNER/);
    expect(output).toMatch(/viewer@minato-design\.example\s+dandori-demo-2026\s+VIEWER/);
  });
});
