/**
 * The server as a real child process (`node --import tsx src/main.ts`), for what in-process test
 * servers cannot show: two separate processes ("pods") sharing PostgreSQL and Redis, signals,
 * crashes. Its stdout/stderr are kept for assertions on log lines.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { freePort } from './ports.js';
import { operationText, type Operation, type SendOperation } from './operations.js';

export interface ServerProcess {
  readonly url: string;
  readonly child: ChildProcess;
  /** Everything the process printed so far. */
  output(): string;
  /** POSTs one operation to /graphql (a typed document from test/generated, or a plain string). */
  graphql: SendOperation;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves with the exit code. */
  stop(graceMs?: number): Promise<number | null>;
}

export const TEST_JWT_SECRET = 'test-secret-test-secret-test-secret-0123456789';

export async function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  // node itself, not npx: signals must reach the server, not a wrapper.
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: { ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'warn', HOST: '127.0.0.1', PORT: String(port), JWT_SECRET: TEST_JWT_SECRET, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let printed = '';
  child.stdout!.on('data', (chunk: Buffer) => (printed += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (printed += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const until = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited early with ${child.exitCode}:\n${printed}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > until) {
      child.kill('SIGKILL');
      throw new Error(`server did not start:\n${printed}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }

  return {
    url,
    child,
    output: () => printed,
    graphql: (async (query: Operation, variables: unknown = {}, token?: string, headers: Record<string, string> = {}) => {
      const response = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token && { authorization: `Bearer ${token}` }), ...headers },
        body: JSON.stringify({ query: operationText(query), variables }),
      });
      const body = (await response.json()) as object;
      return { status: response.status, headers: response.headers, ...body };
    }) as SendOperation,
    async stop(graceMs = 10_000) {
      if (child.exitCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}
