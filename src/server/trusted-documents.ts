/**
 * Trusted documents: the operations our own clients send (the /dashboard page, the explorer's
 * prepared examples and sign-in form, examples/), listed in documents/persisted-query-manifest.json
 * in Apollo's persisted query manifest format (written by `npm run documents`, scripts/documents.ts).
 *
 * TRUSTED_DOCUMENTS:
 *  - `enforce`: viewers below ADMIN (and anonymous callers) get only manifest operations, sent by id
 *    (the APQ extension `persistedQuery.sha256Hash` with no text) or as text. The text matches when
 *    it is the manifest body exactly, or when the chosen operation with the fragments it uses,
 *    printed, is a manifest body (so a whitespace-different copy or the explorer's whole
 *    multi-operation document is recognised). Anything else: 400 QUERY_NOT_IN_SAFELIST, or
 *    PERSISTED_QUERY_NOT_IN_LIST for an unknown id. ADMIN and OWNER may run any operation.
 *  - `log`: everything is answered; unknown operations are counted
 *    (`dandori_untrusted_operations_total{action="logged"}`) and each distinct one logged once.
 *  - `off`: no check.
 * Whatever the mode, a manifest id sent alone is answered from the manifest (persistedQueryStore),
 * so clients may ship ids only, on every pod, with no registration round trip.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { KeyValueCache, KeyValueCacheSetOptions } from '@apollo/utils.keyvaluecache';
import { Kind, parse, print, visit, type DefinitionNode, type DocumentNode, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';
import { LRUCache } from 'lru-cache';
import { roleAtLeast } from '../auth/permissions.js';
import type { Viewer } from '../auth/viewer.js';
import type { Config } from '../config.js';
import { AppError, ErrorCode } from '../errors.js';
import type { Logger } from '../observability/logger.js';
import type { Metrics } from '../observability/metrics.js';
import { projectRoot } from '../paths.js';

export const MANIFEST_PATH = join(projectRoot, 'documents', 'persisted-query-manifest.json');

export interface ManifestOperation {
  /** Lowercase hex SHA-256 of `body`. */
  id: string;
  name: string;
  type: 'query' | 'mutation' | 'subscription';
  body: string;
}

export interface Manifest {
  format: 'apollo-persisted-query-manifest';
  version: 1;
  operations: ManifestOperation[];
}

export const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** Reads and checks the manifest: its format, and that every id is the SHA-256 of its body. */
export function loadManifest(path = MANIFEST_PATH): Manifest {
  const manifest = JSON.parse(readFileSync(path, 'utf8')) as Manifest;
  if (manifest.format !== 'apollo-persisted-query-manifest' || manifest.version !== 1 || !Array.isArray(manifest.operations)) {
    throw new Error(`${path}: not an Apollo persisted query manifest (format "apollo-persisted-query-manifest", version 1)`);
  }
  for (const operation of manifest.operations) {
    if (operation.id !== sha256(operation.body)) throw new Error(`${path}: operation ${operation.name}: id is not the SHA-256 of its body`);
  }
  return manifest;
}

/**
 * Each operation of a document with the fragments it uses (transitively), printed: the body a
 * manifest lists for it. Anonymous operations are refused: the manifest names every operation.
 */
export function operationBodies(document: DocumentNode): Omit<ManifestOperation, 'id'>[] {
  const fragments = new Map(document.definitions.filter(isFragment).map((fragment) => [fragment.name.value, fragment]));
  return document.definitions.filter(isOperation).map((operation) => {
    if (!operation.name) throw new Error(`an anonymous ${operation.operation} cannot be listed: give it a name (${print(operation).slice(0, 80)}…)`);
    return { name: operation.name.value, type: operation.operation, body: printOperation(operation, fragments) };
  });
}

function printOperation(operation: OperationDefinitionNode, fragments: Map<string, FragmentDefinitionNode>): string {
  const used = new Set<string>();
  const pending: DefinitionNode[] = [operation];
  while (pending.length) {
    visit(pending.pop()!, {
      FragmentSpread(spread) {
        const name = spread.name.value;
        const fragment = fragments.get(name);
        if (used.has(name) || !fragment) return;
        used.add(name);
        pending.push(fragment);
      },
    });
  }
  const definitions = [operation, ...[...fragments.values()].filter((fragment) => used.has(fragment.name.value))];
  return print({ kind: Kind.DOCUMENT, definitions });
}

function isOperation(definition: DefinitionNode): definition is OperationDefinitionNode {
  return definition.kind === Kind.OPERATION_DEFINITION;
}

function isFragment(definition: DefinitionNode): definition is FragmentDefinitionNode {
  return definition.kind === Kind.FRAGMENT_DEFINITION;
}

/** What a request asks to run: its text and/or persisted query id, and the operation's name. */
export interface RequestedOperation {
  query?: unknown;
  operationName?: unknown;
  extensions?: unknown;
}

export interface TrustedDocuments {
  readonly mode: Config['TRUSTED_DOCUMENTS'];
  /** Undefined when the operation may run; else the coded 400 to answer (enforce only). Counts and logs unknown ones. */
  check(operation: RequestedOperation, viewer: Viewer | null, transport: 'http' | 'websocket', document?: DocumentNode): AppError | undefined;
  /** The manifest body with this id, if any. */
  bodyOf(id: string): string | undefined;
}

export interface TrustedDocumentsOptions {
  mode: Config['TRUSTED_DOCUMENTS'];
  manifest: Manifest;
  metrics: Pick<Metrics, 'untrustedOperation'>;
  logger: Pick<Logger, 'info'>;
  /** Token limit when a text must be parsed to be recognised (MAX_QUERY_TOKENS). */
  maxTokens: number;
}

/** Texts (by SHA-256 and operation name) already judged, and unknown operations already logged. */
const REMEMBERED = 1_000;

export function createTrustedDocuments({ mode, manifest, metrics, logger, maxTokens }: TrustedDocumentsOptions): TrustedDocuments {
  const bodies = new Map(manifest.operations.map((operation) => [operation.id, operation.body]));
  const judged = new LRUCache<string, boolean>({ max: REMEMBERED });
  const logged = new LRUCache<string, true>({ max: REMEMBERED });

  /** The text is a manifest body, exactly or once its chosen operation is printed on its own. */
  function trustedText(query: string, operationName: string | undefined, document: DocumentNode | undefined): boolean {
    const hash = sha256(query);
    if (bodies.has(hash)) return true;
    const key = `${hash}:${operationName ?? ''}`;
    let trusted = judged.get(key);
    if (trusted === undefined) {
      trusted = false;
      try {
        const parsed = document ?? parse(query, { noLocation: true, maxTokens });
        const candidates = operationBodies({ ...parsed, definitions: parsed.definitions.filter((d) => !isOperation(d) || (operationName ? d.name?.value === operationName : true)) });
        // Without a name the document must hold one operation (as GraphQL requires to run it).
        trusted = candidates.length === 1 && bodies.has(sha256(candidates[0]!.body));
      } catch {
        // Unparsable or anonymous: not a manifest operation (Apollo reports the syntax error when it may run).
      }
      judged.set(key, trusted);
    }
    return trusted;
  }

  return {
    mode,
    bodyOf: (id) => bodies.get(id),
    check(operation, viewer, transport, document) {
      if (mode === 'off') return undefined;
      if (viewer && roleAtLeast(viewer.role, 'ADMIN')) return undefined;
      const { query } = operation;
      const operationName = typeof operation.operationName === 'string' ? operation.operationName : undefined;
      const id = persistedQueryId(operation.extensions);
      let refusal: AppError | undefined;
      if (typeof query === 'string') {
        if (!trustedText(query, operationName, document)) {
          refusal = new AppError(ErrorCode.QUERY_NOT_IN_SAFELIST, 'This operation is not one of the trusted documents this server accepts; ship it in documents/persisted-query-manifest.json (npm run documents)');
        }
      } else if (id !== undefined) {
        if (!bodies.has(id)) refusal = new AppError(ErrorCode.PERSISTED_QUERY_NOT_IN_LIST, `Persisted query ${id} is not in the trusted documents manifest`, { id });
      } else {
        return undefined; // no operation at all: Apollo (or graphql-ws) answers that
      }
      if (!refusal) return undefined;
      metrics.untrustedOperation(transport, mode === 'enforce' ? 'refused' : 'logged');
      const key = typeof query === 'string' ? sha256(query) : `id:${id}`;
      if (!logged.has(key)) {
        logged.set(key, true);
        logger.info({ operationName: operationName ?? null, sha256: typeof query === 'string' ? key : id, transport, mode }, 'operation not in the trusted documents manifest');
      }
      return mode === 'enforce' ? refusal : undefined;
    },
  };
}

function persistedQueryId(extensions: unknown): string | undefined {
  const hash = (extensions as { persistedQuery?: { sha256Hash?: unknown } } | null | undefined)?.persistedQuery?.sha256Hash;
  return typeof hash === 'string' ? hash : undefined;
}

/** The operation of an HTTP request: the JSON body of a POST, the query string of a GET. */
export function requestedOperation(method: string, url: URL, body: unknown): RequestedOperation | undefined {
  if (method === 'GET') {
    const params = url.searchParams;
    let extensions: unknown;
    try {
      extensions = params.has('extensions') ? JSON.parse(params.get('extensions')!) : undefined;
    } catch {
      extensions = undefined; // malformed: Apollo refuses it
    }
    return { query: params.get('query') ?? undefined, operationName: params.get('operationName') ?? undefined, extensions };
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined; // Apollo refuses these
  return body as RequestedOperation;
}

/**
 * Apollo's APQ store with the manifest in front: an id the manifest lists is answered from it
 * (never expires, no Redis round trip); anything else goes to the store as before.
 */
export function withManifestDocuments(store: KeyValueCache<string>, trusted: Pick<TrustedDocuments, 'bodyOf'>): KeyValueCache<string> {
  return {
    // Apollo prefixes APQ keys with `apq:`.
    get: async (key) => (key.startsWith('apq:') ? trusted.bodyOf(key.slice(4)) : undefined) ?? store.get(key),
    set: (key: string, value: string, options?: KeyValueCacheSetOptions) => store.set(key, value, options),
    delete: (key) => store.delete(key),
  };
}
