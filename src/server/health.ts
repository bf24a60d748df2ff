/**
 * /healthz: the process is alive. /readyz: it can serve — not draining, and the database (and
 * Redis, when configured) answered within a short timeout.
 */
import type { ServerResponse } from 'node:http';
import type { Dependencies } from './dependencies.js';
import type { Route } from './http.js';

const CHECK_TIMEOUT_MS = 1_000;

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  return Promise.race([work, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms).unref())]);
}

function json(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

export function healthRoutes(deps: Dependencies): Route[] {
  const checks: Record<string, () => Promise<unknown>> = {
    database: () => deps.database.writer.$queryRaw`SELECT 1`,
    ...(deps.redis && { redis: () => deps.redis!.ping() }),
  };
  return [
    (req, res, url) => {
      if (url.pathname !== '/healthz') return false;
      json(res, 200, { status: 'ok' });
      return true;
    },
    async (req, res, url) => {
      if (url.pathname !== '/readyz') return false;
      if (deps.lifecycle.draining) {
        json(res, 503, { status: 'draining' });
        return true;
      }
      const results = await Promise.all(
        Object.entries(checks).map(async ([name, check]) => {
          try {
            await withTimeout(check(), CHECK_TIMEOUT_MS);
            return [name, 'ok'] as const;
          } catch (error) {
            return [name, error instanceof Error ? error.message : 'failed'] as const;
          }
        }),
      );
      const ready = results.every(([, status]) => status === 'ok');
      json(res, ready ? 200 : 503, { status: ready ? 'ready' : 'not ready', checks: Object.fromEntries(results) });
      return true;
    },
  ];
}
