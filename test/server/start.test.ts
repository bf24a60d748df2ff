/**
 * `npm start` (scripts/start.mjs) does only the set-up that is missing: the Prisma client is
 * generated when the schema changed and not otherwise, the server bundle is rebuilt when a source
 * changed and not otherwise, and the bundle is a working server. And on the embedded default a
 * second start lists every demo login and keeps everyone signed in. (How fast a second start is
 * is measured, not asserted: docs/benchmarks.md.)
 */
import { spawnSync } from 'node:child_process';
import { appendFile, copyFile, mkdir, mkdtemp, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { ensureServerBuild, entryOf, isServerBuildCurrent } from '../../scripts/build-server.mjs';
import { currentStamp, ensurePrismaClient, isPrismaClientCurrent, prismaPaths } from '../../scripts/prisma-client.mjs';
import { SESSIONS_FILE } from '../../src/auth/file-session-store.js';
import { SECRET_FILE } from '../../src/auth/signing-secret.js';
import { projectRoot } from '../../src/paths.js';
import { DEMO_COMPANIES, demoEmail } from '../../src/seed/demo-companies.js';
import { openMigratedDatabase } from '../support/databases.js';
import { operationText, type GraphQLResult } from '../support/operations.js';
import { startServerCommand } from '../support/server-command.js';
import { graphql } from '../generated/index.js';

const TYPENAME = graphql(`query StartTypename { __typename }`);
const LOGIN = graphql(`mutation StartLogin { login(tenantSlug: "sakura-kensetsu", email: "member@sakura-kensetsu.example", password: "dandori-demo-2026") { accessToken refreshToken } }`);
const ME = graphql(`query StartMe { me { email role } }`);
const REFRESH = graphql(`mutation StartRefresh($t: String!) { refreshSession(refreshToken: $t) { accessToken } }`);

const cleanup: string[] = [];
afterAll(() => Promise.all(cleanup.map((path) => rm(path, { recursive: true, force: true }))));

async function tempFolder(prefix: string) {
  const folder = await mkdtemp(join(tmpdir(), prefix));
  cleanup.push(folder);
  return folder;
}

/** The body of one operation's answer (a server of its own, not the test server's client). */
async function post<TResult, TVariables>(url: string, query: TypedDocumentNode<TResult, TVariables>, variables?: TVariables, token?: string) {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token && { authorization: `Bearer ${token}` }) },
    body: JSON.stringify({ query: operationText(query), variables: variables ?? {} }),
  });
  return (await response.json()) as Pick<GraphQLResult<TResult>, 'data' | 'errors'>;
}

describe('the Prisma client', () => {
  it('is current in this checkout, so `npm run generate:prisma` returns at once without generating', () => {
    expect(isPrismaClientCurrent()).toBe(true);
    const run = spawnSync(process.execPath, [join(projectRoot, 'scripts', 'prisma-client.mjs')], { cwd: projectRoot, encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(run.stderr + run.stdout).toBe('');
  });

  it('is generated when missing, not again while prisma/schema.prisma is unchanged, and is stale after a change', async () => {
    // A project of its own, sharing node_modules: generating here never touches this checkout's client.
    const root = await tempFolder('dandori-prisma-');
    await mkdir(join(root, 'prisma'));
    await copyFile(join(projectRoot, 'prisma', 'schema.prisma'), join(root, 'prisma', 'schema.prisma'));
    await copyFile(join(projectRoot, 'prisma.config.ts'), join(root, 'prisma.config.ts'));
    await writeFile(join(root, 'package.json'), '{ "type": "module" }\n');
    await symlink(join(projectRoot, 'node_modules'), join(root, 'node_modules'));

    expect(isPrismaClientCurrent(root)).toBe(false);
    expect(ensurePrismaClient({ root, quiet: true })).toBe(true);
    expect(await stat(join(prismaPaths(root).clientDir, 'client.ts'))).toBeTruthy();
    expect(JSON.parse(await readFile(prismaPaths(root).stamp, 'utf8'))).toEqual(currentStamp(root));
    const generatedAt = (await stat(join(prismaPaths(root).clientDir, 'client.ts'))).mtimeMs;

    expect(ensurePrismaClient({ root, quiet: true })).toBe(false);
    expect((await stat(join(prismaPaths(root).clientDir, 'client.ts'))).mtimeMs).toBe(generatedAt);

    // Any change to the schema makes it stale (and ensurePrismaClient would generate again, as above).
    await appendFile(prismaPaths(root).schema, '\n// a change\n');
    expect(isPrismaClientCurrent(root)).toBe(false);
  }, 180_000);
});

describe('the server bundle (dist/start)', () => {
  // Inside the project: the server finds schema/ and prisma/ from its own location.
  const outDir = join(projectRoot, 'dist', `start-test-${process.pid}`);
  cleanup.push(outDir);

  it('is built when missing, not again while the sources are unchanged, and is stale after a change', async () => {
    expect(isServerBuildCurrent(outDir)).toBe(false);
    expect(await ensureServerBuild({ outDir, quiet: true })).toBe(true);
    const builtAt = (await stat(entryOf(outDir))).mtimeMs;
    expect(await ensureServerBuild({ outDir, quiet: true })).toBe(false);
    expect((await stat(entryOf(outDir))).mtimeMs).toBe(builtAt);

    // Any file added to (or changed in) src/ makes it stale; taken away again, current again.
    const probe = join(projectRoot, 'src', `.build-probe-${process.pid}`);
    await writeFile(probe, 'x');
    try {
      expect(isServerBuildCurrent(outDir)).toBe(false);
    } finally {
      await rm(probe);
    }
    expect(isServerBuildCurrent(outDir)).toBe(true);
  }, 120_000);

  it('is a working server', async () => {
    await ensureServerBuild({ outDir, quiet: true });
    const migrated = await openMigratedDatabase('postgres');
    try {
      const server = await startServerCommand({
        args: ['--enable-source-maps', entryOf(outDir)],
        env: { NODE_ENV: 'development', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', DATABASE_URL: migrated.url! },
      });
      const health = await fetch(`${server.url}/healthz`).then((r) => r.status);
      const typename = await post(server.url, TYPENAME);
      expect(await server.stop()).toBe(0);
      expect(health).toBe(200);
      expect(typename).toEqual({ data: { __typename: 'Query' } });
    } finally {
      await migrated.close();
    }
  }, 120_000);
});

describe('npm start on the embedded default', () => {
  it('starts again with every demo login listed, and a token from before the restart still works', async () => {
    const dataDir = join(await tempFolder('dandori-start-'), 'pglite');
    const start = () =>
      startServerCommand({
        args: [join(projectRoot, 'scripts', 'start.mjs')],
        env: { NODE_ENV: 'development', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', PGLITE_DATA_DIR: dataDir },
        timeoutMs: 240_000,
      });

    const first = await start();
    const login = await post(first.url, LOGIN);
    const { accessToken, refreshToken } = login.data!.login;
    expect(await first.stop()).toBe(0);
    expect((await stat(join(dataDir, SECRET_FILE))).mode & 0o777).toBe(0o600);
    expect(await readFile(join(dataDir, SESSIONS_FILE), 'utf8')).toContain('"role":"MEMBER"');

    const second = await start();
    try {
      const banner = second.output();
      expect(banner).toMatch(/Dandori Portal API: http:\/\/127\.0\.0\.1:\d+\/graphql {2}\(ready in \d+\.\d\d s\)/);
      expect(banner).not.toContain('seeding');
      // Every login of every demo company, on a start that did not seed them.
      for (const company of DEMO_COMPANIES) {
        for (const role of ['owner', 'admin', 'member', 'viewer']) {
          expect(banner).toMatch(new RegExp(`${demoEmail({ localPart: role }, company.slug).replace(/\./g, '\\.')}\\s+dandori-demo-2026\\s+${role.toUpperCase()}`));
        }
        const extra = company.people.length - 4;
        expect(banner).toContain(`member2…member${extra + 1}@${company.slug}.example`);
        expect(banner).toContain(`MEMBER (${extra} logins)`);
      }

      const me = await post(second.url, ME, {}, accessToken);
      expect(me).toEqual({ data: { me: { email: 'member@sakura-kensetsu.example', role: 'MEMBER' } } });
      const refreshed = await post(second.url, REFRESH, { t: refreshToken });
      expect(refreshed.errors).toBeUndefined();
      expect(typeof refreshed.data!.refreshSession.accessToken).toBe('string');
    } finally {
      expect(await second.stop()).toBe(0);
    }
  }, 600_000);
});
