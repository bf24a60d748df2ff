/**
 * The embedded default: files under UPLOAD_DIR, uploaded and downloaded through this server's
 * own /uploads endpoint (local-routes.ts) with signed URLs shaped like S3's presigned ones
 * (local-signing.ts), so a client's flow is the same for both storages.
 *
 * Links point at PUBLIC_URL when it is set (a server behind a proxy), else at the URL the server
 * listens on, which the app passes to `listening` once it knows it (PORT=0 picks the port late).
 */
import { readdir, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { FileStorage, PresignedUpload } from './file-storage.js';
import { localStorageRoutes } from './local-routes.js';
import { signedUrl } from './local-signing.js';
import { pathForKey } from './storage-keys.js';
import type { UrlSigner } from './url-signer.js';

export interface LocalStorageOptions {
  /** UPLOAD_DIR. */
  root: string;
  signer: UrlSigner;
  publicUrl?: string | undefined;
  /** Used until `listening` is called: http://localhost:<PORT>. */
  defaultBaseUrl: string;
  uploadTtlSeconds: number;
  downloadTtlSeconds: number;
}

export function createLocalStorage(options: LocalStorageOptions): FileStorage {
  let listeningUrl: string | undefined;
  const baseUrl = () => options.publicUrl ?? listeningUrl ?? options.defaultBaseUrl;
  const expiry = (ttlSeconds: number) => Math.floor(Date.now() / 1000) + ttlSeconds;
  const pathOf = (key: string) => {
    const path = pathForKey(options.root, key);
    if (!path) throw new Error(`local storage: unsafe key ${JSON.stringify(key)}`);
    return path;
  };

  return {
    kind: 'local',
    routes: localStorageRoutes({ root: options.root, signer: options.signer }),
    listening(url) {
      listeningUrl = url;
    },
    async presignUpload(key, file): Promise<PresignedUpload> {
      pathOf(key);
      const expires = expiry(options.uploadTtlSeconds);
      const params = { expires: String(expires), size: String(file.size), type: file.contentType };
      return {
        url: signedUrl(options.signer, baseUrl(), 'upload', key, params),
        method: 'PUT',
        // No content-length: clients always send one for a fixed body (browsers may not set it).
        headers: { 'content-type': file.contentType },
        expiresAt: new Date(expires * 1000),
      };
    },
    async presignDownload(key, file) {
      pathOf(key);
      const params = { expires: String(expiry(options.downloadTtlSeconds)), type: file.contentType, name: file.filename };
      return signedUrl(options.signer, baseUrl(), 'download', key, params);
    },
    async stat(key) {
      try {
        const info = await stat(pathOf(key));
        return info.isFile() ? { size: info.size } : null;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
    },
    async delete(key) {
      const path = pathOf(key);
      // A crash mid-upload can leave `<file>.<uuid>.part` beside the file (local-routes.ts).
      const file = basename(path);
      const isPartial = (name: string) => name.startsWith(`${file}.`) && /^\.[0-9a-f-]{36}\.part$/.test(name.slice(file.length));
      const siblings = await readdir(dirname(path)).catch(ignoreMissing([] as string[]));
      const targets = [path, ...siblings.filter(isPartial).map((name) => join(dirname(path), name))];
      await Promise.all(targets.map((target) => unlink(target).catch(ignoreMissing(undefined))));
    },
  };
}

/** A `catch` handler: ENOENT (nothing there) becomes `fallback`, anything else is rethrown. */
function ignoreMissing<T>(fallback: T) {
  return (error: unknown): T => {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return fallback;
    throw error;
  };
}
