/**
 * What no input value may hold, wherever it comes from (variables, a document's literals, HTTP or
 * WebSocket): text PostgreSQL cannot store, and lists or nesting no operation of ours needs.
 * Refused with BAD_USER_INPUT naming the path, before anything runs, instead of being altered
 * (U+FFFD) or reaching the database (22021 -> INTERNAL) or a query planner (a bind parameter per
 * list item).
 *
 *  - U+0000 (NUL): PostgreSQL text and jsonb cannot hold it.
 *  - Lone surrogates (half of a UTF-16 pair, e.g. JSON "\ud800"): not Unicode; they would be
 *    stored as U+FFFD, silently changing what the client sent.
 *  - Lists longer than MAX_INPUT_LIST_ITEMS: the longest list input in the schema is
 *    `tasks(filter: { status })` (4 statuses); tenant settings (JSON, 16 KiB) may hold lists of
 *    their own, a year of dates at most: 1,000 is far above any of them.
 *  - Nesting deeper than MAX_INPUT_DEPTH levels, the variables object counted as the first (JSON
 *    settings are the only nested free-form input).
 */
export const MAX_INPUT_LIST_ITEMS = 1_000;
export const MAX_INPUT_DEPTH = 32;

/** A lone high surrogate, a lone low surrogate, or NUL. */
const UNSTORABLE_TEXT = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export interface InputProblem {
  /** Where, e.g. `variables.input.title` or `login.tenantSlug`. */
  path: string;
  /** What is wrong, for `extensions.fields`. */
  problem: string;
}

/** Why `text` cannot be accepted, or undefined when it can. */
export function textProblem(text: string): string | undefined {
  const found = UNSTORABLE_TEXT.exec(text);
  if (!found) return undefined;
  return found[0] === '\u0000' ? 'contains U+0000 (NUL), which text cannot hold' : 'contains a lone surrogate (not valid Unicode)';
}

export function listProblem(length: number): string | undefined {
  return length > MAX_INPUT_LIST_ITEMS ? `is a list of ${length} items; at most ${MAX_INPUT_LIST_ITEMS}` : undefined;
}

/**
 * The first problem in a decoded JSON value (variables), or undefined. Iterative, so a deeply
 * nested value cannot exhaust the stack; object keys are checked like strings (jsonb keeps them).
 */
export function findInputProblem(value: unknown, root: string): InputProblem | undefined {
  const pending: { value: unknown; path: string; depth: number }[] = [{ value, path: root, depth: 0 }];
  for (let item = pending.pop(); item; item = pending.pop()) {
    const { value: current, path, depth } = item;
    if (typeof current === 'string') {
      const problem = textProblem(current);
      if (problem) return { path, problem };
      continue;
    }
    if (current === null || typeof current !== 'object') continue;
    if (depth >= MAX_INPUT_DEPTH) return { path, problem: `is nested more than ${MAX_INPUT_DEPTH} levels deep` };
    if (Array.isArray(current)) {
      const problem = listProblem(current.length);
      if (problem) return { path, problem };
      current.forEach((element, index) => pending.push({ value: element, path: `${path}[${index}]`, depth: depth + 1 }));
      continue;
    }
    for (const [key, element] of Object.entries(current)) {
      const keyProblem = textProblem(key);
      if (keyProblem) return { path, problem: `has a key that ${keyProblem}` };
      pending.push({ value: element, path: `${path}.${key}`, depth: depth + 1 });
    }
  }
  return undefined;
}
