/**
 * What the test clients send and get back. A document made with test/generated's `graphql(...)`
 * carries its result and variables types, so a schema change breaks the test at compile time; a
 * plain string (malformed, hostile or anonymous on purpose) is sent as it is, its result untyped.
 */
import { print } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';

export type { ResultOf, VariablesOf } from '@graphql-typed-document-node/core';

export interface GraphQLResult<T = Record<string, any>> {
  status: number;
  headers: Headers;
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, any> }[];
}

/** POSTs one operation; `token` becomes the Bearer header. */
export interface SendOperation {
  <TResult, TVariables>(document: TypedDocumentNode<TResult, TVariables>, variables?: TVariables, token?: string, headers?: Record<string, string>): Promise<GraphQLResult<TResult>>;
  <T = Record<string, any>>(query: string, variables?: Record<string, unknown>, token?: string, headers?: Record<string, string>): Promise<GraphQLResult<T>>;
}

export type Operation = string | TypedDocumentNode<any, any>;

/** The text to send: a string as it is, a typed document printed. */
export function operationText(operation: Operation): string {
  if (typeof operation === 'string') return operation;
  // test/generated's graphql(...) returns {} for a document it was not generated from.
  if (!('kind' in operation)) throw new Error('a graphql(...) document unknown to test/generated: run `npm run generate:graphql`');
  return print(operation);
}
