/**
 * Decides, once per operation document, whether its result may be shared and with whom, from the
 * field table in sharing-table.ts: the answer is as private as its most private field
 * ('none' < 'tenant' < 'role' < 'user'), and cacheable across requests only when it is a query
 * whose every field has a cache class (no live, unlisted or introspection field).
 */
import {
  getNamedType,
  isCompositeType,
  Kind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import type { CachedClass } from './cache.js';
import { SHARING, type Dependence, type SharingTable } from './sharing-table.js';

export interface SharingPlan {
  /** What the whole result depends on besides its variables. */
  depends: Dependence;
  /** Whether the result may be cached across requests (then keyed by `classes`' generations). */
  cacheable: boolean;
  /** The cache classes whose generations the result must be keyed by, sorted. */
  classes: CachedClass[];
  /** Why it is not cacheable (the first field that decided it), for logs and tests. */
  reason?: string;
}

const RANK: Record<Dependence, number> = { none: 0, tenant: 1, role: 2, user: 3 };
const UNSHARED: SharingPlan = { depends: 'user', cacheable: false, classes: [] };

export function planSharing(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName?: string | null,
  table: SharingTable = SHARING,
): SharingPlan {
  const operation = pickOperation(document, operationName);
  if (!operation) return { ...UNSHARED, reason: 'no operation to run' };
  const root = schema.getRootType(operation.operation);
  if (!root) return { ...UNSHARED, reason: `no ${operation.operation} type` };
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);

  let depends: Dependence = 'none';
  let reason = operation.operation === 'query' ? undefined : `a ${operation.operation} is never cached`;
  const classes = new Set<CachedClass>();
  const seenFragments = new Set<string>();

  const visit = (type: GraphQLCompositeType, selectionSet: SelectionSetNode) => {
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        const condition = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : type;
        if (condition && isCompositeType(condition)) visit(condition, selection.selectionSet);
        continue;
      }
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = fragments.get(selection.name.value);
        if (!fragment || seenFragments.has(fragment.name.value)) continue;
        seenFragments.add(fragment.name.value);
        const condition = schema.getType(fragment.typeCondition.name.value);
        if (condition && isCompositeType(condition)) visit(condition, fragment.selectionSet);
        continue;
      }
      const name = selection.name.value;
      if (name === '__typename') continue; // the type's name: the same for everyone
      const coordinate = `${type.name}.${name}`;
      const sharing = name.startsWith('__') ? undefined : table[type.name]?.[name];
      if (!sharing) {
        depends = 'user';
        reason ??= name.startsWith('__') ? `${coordinate} is introspection` : `${coordinate} is not in the sharing table`;
      } else {
        if (RANK[sharing.depends] > RANK[depends]) depends = sharing.depends;
        if (sharing.changesWith === 'live') reason ??= `${coordinate} is live data`;
        else if (sharing.changesWith) classes.add(sharing.changesWith);
      }
      if (selection.selectionSet && 'getFields' in type) {
        const field = type.getFields()[name];
        const fieldType = field && getNamedType(field.type);
        if (fieldType && isCompositeType(fieldType)) visit(fieldType, selection.selectionSet);
      }
    }
  };
  visit(root, operation.selectionSet);
  return { depends, cacheable: reason === undefined, classes: [...classes].sort(), ...(reason !== undefined && { reason }) };
}

function pickOperation(document: DocumentNode, operationName?: string | null): OperationDefinitionNode | undefined {
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  if (operationName) return operations.find((o) => o.name?.value === operationName);
  return operations.length === 1 ? operations[0] : undefined;
}
