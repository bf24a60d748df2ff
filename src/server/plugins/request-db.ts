/** Ends the request's shared read transaction once the response is ready (see db/request-db.ts). */
import type { ApolloServerPlugin } from '@apollo/server';
import type { Context } from '../../context/context.js';

export function requestDbPlugin(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue }) {
          await Promise.all([contextValue.scope?.db.finish(), contextValue.signIn.scope?.db.finish()]);
        },
      };
    },
  };
}
