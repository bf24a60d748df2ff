/**
 * GET /dashboard: the live dashboard page, served by the API itself with no CDN. The page is
 * plain files: HTML and CSS (page.ts), one ES module (app.js, carried into dist/ by tsc with
 * allowJs), and graphql-ws's own browser build from node_modules. It signs in with the `login`
 * mutation, reads the `dashboard` query over HTTP and keeps it current through `dashboardUpdated`
 * over graphql-ws on /graphql, reconnecting and refetching after a drop.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { projectRoot } from '../../paths.js';
import type { Route } from '../../http/responses.js';
import { DASHBOARD_CSS, DASHBOARD_HTML } from './page.js';

/** Only this server's own files; the WebSocket and fetches go to this origin too. */
const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

interface Asset {
  type: string;
  body: string;
}

/**
 * app.js sits next to this module in src/ (tsx) and in dist/src/ (tsc carries it there); the
 * one-file bundle of `npm start` (dist/start/) has no neighbours, so it reads the source copy.
 */
function pageScript(): string {
  const besideModule = fileURLToPath(new URL('./app.js', import.meta.url));
  const inSources = join(projectRoot, 'src', 'web', 'dashboard', 'app.js');
  return readFileSync(existsSync(besideModule) ? besideModule : inSources, 'utf8');
}

function loadAssets(): Map<string, Asset> {
  const require = createRequire(join(projectRoot, 'package.json'));
  const graphqlWs = join(dirname(require.resolve('graphql-ws')), '..', 'umd', 'graphql-ws.min.js');
  return new Map([
    ['/dashboard', { type: 'text/html; charset=utf-8', body: DASHBOARD_HTML }],
    ['/dashboard/', { type: 'text/html; charset=utf-8', body: DASHBOARD_HTML }],
    ['/dashboard/style.css', { type: 'text/css; charset=utf-8', body: DASHBOARD_CSS }],
    ['/dashboard/app.js', { type: 'text/javascript; charset=utf-8', body: pageScript() }],
    ['/dashboard/graphql-ws.js', { type: 'text/javascript; charset=utf-8', body: readFileSync(graphqlWs, 'utf8') }],
  ]);
}

/** Read once at start-up: the files never change while the process runs. */
export function dashboardPageRoutes(): Route[] {
  const assets = loadAssets();
  return [
    (req, res, url) => {
      const asset = assets.get(url.pathname);
      if (!asset) return false;
      if (req.method !== 'GET' && req.method !== 'HEAD') return methodNotAllowed(res);
      res.writeHead(200, {
        'content-type': asset.type,
        'content-length': Buffer.byteLength(asset.body),
        'cache-control': 'no-cache',
        'content-security-policy': CSP,
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
      });
      res.end(req.method === 'HEAD' ? undefined : asset.body);
      return true;
    },
  ];
}

function methodNotAllowed(res: ServerResponse): true {
  res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' });
  res.end('Method Not Allowed');
  return true;
}
