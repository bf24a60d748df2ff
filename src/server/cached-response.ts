/**
 * The fast path of a GraphQL request: answers straight from the whole-result cache
 * (cache/response-cache.ts) when the operation text was planned before, may be shared with this
 * viewer and has a live entry — no Apollo, no resolvers, no SQL. Anything else (a text never seen,
 * a miss, a batch, a request Apollo would refuse) returns undefined and goes through Apollo, which
 * plans the text and fills the entry for next time.
 *
 * It only takes requests Apollo would take the same way: single operations as JSON POST or GET
 * (with Apollo's CSRF rule for GET), and the response content type Apollo would choose from the
 * Accept header.
 */
import type { IncomingMessage } from 'node:http';
import Negotiator from 'negotiator';
import type { Viewer } from '../auth/viewer.js';
import type { ResponseCache, ResponsePlan } from '../cache/response-cache.js';

export interface CachedAnswer {
  body: string;
  contentType: string;
  plan: ResponsePlan;
  /** When the entry was stored and when it expires (epoch ms): `Age` and `max-age`. */
  storedAt: number;
  expiresAt: number;
}

interface Operation {
  /** The query text, or `apq:<sha256>` for a persisted query sent by hash only. */
  source: string;
  operationName: string | null;
  variables: unknown;
}

const JSON_TYPE = 'application/json; charset=utf-8';
const RESPONSE_TYPES = [JSON_TYPE, 'application/graphql-response+json; charset=utf-8', 'application/json; callbackSpec=1.0; charset=utf-8'];
/** Content types a browser may send cross-site without a preflight (Apollo's CSRF rule). */
const SIMPLE_CONTENT_TYPES = new Set(['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data']);
const MAX_REMEMBERED_ACCEPT = 100;

export function createCachedResponder(deps: { readonly responseCache: ResponseCache }) {
  const contentTypes = new Map<string, string | null>();

  /** Apollo's choice of response type for an Accept header (remembered: clients send a few). */
  const contentTypeFor = (accept: string | undefined): string | null => {
    if (!accept) return JSON_TYPE;
    let type = contentTypes.get(accept);
    if (type === undefined) {
      type = new Negotiator({ headers: { accept } }).mediaType(RESPONSE_TYPES) ?? null;
      if (contentTypes.size < MAX_REMEMBERED_ACCEPT) contentTypes.set(accept, type);
    }
    return type;
  };

  return async function cachedAnswer(req: IncomingMessage, url: URL, body: unknown, viewer: Viewer | null): Promise<CachedAnswer | undefined> {
    if (!viewer) return undefined; // shared results are tenant data: anonymous requests never hit
    const operation = req.method === 'POST' ? postedOperation(body) : req.method === 'GET' && passesCsrfRule(req) ? operationInUrl(url) : undefined;
    if (!operation) return undefined;
    const contentType = contentTypeFor(req.headers.accept);
    if (!contentType) return undefined;
    const { responseCache } = deps;
    const plan = responseCache.planFor(operation.source, operation.operationName);
    if (!plan?.sharing.cacheable) return undefined;
    const key = await responseCache.keyFor(plan, viewer, operation.variables);
    const hit = key && (await responseCache.get(key.key));
    return hit ? { ...hit, contentType, plan } : undefined;
  };
}

function postedOperation(body: unknown): Operation | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  const { query, operationName, variables, extensions } = body as Record<string, unknown>;
  // With both a text and a hash Apollo checks that they match (and registers the text): let it.
  if (typeof query === 'string' && persistedHash(extensions)) return undefined;
  const source = typeof query === 'string' ? query : persistedHash(extensions);
  if (source === undefined || (operationName != null && typeof operationName !== 'string')) return undefined;
  return { source, operationName: (operationName as string | undefined) ?? null, variables };
}

function operationInUrl(url: URL): Operation | undefined {
  const params = url.searchParams;
  try {
    const extensions = params.has('extensions') ? JSON.parse(params.get('extensions')!) : undefined;
    const source = params.get('query') ?? persistedHash(extensions);
    if (source === undefined) return undefined;
    const variables = params.has('variables') ? JSON.parse(params.get('variables')!) : undefined;
    return { source, operationName: params.get('operationName'), variables };
  } catch {
    return undefined; // malformed JSON: Apollo answers it with the proper error
  }
}

function persistedHash(extensions: unknown): string | undefined {
  const hash = (extensions as { persistedQuery?: { sha256Hash?: unknown } } | undefined)?.persistedQuery?.sha256Hash;
  return typeof hash === 'string' ? `apq:${hash}` : undefined;
}

/** Apollo's CSRF prevention: a GET must carry a header that forces a browser preflight. */
function passesCsrfRule(req: IncomingMessage): boolean {
  if (req.headers['x-apollo-operation-name'] || req.headers['apollo-require-preflight']) return true;
  const contentType = req.headers['content-type'];
  return !!contentType && !SIMPLE_CONTENT_TYPES.has(contentType.split(';')[0]!.trim().toLowerCase());
}
