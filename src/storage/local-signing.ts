/**
 * The signed URLs of the local storage, built and checked in one place:
 *
 *   PUT <base>/uploads/<key>?expires=<epoch s>&size=<bytes>&type=<content type>&sig=<hmac>
 *   GET <base>/uploads/<key>?expires=<epoch s>&type=<content type>&name=<file name>&sig=<hmac>
 *
 * The signature covers the method, the key and every parameter, so none can be changed; the
 * upload's size and type are enforced by the endpoint like S3 enforces its signed headers.
 */
import type { UrlSigner } from './url-signer.js';

const paramNames = {
  upload: ['expires', 'size', 'type'],
  download: ['expires', 'type', 'name'],
} as const;

export type SignedKind = keyof typeof paramNames;
export type SignedParams<K extends SignedKind> = Record<(typeof paramNames)[K][number], string>;

const methodOf: Record<SignedKind, string> = { upload: 'PUT', download: 'GET' };

function partsOf<K extends SignedKind>(kind: K, key: string, params: SignedParams<K>): string[] {
  const values = paramNames[kind].map((name) => (params as Record<string, string>)[name] ?? '');
  return [methodOf[kind], key, ...values];
}

/** Builds a signed /uploads URL (exported so tests can forge expired or hostile-but-signed ones). */
export function signedUrl<K extends SignedKind>(signer: UrlSigner, baseUrl: string, kind: K, key: string, params: SignedParams<K>): string {
  const path = key.split('/').map(encodeURIComponent).join('/');
  const url = new URL(`${baseUrl.replace(/\/+$/, '')}/uploads/${path}`);
  for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value as string);
  url.searchParams.set('sig', signer.sign(partsOf(kind, key, params)));
  return url.toString();
}

export type SignedCheck<K extends SignedKind> = { ok: true; params: SignedParams<K> } | { ok: false; message: string };

/** Checks the signature first, then the expiry, so "expired" is only ever said of a genuine URL. */
export function checkSignedUrl<K extends SignedKind>(signer: UrlSigner, kind: K, key: string, url: URL, now = Date.now()): SignedCheck<K> {
  const params = Object.fromEntries(paramNames[kind].map((name) => [name, url.searchParams.get(name) ?? ''])) as SignedParams<K>;
  if (!signer.verify(partsOf(kind, key, params), url.searchParams.get('sig'))) {
    return { ok: false, message: 'The URL signature is invalid; ask the API for a new URL' };
  }
  const expires = Number((params as { expires: string }).expires) * 1000;
  if (!Number.isFinite(expires) || expires <= now) {
    return { ok: false, message: `The URL expired at ${new Date(Number.isFinite(expires) ? expires : 0).toISOString()}; ask the API for a new URL` };
  }
  return { ok: true, params };
}
