/**
 * What a domain module gives the server: its resolvers (for the SDL in schema/<domain>.graphql)
 * and, if it has any, the factory of its per-request DataLoaders. Each module describes itself in
 * its own index.ts; src/modules/index.ts lists them, and the server and the context loop over that
 * one list — adding a domain is its folder, its SDL file and one line there.
 */
import type { RequestDb } from '../db/request-db.js';
import type { Resolvers } from '../generated/graphql.js';

export interface DomainModule<Name extends string = string, L = unknown> {
  /** Also the key of its loaders in the context (`scope.loaders.<name>`). */
  readonly name: Name;
  readonly resolvers: Resolvers;
  /** Created once per request (and per subscription event) with that request's database. */
  readonly createLoaders?: (db: RequestDb) => L;
}

/** Keeps the module's exact type (its name literal, whether it has loaders, and their type). */
export function domainModule<const M extends DomainModule>(module: M): M {
  return module;
}
