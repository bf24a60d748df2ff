// @ts-check
/**
 * `npm start`: does whatever set-up is missing, then runs the compiled server in this process.
 *   1. the Prisma client, generated only when prisma/schema.prisma (or Prisma) changed;
 *   2. the server bundle in dist/start/, rebuilt only when a source file changed;
 *   3. the server itself (src/main.ts), which loads .env and prints the time to ready.
 * On a fresh clone the first start does all three; later starts only compare stamps.
 * `npm run dev` runs the TypeScript sources with tsx in watch mode instead.
 */
import { pathToFileURL } from 'node:url';
import { ensureServerBuild, entryOf } from './build-server.mjs';
import { ensurePrismaClient } from './prisma-client.mjs';

try {
  ensurePrismaClient();
  await ensureServerBuild();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
// Stack traces point into the bundle (readable: not minified, with `// src/<file>.ts` markers).
// NODE_OPTIONS=--enable-source-maps maps them back to src/*.ts, at a few hundred ms per start.
await import(pathToFileURL(entryOf()).href);
