/**
 * Hostile documents are refused before they cost CPU. Apollo (and graphql-ws) parse, validate,
 * then estimate the cost, and a document built to be expensive is cheap to send:
 *  - parsing is linear in tokens: bounded by MAX_QUERY_TOKENS (graphql's maxLexicalTokens, the
 *    same option Apollo parses with) and the body by MAX_REQUEST_BYTES;
 *  - validation's OverlappingFieldsCanBeMergedRule compares every pair of selections that meet at
 *    one response path (`{ me { id } me { id } … }`): quadratic in repeats, and repeats multiply
 *    through nesting. Bounded by MAX_SELECTIONS_PER_PATH;
 *  - the cost estimate (graphql-query-complexity) walks every fragment spread anew: exponential
 *    in nested spreads (F1 spreads F2 twice, F2 F3 twice…). Bounded by MAX_QUERY_SELECTIONS,
 *    counted with spreads expanded; the count stops one past the bound, so it is cheap itself;
 *  - string and list literals are held to the rules of input-values.ts (NUL, lone surrogates,
 *    list length), as variables are.
 * The worst document these limits accept costs a few ms to parse, screen, validate and price
 * (`npm run bench:hostile` measures it; docs/limits.md).
 * The verdict is kept per query text (HTTP) or with the cached document (WebSocket), so a client
 * repeating a query pays for it once.
 */
import { GraphQLError, Kind, parse, visit, BREAK, type ASTNode, type DocumentNode, type ParseOptions, type SelectionSetNode } from 'graphql';
import { LRUCache } from 'lru-cache';
import type { Config } from '../config.js';
import { AppError, BadUserInputError, ErrorCode } from '../errors.js';
import { listProblem, textProblem, type InputProblem } from './input-values.js';

export type DocumentLimits = Pick<Config, 'MAX_QUERY_TOKENS' | 'MAX_QUERY_SELECTIONS'>;

/** What Apollo and graphql-ws parse with. */
export function parseOptions(limits: DocumentLimits): ParseOptions {
  return { maxLexicalTokens: limits.MAX_QUERY_TOKENS };
}

/** QUERY_TOO_COMPLEX (400): too many selections, fragments expanded. */
export class TooManySelectionsError extends AppError {
  constructor(maximum: number) {
    super(ErrorCode.QUERY_TOO_COMPLEX, `The document has more than ${maximum} selections (fields and fragments, each spread counted in full); ask for less`, { limit: 'selections', maximum });
  }
}

/** QUERY_TOO_COMPLEX (400): one response path selected too often. */
export class RepeatedSelectionError extends AppError {
  constructor(path: string, times: number) {
    super(ErrorCode.QUERY_TOO_COMPLEX, `${path} is selected ${times} times (repeated, or through fragments); at most ${MAX_SELECTIONS_PER_PATH} at one place`, { limit: 'selectionsPerPath', path, maximum: MAX_SELECTIONS_PER_PATH });
  }
}

export type Screened = { document: DocumentNode } | { syntaxError: GraphQLError } | { refusal: AppError };

/** Parses `query` within the token limit and checks it; never validates (the caller does, next). */
export function screenDocument(query: string, limits: DocumentLimits): Screened {
  let document: DocumentNode;
  try {
    document = parse(query, parseOptions(limits));
  } catch (error) {
    if (error instanceof GraphQLError) return { syntaxError: error };
    throw error;
  }
  const { selections, mostRepeated } = measureSelections(document, limits.MAX_QUERY_SELECTIONS);
  if (selections > limits.MAX_QUERY_SELECTIONS) return { refusal: new TooManySelectionsError(limits.MAX_QUERY_SELECTIONS) };
  if (mostRepeated.times > MAX_SELECTIONS_PER_PATH) return { refusal: new RepeatedSelectionError(mostRepeated.path, mostRepeated.times) };
  const literal = findLiteralProblem(document);
  if (literal) return { refusal: new BadUserInputError(`${literal.path} ${literal.problem}`, { [literal.path]: literal.problem }) };
  return { document };
}

/** Verdicts kept, per query text, up to this many characters of text in all. */
const VERDICT_CACHE_CHARS = 8 * 1024 * 1024;

/**
 * For the HTTP path: the refusal for a query text, or undefined when Apollo should take it (also
 * when it does not parse: Apollo answers GRAPHQL_PARSE_FAILED itself, within the same token limit).
 */
export function createDocumentScreen(limits: DocumentLimits): (query: string) => AppError | undefined {
  const verdicts = new LRUCache<string, { refusal?: AppError }>({ maxSize: VERDICT_CACHE_CHARS, sizeCalculation: (_value, query) => Math.max(1, query.length) });
  return (query) => {
    let verdict = verdicts.get(query);
    if (!verdict) {
      const screened = screenDocument(query, limits);
      verdict = 'refusal' in screened ? { refusal: screened.refusal } : {};
      if (query.length <= VERDICT_CACHE_CHARS / 64) verdicts.set(query, verdict);
    }
    return verdict.refusal;
  };
}

/**
 * How often one response path (`me.department`, inline fragments and spreads flattened) may be
 * selected. Validation compares every pair of selections that meet at the same path (they must
 * merge), so its work grows with the square of this; the widest legitimate repeat is the same
 * field in several colocated fragments. The full introspection query repeats nothing.
 */
export const MAX_SELECTIONS_PER_PATH = 20;

export interface SelectionMeasure {
  /** Selections with every spread expanded, counted up to one past the bound. */
  selections: number;
  /** The response path selected most often, and how often (up to where counting stopped). */
  mostRepeated: { path: string; times: number };
}

/**
 * Walks every operation and fragment of `document` with fragment spreads expanded, counting
 * selections and how often each response path is reached, and stops one past `maxSelections`:
 * the walk costs at most that many steps, however the spreads nest. A spread cycle is not
 * followed (validation refuses it).
 */
export function measureSelections(document: DocumentNode, maxSelections: number): SelectionMeasure {
  const fragments = new Map<string, SelectionSetNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition.selectionSet);
  }
  const timesAtPath = new Map<string, number>();
  const measure: SelectionMeasure = { selections: 0, mostRepeated: { path: '', times: 0 } };
  const spreading = new Set<string>();
  const walk = (selectionSet: SelectionSetNode | undefined, path: string): void => {
    for (const selection of selectionSet?.selections ?? []) {
      if (++measure.selections > maxSelections) return;
      if (selection.kind === Kind.FIELD) {
        const fieldPath = `${path}.${selection.alias?.value ?? selection.name.value}`;
        const times = (timesAtPath.get(fieldPath) ?? 0) + 1;
        timesAtPath.set(fieldPath, times);
        if (times > measure.mostRepeated.times) measure.mostRepeated = { path: fieldPath, times };
        walk(selection.selectionSet, fieldPath);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        walk(selection.selectionSet, path);
      } else if (!spreading.has(selection.name.value)) {
        spreading.add(selection.name.value);
        walk(fragments.get(selection.name.value), path);
        spreading.delete(selection.name.value);
      }
    }
  };
  document.definitions.forEach((definition, index) => {
    if (definition.kind === Kind.OPERATION_DEFINITION) walk(definition.selectionSet, `${index}:`);
    else if (definition.kind === Kind.FRAGMENT_DEFINITION) walk(definition.selectionSet, `${index}:${definition.name.value}`);
  });
  // Shown without the definition index: `me.department`, or `F.me` in fragment F.
  measure.mostRepeated.path = measure.mostRepeated.path.replace(/^\d+:\.?/, '');
  return measure;
}

/** The first string or list literal (arguments, defaults, directives) that input-values.ts refuses. */
export function findLiteralProblem(document: DocumentNode): InputProblem | undefined {
  let found: InputProblem | undefined;
  visit(document, {
    StringValue(node, _key, _parent, path) {
      const problem = textProblem(node.value);
      if (problem) found = { path: literalPath(document, path), problem };
      return problem ? BREAK : undefined;
    },
    ListValue(node, _key, _parent, path) {
      const problem = listProblem(node.values.length);
      if (problem) found = { path: literalPath(document, path), problem };
      return problem ? BREAK : undefined;
    },
  });
  return found;
}

/** `tasks.filter.status[3]`: the fields, arguments, object fields and list indexes on the way to a literal. */
function literalPath(document: DocumentNode, keys: readonly (string | number)[]): string {
  const names: string[] = [];
  let node: unknown = document;
  let inList = false;
  for (const key of keys) {
    node = (node as Record<string | number, unknown>)[key];
    if (typeof key === 'number' && inList) names[names.length - 1] += `[${key}]`;
    const ast = node as Partial<ASTNode> & { name?: { value: string }; alias?: { value: string } };
    if (ast?.kind === Kind.FIELD) names.push(ast.alias?.value ?? ast.name!.value);
    else if (ast?.kind === Kind.ARGUMENT || ast?.kind === Kind.OBJECT_FIELD || ast?.kind === Kind.FRAGMENT_DEFINITION) names.push(ast.name!.value);
    else if (ast?.kind === Kind.VARIABLE_DEFINITION) names.push(`$${(ast as { variable: { name: { value: string } } }).variable.name.value}`);
    else if (ast?.kind === Kind.DIRECTIVE) names.push(`@${ast.name!.value}`);
    if (ast?.kind === Kind.LIST) inList = true;
    else if (!Array.isArray(node)) inList = false;
  }
  return names.join('.') || 'query';
}
