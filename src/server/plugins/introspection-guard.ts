/**
 * Introspection is open outside production (the Sandbox explorer needs it) and, in production,
 * only for ADMINs and OWNERs: the schema is not a secret, but it is a map for attackers.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { Kind, type OperationDefinitionNode } from 'graphql';
import { roleAtLeast } from '../../auth/permissions.js';
import type { Context } from '../../context/context.js';
import { ForbiddenError } from '../../errors.js';

function asksForSchema(operation: OperationDefinitionNode): boolean {
  return operation.selectionSet.selections.some(
    (s) => s.kind === Kind.FIELD && (s.name.value === '__schema' || s.name.value === '__type'),
  );
}

export function introspectionGuardPlugin(options: { production: boolean }): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      if (!options.production) return {};
      return {
        async didResolveOperation({ operation, contextValue }) {
          if (!operation || !asksForSchema(operation)) return;
          if (contextValue.viewer && roleAtLeast(contextValue.viewer.role, 'ADMIN')) return;
          throw new ForbiddenError('Introspection is available to ADMINs only in production');
        },
      };
    },
  };
}
