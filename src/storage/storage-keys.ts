/**
 * Storage keys and the file-name handling around them. A key is
 *   <tenantId>/<taskId>/<attachmentId>/<sanitized filename>
 * — the tenant first, so a whole tenant can be listed, exported or deleted by prefix, and every
 * segment is plain ASCII (letters, digits, '_', '-', '.', never leading '.'), so a key is safe
 * as an S3 key, as a URL path and as a relative path on disk alike. The original file name is
 * kept in the database and only ever reaches clients through Content-Disposition.
 */
import { resolve, sep } from 'node:path';

const SEGMENT = /^[A-Za-z0-9_-][A-Za-z0-9_.-]*$/;
const MAX_KEY_LENGTH = 512;

/** True for keys made only of safe segments: no '.', '..', empty or absolute parts. */
export function isSafeKey(key: string): boolean {
  return key.length <= MAX_KEY_LENGTH && key.split('/').every((segment) => SEGMENT.test(segment));
}

/**
 * The absolute path of a key under `root` (the local storage), or null for a key that could
 * leave it. Checked twice on purpose: by the key's grammar, then by where it resolves to.
 */
export function pathForKey(root: string, key: string): string | null {
  if (!isSafeKey(key)) return null;
  const base = resolve(root);
  const target = resolve(base, ...key.split('/'));
  return target.startsWith(base + sep) ? target : null;
}

export function attachmentStorageKey(parts: { tenantId: string; taskId: string; attachmentId: string; filename: string }): string {
  const key = [parts.tenantId, parts.taskId, parts.attachmentId, sanitizeFilename(parts.filename)].join('/');
  if (!isSafeKey(key)) throw new Error(`attachmentStorageKey: unsafe key ${JSON.stringify(key)}`);
  return key;
}

/** An ASCII-only version of a file name that keeps its extension: "見積書 v2.pdf" -> "v2.pdf". */
export function sanitizeFilename(filename: string): string {
  const ascii = (s: string) =>
    s
      .normalize('NFKC')
      .replace(/[^A-Za-z0-9_-]+/g, '_')
      .replace(/^_+|_+$/g, '');
  const dot = filename.lastIndexOf('.');
  const stem = ascii(dot > 0 ? filename.slice(0, dot) : filename).slice(0, 100) || 'file';
  const extension = dot > 0 ? ascii(filename.slice(dot + 1)).slice(0, 16) : '';
  return extension ? `${stem}.${extension}` : stem;
}

/**
 * `attachment` (never `inline`: uploaded HTML must not render on our origin) with an ASCII
 * fallback name and the real one in RFC 6266/5987 form, which every current browser reads.
 */
export function contentDisposition(filename: string): string {
  const fallback = filename.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  const encoded = encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
