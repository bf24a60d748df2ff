/**
 * A server started the way a person starts it: a command (by default the TypeScript entry, or the
 * bundle, or scripts/start.mjs), a working folder, an environment of its own (nothing of the test
 * process leaks in, not even PORT), found by the URL its start-up banner prints. For .env and
 * `npm start`; server-process.ts is the one for "pods" of a test (free port, test defaults).
 * Its output is kept for assertions; `stop()` sends SIGTERM and waits for the exit.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { projectRoot } from '../../src/paths.js';

export interface ServerCommand {
  /** e.g. http://127.0.0.1:41234 (no /graphql). */
  url: string;
  child: ChildProcess;
  output(): string;
  /** SIGTERM (graceful shutdown), then the exit code. */
  stop(): Promise<number | null>;
}

export interface ServerCommandOptions {
  /** Added to a minimal environment (PATH, HOME): nothing else of the test process leaks in. */
  env: Record<string, string>;
  cwd?: string;
  /** Default: the TypeScript entry through tsx, which works from any cwd. */
  args?: string[];
  timeoutMs?: number;
}

/** tsx's loader by absolute URL, so the child may run in a folder without node_modules. */
export const TSX_ARGS = ['--import', pathToFileURL(join(projectRoot, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href, join(projectRoot, 'src', 'main.ts')];

const BANNER = /Dandori Portal API: (http:\/\/\S+)\/graphql {2}\(ready in/;

export async function startServerCommand(options: ServerCommandOptions): Promise<ServerCommand> {
  const child = spawn(process.execPath, options.args ?? TSX_ARGS, {
    cwd: options.cwd ?? projectRoot,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const deadline = Date.now() + (options.timeoutMs ?? 120_000);
  let url: string | undefined;
  // The banner is one write, so once its first line is here, all of it is.
  while (!(url = BANNER.exec(output)?.[1])) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode} before it was ready:\n${output}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server not ready within ${options.timeoutMs ?? 120_000} ms:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    url: url.replace('localhost', '127.0.0.1'),
    child,
    output: () => output,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}
