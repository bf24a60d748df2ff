/**
 * The local storage's HTTP endpoint, mounted by the app next to /graphql:
 *   PUT  /uploads/<key>?expires&size&type&sig   stores exactly `size` bytes of `type` (403 for a
 *        bad or expired signature or another content-type, 413 past the size, 400 short of it);
 *   GET  /uploads/<key>?expires&type&name&sig   serves the file as a download;
 *   OPTIONS                                     CORS preflight, for browsers uploading directly.
 * A body is written to a temporary file and renamed into place only when complete, so a failed
 * upload never leaves a partial file under the key. Errors are JSON, shaped like the API's; a body
 * refused before it was read is dropped (bounded) so the client reads the answer (server/http.ts).
 */
import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { dirname } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { ErrorCode } from '../errors.js';
import { sendError, type Route } from '../http/responses.js';
import { checkSignedUrl } from './local-signing.js';
import { contentDisposition, isSafeKey, pathForKey } from './storage-keys.js';
import type { UrlSigner } from './url-signer.js';

const PREFIX = '/uploads/';

export function localStorageRoutes(options: { root: string; signer: UrlSigner }): Route[] {
  const { root, signer } = options;

  async function receive(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const key = keyOf(url.pathname);
    const target = key && pathForKey(root, key);
    if (!key || !target) return sendError(res, ErrorCode.BAD_REQUEST, 'The path is not a valid upload key');
    const check = checkSignedUrl(signer, 'upload', key, url);
    if (!check.ok) return sendError(res, ErrorCode.FORBIDDEN, check.message);
    const size = Number(check.params.size);
    const type = check.params.type;
    // Like S3 with a signed content-type header: any other type breaks the signature.
    if (req.headers['content-type'] !== type) {
      return sendError(res, ErrorCode.FORBIDDEN, `The URL is signed for content-type ${type}, got ${JSON.stringify(req.headers['content-type'] ?? '')}`);
    }
    const declared = req.headers['content-length'] === undefined ? undefined : Number(req.headers['content-length']);
    if (declared !== undefined && declared > size) return sendError(res, ErrorCode.PAYLOAD_TOO_LARGE, `The URL is signed for ${size} bytes, got ${declared}`);
    if (declared !== undefined && declared !== size) return sendError(res, ErrorCode.BAD_REQUEST, `The URL is signed for exactly ${size} bytes, got ${declared}`);

    await mkdir(dirname(target), { recursive: true });
    const temp = `${target}.${randomUUID()}.part`;
    let received: number;
    try {
      received = await writeAtMost(req, temp, size);
    } catch (error) {
      await rm(temp, { force: true });
      if (req.destroyed) return; // the client went away mid-upload: nobody to answer
      throw error;
    }
    if (received !== size) {
      await rm(temp, { force: true });
      if (received > size) return sendError(res, ErrorCode.PAYLOAD_TOO_LARGE, `The URL is signed for ${size} bytes; the body is larger`);
      return sendError(res, ErrorCode.BAD_REQUEST, `The URL is signed for exactly ${size} bytes, got ${received}`);
    }
    await rename(temp, target);
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify({ key, size }));
  }

  async function serve(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const key = keyOf(url.pathname);
    const target = key && pathForKey(root, key);
    if (!key || !target) return sendError(res, ErrorCode.BAD_REQUEST, 'The path is not a valid download key');
    const check = checkSignedUrl(signer, 'download', key, url);
    if (!check.ok) return sendError(res, ErrorCode.FORBIDDEN, check.message);
    const info = await stat(target).catch(() => null);
    if (!info?.isFile()) return sendError(res, ErrorCode.NOT_FOUND, 'No file has been uploaded under this key');
    res.writeHead(200, {
      'content-type': check.params.type,
      'content-length': info.size,
      'content-disposition': contentDisposition(check.params.name),
      // User content on the API's origin: never sniffed, never run as a page.
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'; sandbox",
      'cache-control': 'private, no-store',
    });
    if (req.method === 'HEAD') return void res.end();
    try {
      await pipeline(createReadStream(target), res);
    } catch (error) {
      if (!res.destroyed) throw error; // a client that stops reading is not an error of ours
    }
  }

  return [
    async (req, res, url) => {
      if (!url.pathname.startsWith(PREFIX)) return false;
      if (req.method === 'PUT') await receive(req, res, url);
      else if (req.method === 'GET' || req.method === 'HEAD') await serve(req, res, url);
      else if (req.method === 'OPTIONS') preflight(res);
      else {
        res.setHeader('allow', 'GET, HEAD, PUT, OPTIONS');
        sendError(res, ErrorCode.METHOD_NOT_ALLOWED, `${req.method} is not supported on ${PREFIX}`);
      }
      return true;
    },
  ];
}

/** The key from the URL path, or null when it is malformed or not a safe key ('..', '/x', ...). */
function keyOf(pathname: string): string | null {
  try {
    const key = pathname.slice(PREFIX.length).split('/').map(decodeURIComponent).join('/');
    return isSafeKey(key) ? key : null;
  } catch {
    return null; // a malformed %-escape
  }
}

/** Streams the body into a new file, stopping as soon as it passes `limit`; returns the bytes seen. */
async function writeAtMost(req: IncomingMessage, path: string, limit: number): Promise<number> {
  const file = await open(path, 'wx');
  let received = 0;
  try {
    // destroyOnReturn: false keeps the socket open after `break`, so the 413 can still be sent.
    for await (const chunk of req.iterator({ destroyOnReturn: false }) as AsyncIterable<Buffer>) {
      received += chunk.length;
      if (received > limit) break;
      await file.write(chunk);
    }
  } finally {
    await file.close();
  }
  return received;
}

function preflight(res: ServerResponse): void {
  res.writeHead(204, {
    'access-control-allow-methods': 'GET, HEAD, PUT, OPTIONS',
    'access-control-allow-headers': 'content-type',
    'access-control-max-age': '600',
  });
  res.end();
}
