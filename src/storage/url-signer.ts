/**
 * HMAC-SHA256 signatures for the local storage's URLs. The key is derived from JWT_SECRET with
 * HKDF under its own label, so a URL signature can never be replayed as anything else signed
 * with that secret; without JWT_SECRET (embedded default) it is random per process, and links
 * die with the process — as do the process's access tokens.
 */
import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';

export interface UrlSigner {
  /** Signs an ordered list of values (method, key, expiry, ...); base64url. */
  sign(parts: readonly (string | number)[]): string;
  /** Constant-time comparison against a signature taken from a URL (null when absent). */
  verify(parts: readonly (string | number)[], signature: string | null): boolean;
}

export function createUrlSigner(secret: string | undefined): UrlSigner {
  const key = secret ? Buffer.from(hkdfSync('sha256', secret, '', 'dandori/local-storage-urls/v1', 32)) : randomBytes(32);
  // JSON of the parts: unambiguous, unlike joining with a separator that a value could contain.
  const sign = (parts: readonly (string | number)[]) =>
    createHmac('sha256', key).update(JSON.stringify(parts.map(String))).digest('base64url');
  return {
    sign,
    verify(parts, signature) {
      if (!signature) return false;
      const expected = Buffer.from(sign(parts));
      const given = Buffer.from(signature);
      return given.length === expected.length && timingSafeEqual(given, expected);
    },
  };
}
