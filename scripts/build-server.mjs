// @ts-check
/**
 * The compiled server that `npm start` runs: src/main.ts bundled by esbuild into dist/start/
 * (ES modules, code-split so lazily imported parts such as the demo seed stay out of the way).
 *
 * Why a bundle: loading the TypeScript through tsx costs seconds on every start, and even
 * per-file JavaScript spends much of its start-up resolving and reading thousands of small files
 * in node_modules. One bundle is read once. Packages that find files next to themselves at run
 * time (WASM, Lua scripts, worker threads, package.json) or are only loaded on demand stay
 * external: see EXTERNAL below.
 *
 * Rebuilt only when an input changed: the stamp in dist/start/ lists every input's size and
 * modification time (src/, package-lock.json, this file), which costs a few milliseconds to
 * compare. The release build for the container image stays `npm run build` (tsc, per file).
 *
 *   node scripts/build-server.mjs          build if stale
 *   node scripts/build-server.mjs --force  always build
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { projectRoot } from './prisma-client.mjs';

export const defaultOutDir = join(projectRoot, 'dist', 'start');
/** The bundle's entry in `outDir`. */
export const entryOf = (outDir = defaultOutDir) => join(outDir, 'main.js');
const stampOf = (outDir = defaultOutDir) => join(outDir, 'inputs.json');

/**
 * Not bundled, each for a reason:
 *  - @electric-sql/pglite, @prisma/client: load .wasm/.data files from their own folders;
 *  - bullmq (Lua scripts read from disk), ioredis (reads its package.json), msgpackr-extract (native);
 *  - pino: its transports run worker threads from files;
 *  - @aws-sdk/*, @smithy/*, @opentelemetry/*: large, and only loaded when S3 or tracing is configured.
 */
const EXTERNAL = [
  '@electric-sql/pglite', '@electric-sql/pglite/*', '@prisma/client', '@prisma/client/*',
  'bullmq', 'ioredis', 'msgpackr', 'msgpackr-extract', 'pino', '@aws-sdk/*', '@smithy/*', '@opentelemetry/*',
];

/** Every file the bundle is made from, with its size and modification time. */
function inputs() {
  const files = [join(projectRoot, 'package-lock.json'), fileURLToPath(import.meta.url), ...walk(join(projectRoot, 'src'))];
  return files.map((file) => {
    const { size, mtimeMs } = statSync(file);
    return `${relative(projectRoot, file)} ${size} ${mtimeMs}`;
  });
}

function walk(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? walk(path) : [path];
  });
}

function fingerprint() {
  return createHash('sha256').update(`${process.version}\n${inputs().sort().join('\n')}`).digest('hex');
}

/** `outDir` must be inside the project: the server finds the project's files from its own location. */
export function isServerBuildCurrent(outDir = defaultOutDir) {
  if (!existsSync(entryOf(outDir))) return false;
  try {
    return JSON.parse(readFileSync(stampOf(outDir), 'utf8')).fingerprint === fingerprint();
  } catch {
    return false;
  }
}

/** Builds dist/start/ unless it is current (or `force`); returns whether it built. */
export async function ensureServerBuild({ force = false, quiet = false, outDir = defaultOutDir } = {}) {
  if (!force && isServerBuildCurrent(outDir)) return false;
  const started = performance.now();
  const stamp = fingerprint();
  // Built beside the old one and swapped in whole, so a server starting meanwhile never loads half a build.
  const staging = `${outDir}.building-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  const esbuild = await import('esbuild');
  try {
    await esbuild.build({
      absWorkingDir: projectRoot,
      entryPoints: ['src/main.ts'],
      outdir: staging,
      bundle: true,
      splitting: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      sourcemap: 'linked',
      logLevel: 'warning',
      external: EXTERNAL,
      // Bundled CommonJS packages call require(); an ES module has none of its own.
      banner: { js: "import { createRequire as __bundleRequire } from 'node:module'; const require = __bundleRequire(import.meta.url);" },
    });
  } finally {
    // esbuild keeps a helper process for further builds; this process goes on to run the server.
    await esbuild.stop();
  }
  writeFileSync(join(staging, 'inputs.json'), `${JSON.stringify({ fingerprint: stamp }, null, 2)}\n`);
  rmSync(outDir, { recursive: true, force: true });
  renameSync(staging, outDir);
  if (!quiet) console.error(`Compiled the server into ${relative(projectRoot, outDir)}/ in ${Math.round(performance.now() - started)} ms`);
  return true;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  ensureServerBuild({ force: process.argv.includes('--force') }).catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
