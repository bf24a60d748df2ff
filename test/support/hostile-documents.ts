/**
 * Documents and inputs built to be expensive or unstorable, shared by the fault tests
 * (test/faults/hostile-input.test.ts) and the hostile-load bench (loadtest/hostile.ts).
 */

/** `{ __typename __typename … }` of about `bytes` bytes (the issue's 844 KB one by default). */
export function duplicationDocument(bytes = 844_000, field = '__typename'): string {
  return `{ ${`${field} `.repeat(Math.floor((bytes - 4) / (field.length + 1)))}}`;
}

/** `count` lexical tokens (`{`, `}` and `__typename`s), under any byte limit a GraphQL body has. */
export function tokensDocument(count: number): string {
  return `{ ${'__typename '.repeat(Math.max(0, count - 2))}}`;
}

/** `{ <selection> <selection> … }`: the same selection `times` times at one place. */
export function repeatedSelection(selection: string, times: number): string {
  return `{ ${Array.from({ length: times }, () => selection).join(' ')} }`;
}

/**
 * F0 spreads F1 `width` times, F1 spreads F2 `width` times, …: a few hundred bytes whose expansion
 * has width^depth selections. Validation copes (it compares fragment pairs once, and the depth
 * limit counts one level per spread); a walk that follows every spread, like the cost
 * estimate's, does not.
 */
export function fragmentChain(depth: number, width = 2): string {
  const spreads = (i: number) => Array.from({ length: width }, () => `...F${i + 1}`).join(' ');
  const fragments = Array.from({ length: depth }, (_, i) => `fragment F${i} on Query { ${spreads(i)} }`);
  return `{ ...F0 } ${fragments.join(' ')} fragment F${depth} on Query { __typename }`;
}

/**
 * The most expensive document the default limits accept, as measured (docs/limits.md): every
 * root field of a member with a nested selection, each at the per-path maximum of 20 repeats,
 * so validation compares as many pairs as it is allowed to.
 */
export function worstAcceptedDocument(repeats = 20): string {
  const roots = ['me { department { id } }', 'tasks { nodes { id } }', 'projects { nodes { id } }', 'departments { nodes { id } }', 'notifications { nodes { id } }', 'activity { nodes { id } }', 'users { nodes { id } }', 'tenant { id }', 'dashboard { overdueCount }'];
  return `{ ${roots.map((root) => Array.from({ length: repeats }, () => root).join(' ')).join(' ')} }`;
}

export const LOGIN = 'mutation($s: String!, $e: String!, $p: String!) { login(tenantSlug: $s, email: $e, password: $p) { accessToken } }';

/** A sign-in whose tenant slug holds a NUL byte (PostgreSQL: 22021). */
export const NUL_LOGIN = { query: LOGIN, variables: { s: 'sakura\u0000kensetsu', e: 'member@sakura-kensetsu.example', p: 'x' } };

export const TASKS_BY_STATUS = 'query($s: [TaskStatus!]) { tasks(filter: { status: $s }) { totalCount } }';

/** `count` statuses for `tasks(filter: { status })`. */
export function statusList(count: number): string[] {
  const statuses = ['TODO', 'IN_PROGRESS', 'BLOCKED', 'DONE'];
  return Array.from({ length: count }, (_, i) => statuses[i % statuses.length]!);
}
