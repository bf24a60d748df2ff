/**
 * /healthz: the process is alive. /readyz: this pod can take new requests — it has started (the
 * routes only answer once the server listens) and is not draining.
 *
 * Readiness deliberately ignores PostgreSQL and Redis: they are shared by every pod, so a readiness
 * check on them would take every pod out of the load balancer at once during an Aurora or
 * ElastiCache failover, turning a few seconds of per-request 503s into a full outage. Their health
 * is the `dandori_dependency_up` metric instead (src/observability/dependency-probe.ts), alarmed on.
 */
import type { ServerResponse } from 'node:http';
import type { Dependencies } from '../context/dependencies.js';
import type { Route } from '../http/responses.js';

function json(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

export function healthRoutes(deps: Pick<Dependencies, 'lifecycle'>): Route[] {
  return [
    (req, res, url) => {
      if (url.pathname !== '/healthz') return false;
      json(res, 200, { status: 'ok' });
      return true;
    },
    (req, res, url) => {
      if (url.pathname !== '/readyz') return false;
      if (deps.lifecycle.draining) json(res, 503, { status: 'draining' });
      else json(res, 200, { status: 'ready' });
      return true;
    },
  ];
}
