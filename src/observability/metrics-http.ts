/**
 * Where Prometheus scrapes: `/metrics` on the main port, or — when METRICS_PORT is set — on a
 * small server of its own (then the main port answers 404 there, so the metrics are not exposed
 * through the load balancer). The separate server is started and stopped with the app.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Metrics } from './metrics.js';

async function serveMetrics(metrics: Metrics, res: ServerResponse): Promise<void> {
  const body = await metrics.render();
  res.writeHead(200, { 'content-type': metrics.contentType, 'cache-control': 'no-store' });
  res.end(body);
}

/** A Route (src/server/http.ts) answering GET /metrics on the main port. */
export function metricsRoute(metrics: Metrics) {
  return async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> => {
    if (url.pathname !== '/metrics' || (req.method !== 'GET' && req.method !== 'HEAD')) return false;
    await serveMetrics(metrics, res);
    return true;
  };
}

export interface MetricsServer {
  /** Listens on host:port (0 picks a free port); resolves to the base URL. */
  start(): Promise<string>;
  /** Closes at once, cutting Prometheus's keep-alive connections; a no-op when not started. */
  close(): Promise<void>;
}

export function createMetricsServer(metrics: Metrics, host: string, port: number): MetricsServer {
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path !== '/metrics') {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found\n');
      return;
    }
    serveMetrics(metrics, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(`metrics collection failed: ${error instanceof Error ? error.message : 'unknown error'}\n`);
    });
  });
  return {
    start: () =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          const address = server.address() as AddressInfo;
          const shown = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
          resolve(`http://${shown}:${address.port}`);
        });
      }),
    close: () =>
      new Promise((resolve) => {
        if (!server.listening) return resolve();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
