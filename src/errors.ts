/**
 * Every error a client can see, in one place. Each carries a stable `extensions.code` and the
 * HTTP status it maps to; anything that is not one of these is masked as INTERNAL before it
 * leaves the server.
 */
import { GraphQLError, type GraphQLErrorOptions } from 'graphql';

export const ErrorCode = {
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  CONFLICT: 'CONFLICT',
  RATE_LIMITED: 'RATE_LIMITED',
  LIMIT_EXCEEDED: 'LIMIT_EXCEEDED',
  QUERY_TOO_COMPLEX: 'QUERY_TOO_COMPLEX',
  SERVICE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  INTERNAL: 'INTERNAL',
  // Refusals of the HTTP front door, before GraphQL runs (src/server/http.ts, client-errors.ts).
  /** Malformed HTTP or body: not JSON, not UTF-8, a bad request line, a bad upload path. */
  BAD_REQUEST: 'BAD_REQUEST',
  METHOD_NOT_ALLOWED: 'METHOD_NOT_ALLOWED',
  REQUEST_TIMEOUT: 'REQUEST_TIMEOUT',
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  REQUEST_HEADERS_TOO_LARGE: 'REQUEST_HEADERS_TOO_LARGE',
  // Trusted documents (src/server/trusted-documents.ts, TRUSTED_DOCUMENTS=enforce).
  /** A document sent as text that is not one of the manifest's operations. */
  QUERY_NOT_IN_SAFELIST: 'QUERY_NOT_IN_SAFELIST',
  /** A persisted query id (sha256) sent without text that the manifest does not list. */
  PERSISTED_QUERY_NOT_IN_LIST: 'PERSISTED_QUERY_NOT_IN_LIST',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

const httpStatusOf: Record<ErrorCode, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  BAD_USER_INPUT: 400,
  CONFLICT: 409,
  RATE_LIMITED: 429,
  LIMIT_EXCEEDED: 429,
  QUERY_TOO_COMPLEX: 400,
  SERVICE_UNAVAILABLE: 503,
  INTERNAL: 500,
  BAD_REQUEST: 400,
  METHOD_NOT_ALLOWED: 405,
  REQUEST_TIMEOUT: 408,
  PAYLOAD_TOO_LARGE: 413,
  REQUEST_HEADERS_TOO_LARGE: 431,
  QUERY_NOT_IN_SAFELIST: 400,
  PERSISTED_QUERY_NOT_IN_LIST: 400,
};

/** The HTTP status a code is answered with. */
export function httpStatusFor(code: ErrorCode): number {
  return httpStatusOf[code];
}

/** Base class: a GraphQLError whose code and HTTP status are fixed by its subclass. */
export class AppError extends GraphQLError {
  constructor(
    readonly code: ErrorCode,
    message: string,
    extensions: Record<string, unknown> = {},
    options: Omit<GraphQLErrorOptions, 'extensions'> = {},
    /** Response headers Apollo Server sets with the status (e.g. Retry-After); never shown to the client. */
    httpHeaders?: Map<string, string>,
  ) {
    const http = { status: httpStatusOf[code], ...(httpHeaders && { headers: httpHeaders }) };
    super(message, { ...options, extensions: { ...extensions, code, http } });
    this.name = `${code}Error`;
  }

  get httpStatus(): number {
    return httpStatusOf[this.code];
  }
}

export class UnauthenticatedError extends AppError {
  constructor(message = 'Authentication required') {
    super(ErrorCode.UNAUTHENTICATED, message);
  }
}

export class ForbiddenError extends AppError {
  constructor(message = 'You are not allowed to do this') {
    super(ErrorCode.FORBIDDEN, message);
  }
}

export class NotFoundError extends AppError {
  constructor(type: string, id: string) {
    super(ErrorCode.NOT_FOUND, `${type} ${id} was not found`, { type, id });
  }
}

/** `fields` maps an input path (e.g. "input.email") to what is wrong with it. */
export class BadUserInputError extends AppError {
  constructor(message: string, fields: Record<string, string> = {}) {
    super(ErrorCode.BAD_USER_INPUT, message, Object.keys(fields).length ? { fields } : {});
  }
}

export class ConflictError extends AppError {
  constructor(message: string) {
    super(ErrorCode.CONFLICT, message);
  }
}

/** HTTP 429 with a `Retry-After` header (seconds) and `extensions.retryAfterSeconds`. */
export class RateLimitedError extends AppError {
  constructor(readonly retryAfterSeconds: number, message = 'Too many requests') {
    super(ErrorCode.RATE_LIMITED, message, { retryAfterSeconds }, {}, new Map([['retry-after', String(retryAfterSeconds)]]));
  }
}

/** A fixed per-connection allowance is used up (e.g. subscriptions per WebSocket): `limit` names it. */
export class LimitExceededError extends AppError {
  constructor(limit: string, maximum: number, message: string) {
    super(ErrorCode.LIMIT_EXCEEDED, message, { limit, maximum });
  }
}

/** How long a client should wait before retrying a 503 (a failover or a restart takes seconds). */
export const SERVICE_UNAVAILABLE_RETRY_AFTER_SECONDS = 2;

/**
 * The database (or another dependency) did not answer in time; the client may retry: HTTP 503
 * with `Retry-After` (and `extensions.retryAfterSeconds`), which load balancers and clients
 * understand, never a 500 or a 200 carrying INTERNAL.
 */
export class ServiceUnavailableError extends AppError {
  constructor(message: string, options: Omit<GraphQLErrorOptions, 'extensions'> = {}, readonly retryAfterSeconds = SERVICE_UNAVAILABLE_RETRY_AFTER_SECONDS) {
    super(ErrorCode.SERVICE_UNAVAILABLE, message, { retryAfterSeconds }, options, new Map([['retry-after', String(retryAfterSeconds)]]));
  }
}

/** The operation would cost more than MAX_QUERY_COST (see src/server/plugins/query-cost.ts). */
export class QueryTooComplexError extends AppError {
  constructor(cost: number, maximum: number) {
    super(ErrorCode.QUERY_TOO_COMPLEX, `Query cost ${cost} exceeds the maximum of ${maximum}; ask for fewer items (smaller first) or fewer nested lists`, { cost, maximum });
  }
}

/** Codes Apollo Server itself gives to request errors; they are safe to show as they are. */
export const apolloRequestErrorCodes = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
]);
