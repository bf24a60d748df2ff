/**
 * Introspection is open outside production (the Sandbox explorer needs it) and, in production,
 * only for ADMINs and OWNERs: the schema is not a secret, but it is a map for attackers. Anyone
 * below ADMIN asking for it gets 403 FORBIDDEN (as for any other operation their role may not run).
 *
 * "Asking for it" is decided by graphql's NoSchemaIntrospectionCustomRule, which looks at the type
 * of every field wherever it is — under inline fragments (`{ ... on Query { __schema { … } } }`),
 * named fragments and nested spreads — not only at the operation's top-level fields. `__typename`
 * is not introspection (it is a String) and stays open. The verdict is kept per parsed document
 * (Apollo hands the same DocumentNode to every request with the same text), so the rule runs once
 * per document, not on every request.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { NoSchemaIntrospectionCustomRule, validate, type DocumentNode, type GraphQLSchema } from 'graphql';
import { roleAtLeast } from '../../auth/permissions.js';
import type { Context } from '../../context/context.js';
import { ForbiddenError } from '../../errors.js';

export function introspectionGuardPlugin(options: { production: boolean }): ApolloServerPlugin<Context> {
  const introspects = new WeakMap<DocumentNode, boolean>();
  const asksForSchema = (schema: GraphQLSchema, document: DocumentNode): boolean => {
    let verdict = introspects.get(document);
    if (verdict === undefined) introspects.set(document, (verdict = validate(schema, document, [NoSchemaIntrospectionCustomRule]).length > 0));
    return verdict;
  };
  return {
    async requestDidStart() {
      if (!options.production) return {};
      return {
        async didResolveOperation({ document, schema, contextValue }) {
          if (contextValue.viewer && roleAtLeast(contextValue.viewer.role, 'ADMIN')) return;
          if (asksForSchema(schema, document)) throw new ForbiddenError('Introspection is available to ADMINs only in production');
        },
      };
    },
  };
}
