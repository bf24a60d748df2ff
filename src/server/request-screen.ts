/**
 * What an HTTP GraphQL request must pass before Apollo sees it (after its body was read): its
 * document (document-screen.ts: size, repeats, literals) and its variables (input-values.ts),
 * from the JSON body (POST) or the query string (GET). Refusals are AppErrors (400); anything
 * that is not a well-formed operation is left to Apollo, which answers it with its own codes.
 */
import type { Config } from '../config.js';
import { AppError, BadUserInputError, ErrorCode } from '../errors.js';
import { createDocumentScreen } from './document-screen.js';
import { findInputProblem } from './input-values.js';

export type RequestScreen = (method: string, url: URL, body: unknown) => AppError | undefined;

export function createRequestScreen(config: Pick<Config, 'MAX_QUERY_TOKENS' | 'MAX_QUERY_SELECTIONS'>): RequestScreen {
  const screenDocument = createDocumentScreen(config);
  return (method, url, body) => {
    const operation = method === 'GET' ? operationInQueryString(url) : body;
    if (operation instanceof AppError) return operation;
    if (typeof operation !== 'object' || operation === null || Array.isArray(operation)) return undefined;
    const { query, variables } = operation as { query?: unknown; variables?: unknown };
    if (typeof query === 'string') {
      const refusal = screenDocument(query);
      if (refusal) return refusal;
    }
    const problem = findInputProblem(typeof variables === 'string' ? parseJson(variables) : variables, 'variables');
    if (problem) return new BadUserInputError(`${problem.path} ${problem.problem}`, { [problem.path]: problem.problem });
    return undefined;
  };
}

/**
 * `query` and `variables` of a GET, decoded strictly: URLSearchParams turns a malformed
 * %-escape (invalid UTF-8) into U+FFFD, which would alter what the client sent.
 */
function operationInQueryString(url: URL): Record<string, string> | AppError {
  const operation: Record<string, string> = {};
  for (const pair of url.search.slice(1).split('&')) {
    const [name = '', value = ''] = pair.split('=', 2);
    try {
      const decodedName = decodeURIComponent(name.replace(/\+/g, ' '));
      if (decodedName === 'query' || decodedName === 'variables') operation[decodedName] = decodeURIComponent(value.replace(/\+/g, ' '));
    } catch {
      return new AppError(ErrorCode.BAD_REQUEST, 'The query string is not valid UTF-8 (a malformed %-escape)');
    }
  }
  return operation;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined; // Apollo refuses it with its own message
  }
}
