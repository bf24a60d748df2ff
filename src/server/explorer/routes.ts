/**
 * The explorer's routes (outside production only):
 *   GET /                    302 to /graphql, where a browser gets Apollo Sandbox (landing-page.ts)
 *   GET /explorer            the offline explorer: GraphiQL with a sign-in form (public/index.html)
 *   GET /explorer/<file>     its script and style, and fallback.js for the Sandbox page
 *   GET /explorer/vendor/<f> React, ReactDOM, GraphiQL and graphql-ws, straight from node_modules
 * Nothing is fetched from anywhere else, so the explorer works with no internet. Each file is read
 * on its first request and kept (start-up pays nothing); the vendor files are development
 * dependencies, so an install without them (npm ci --omit=dev) answers 404 with what to do.
 */
import { readFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { projectRoot } from '../../paths.js';
import type { Route } from '../../http/responses.js';
import { EXPLORER_FORM_OPERATIONS, HEADER_TEMPLATE, INITIAL_DOCUMENT, INITIAL_VARIABLES } from './initial-document.js';

const publicDir = join(projectRoot, 'src', 'server', 'explorer', 'public');
const require = createRequire(join(projectRoot, 'package.json'));

/** Served file name -> [package, path inside it]. A fixed list: request paths never reach the disk. */
const VENDOR_FILES: Record<string, [string, string]> = {
  'react.production.min.js': ['react', 'umd/react.production.min.js'],
  'react-dom.production.min.js': ['react-dom', 'umd/react-dom.production.min.js'],
  'graphiql.min.js': ['graphiql', 'graphiql.min.js'],
  'graphiql.min.css': ['graphiql', 'graphiql.min.css'],
  'graphql-ws.min.js': ['graphql-ws', 'umd/graphql-ws.min.js'],
};

const OWN_FILES = ['explorer.js', 'explorer.css', 'fallback.js'];

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
};

interface StaticFile {
  body: Buffer;
  contentType: string;
  cacheControl: string;
}

/** The page itself may only talk to this server (and its WebSocket): the offline promise, enforced by the browser. */
const PAGE_CSP = "default-src 'self'; connect-src 'self' ws: wss:; img-src 'self' data:; style-src 'self' 'unsafe-inline'; font-src 'self' data:";

export function explorerRoutes(options: { graphqlPath?: string } = {}): Route[] {
  const graphqlPath = options.graphqlPath ?? '/graphql';
  const files = new Map<string, () => StaticFile | undefined>();
  for (const name of OWN_FILES) files.set(`/explorer/${name}`, once(() => ownFile(name)));
  for (const [name, [pkg, path]] of Object.entries(VENDOR_FILES)) files.set(`/explorer/vendor/${name}`, once(() => vendorFile(pkg, path)));
  const page = once(() => explorerPage(graphqlPath));
  const missingVendors = once(() =>
    Object.entries(VENDOR_FILES)
      .filter(([name]) => !files.get(`/explorer/vendor/${name}`)!())
      .map(([, [pkg]]) => pkg),
  );

  const redirectRoot: Route = (req, res, url) => {
    if (url.pathname !== '/' || (req.method !== 'GET' && req.method !== 'HEAD')) return false;
    res.writeHead(302, { location: graphqlPath, 'content-type': 'text/plain; charset=utf-8' });
    res.end(`The API and its explorer are at ${graphqlPath}\n`);
    return true;
  };
  const serveExplorer: Route = (req, res, url) => {
    if (!url.pathname.startsWith('/explorer') || (req.method !== 'GET' && req.method !== 'HEAD')) return false;
    if (url.pathname === '/explorer' || url.pathname === '/explorer/') {
      const missing = missingVendors();
      if (missing.length > 0) {
        send(res, 404, { body: Buffer.from(missingVendorMessage(missing)), contentType: 'text/plain; charset=utf-8', cacheControl: 'no-cache' });
      } else {
        send(res, 200, page(), { 'content-security-policy': PAGE_CSP });
      }
      return true;
    }
    const file = files.get(url.pathname)?.();
    if (!file) return false;
    send(res, 200, file);
    return true;
  };
  return [redirectRoot, serveExplorer];
}

/** Computes on first call, then returns the same value. */
function once<T>(compute: () => T): () => T {
  let done = false;
  let value: T;
  return () => {
    if (!done) {
      value = compute();
      done = true;
    }
    return value;
  };
}

function explorerPage(graphqlPath: string): StaticFile {
  const config = {
    graphqlPath,
    document: INITIAL_DOCUMENT,
    variables: INITIAL_VARIABLES,
    headerTemplate: HEADER_TEMPLATE,
    operations: EXPLORER_FORM_OPERATIONS,
    signIn: { tenantSlug: INITIAL_VARIABLES.tenantSlug, email: INITIAL_VARIABLES.email, password: INITIAL_VARIABLES.password },
  };
  // Inside <script type="application/json">: "<" escaped so no value can close the element.
  const json = JSON.stringify(config).replace(/</g, '\\u003c');
  const html = readFileSync(join(publicDir, 'index.html'), 'utf8').replace('__EXPLORER_CONFIG__', () => json);
  return { body: Buffer.from(html), contentType: CONTENT_TYPES['.html']!, cacheControl: 'no-cache' };
}

function ownFile(name: string): StaticFile {
  return { body: readFileSync(join(publicDir, name)), contentType: contentTypeOf(name), cacheControl: 'no-cache' };
}

function vendorFile(pkg: string, path: string): StaticFile | undefined {
  let body: Buffer;
  try {
    body = readFileSync(join(dirname(require.resolve(`${pkg}/package.json`)), path));
  } catch {
    return undefined;
  }
  // Versioned by package-lock.json; an hour spares reloads without outliving an upgrade for long.
  return { body, contentType: contentTypeOf(path), cacheControl: 'public, max-age=3600' };
}

function contentTypeOf(name: string): string {
  return CONTENT_TYPES[name.slice(name.lastIndexOf('.'))] ?? 'application/octet-stream';
}

function missingVendorMessage(packages: string[]): string {
  return `The offline explorer needs ${packages.join(', ')} (development dependencies). Run \`npm ci\` without --omit=dev, or use any GraphQL client against /graphql.\n`;
}

function send(res: ServerResponse, status: number, file: StaticFile, extraHeaders: Record<string, string> = {}) {
  res.writeHead(status, {
    'content-type': file.contentType,
    'content-length': String(file.body.length),
    'cache-control': file.cacheControl,
    'x-content-type-options': 'nosniff',
    ...extraHeaders,
  });
  res.end(res.req.method === 'HEAD' ? undefined : file.body);
}
