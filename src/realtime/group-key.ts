/**
 * Which subscriptions may share one execution per event: those whose result is provably the same.
 * The proof is the sharing table (src/cache/sharing-table.ts, the one declaration of what each
 * field depends on), through `planSharing`: the key holds the tenant, the normalized document, the
 * operation name and the variables always; the viewer's role when some selected field depends on
 * it; the viewer's user id when some field depends on the user — or is not in the table at all,
 * which counts as per-user. Two subscribers with equal keys get byte-identical payloads.
 */
import { print, type DocumentNode, type GraphQLSchema } from 'graphql';
import type { Viewer } from '../auth/viewer.js';
import { planSharing } from '../cache/sharing.js';
import { SHARING, type Dependence, type SharingTable } from '../cache/sharing-table.js';

export interface GroupKey {
  key: string;
  depends: Dependence;
}

export interface GroupKeyInput {
  schema: GraphQLSchema;
  document: DocumentNode;
  operationName?: string | null | undefined;
  variables?: Record<string, unknown> | null | undefined;
  viewer: Viewer;
}

export function groupKeyOf({ schema, document, operationName, variables, viewer }: GroupKeyInput, table: SharingTable = SHARING): GroupKey {
  const { depends } = planSharing(schema, document, operationName, table);
  const key = JSON.stringify([
    viewer.tenantId,
    print(document), // whitespace, commas and comments do not split a group
    operationName ?? null,
    stableJson(variables ?? {}),
    depends === 'role' || depends === 'user' ? viewer.role : null,
    depends === 'user' ? viewer.userId : null,
  ]);
  return { key, depends };
}

/** JSON with object keys sorted, so `{a, b}` and `{b, a}` are one group. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return `{${entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
