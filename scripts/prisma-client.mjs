// @ts-check
/**
 * Generates the Prisma client (src/generated/prisma) only when it is missing or out of date.
 * `prisma generate` takes seconds; checking costs a hash of prisma/schema.prisma. The stamp kept
 * next to the client records what it was generated from: the schema's SHA-256 and the versions of
 * the `prisma` generator and `@prisma/client` runtime. Any change to one of them regenerates.
 *
 *   node scripts/prisma-client.mjs           generate if stale (npm start, npm test, npm run dev)
 *   node scripts/prisma-client.mjs --force   always generate (npm run generate:prisma -- --force)
 *
 * Plain JavaScript on purpose: it runs before anything is compiled.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const projectRoot = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Where a project's schema, client and stamp are (a project other than this one: tests). */
export function prismaPaths(root = projectRoot) {
  const clientDir = join(root, 'src', 'generated', 'prisma');
  return {
    root,
    schema: join(root, 'prisma', 'schema.prisma'),
    clientDir,
    /** Written after a successful generate; compared on every start. */
    stamp: join(clientDir, '.generated-from.json'),
  };
}

const require = createRequire(import.meta.url);

/** What the generated client depends on; equal stamps mean the client is current. */
export function currentStamp(root = projectRoot) {
  return {
    schemaSha256: createHash('sha256').update(readFileSync(prismaPaths(root).schema)).digest('hex'),
    prisma: require('prisma/package.json').version,
    prismaClient: require('@prisma/client/package.json').version,
  };
}

function readStamp(root = projectRoot) {
  try {
    return JSON.parse(readFileSync(prismaPaths(root).stamp, 'utf8'));
  } catch {
    return undefined;
  }
}

/** True when the client exists and was generated from the current schema by the current versions. */
export function isPrismaClientCurrent(root = projectRoot) {
  if (!existsSync(join(prismaPaths(root).clientDir, 'client.ts'))) return false;
  const stamp = readStamp(root);
  const current = currentStamp(root);
  return stamp !== undefined && Object.entries(current).every(([key, value]) => stamp[key] === value);
}

/**
 * Generates the client unless it is current (or `force`). Returns whether it generated.
 * Throws when `prisma generate` fails, with its output already on the terminal.
 */
export function ensurePrismaClient({ force = false, quiet = false, root = projectRoot } = {}) {
  if (!force && isPrismaClientCurrent(root)) return false;
  const stamp = currentStamp(root);
  if (!quiet) console.error('Generating the Prisma client (prisma/schema.prisma changed, or first run)…');
  const result = spawnSync(process.execPath, [require.resolve('prisma/build/index.js'), 'generate'], {
    cwd: root,
    stdio: quiet ? ['ignore', 'ignore', 'inherit'] : 'inherit',
    // `generate` needs no schema engine, and none can be downloaded here: this tells Prisma not to
    // look for one. Only for this command (with it, `migrate deploy` would silently do nothing).
    env: { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: '/bin/true' },
  });
  if (result.status !== 0) throw new Error(`prisma generate failed (exit ${result.status ?? result.signal})`);
  writeFileSync(prismaPaths(root).stamp, `${JSON.stringify(stamp, null, 2)}\n`);
  return true;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    ensurePrismaClient({ force: process.argv.includes('--force') });
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
