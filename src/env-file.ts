/**
 * `.env` support for the entry points (server, worker, migrations, seed), read before the
 * configuration is parsed. Precedence, highest first:
 *   1. the real environment (a variable that is set, even to an empty string, is never replaced);
 *   2. `.env` in the current working directory (Node's own parser, `process.loadEnvFile`);
 *   3. the defaults in src/config.ts.
 * Not read when the real environment says NODE_ENV=test, so a developer's `.env` cannot leak into
 * the test suite's server processes. `loadConfig` itself never reads files: tests pass their
 * environment explicitly.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

export interface EnvFileResult {
  /** Absolute path of the file that was read, or undefined when none was. */
  path: string | undefined;
}

export function loadEnvFile(cwd = process.cwd()): EnvFileResult {
  if (process.env.NODE_ENV === 'test') return { path: undefined };
  const path = resolve(cwd, '.env');
  if (!existsSync(path)) return { path: undefined };
  // Node's loader fills process.env only with variables that are not set yet: rule 1 above.
  process.loadEnvFile(path);
  return { path };
}
