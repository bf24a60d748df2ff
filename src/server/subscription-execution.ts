/**
 * How each event of a subscription is executed. graphql-js would run every event with the
 * contextValue of the subscribe call — on a WebSocket, one context for the connection's lifetime,
 * whose DataLoaders keep serving the rows they loaded for the first event and whose shared read
 * transaction would stay open for hours. Here each event runs like a request of its own: a fresh
 * Context with a fresh TenantScope (new RequestDb, new loaders) for the connection's viewer, so RLS
 * applies to delivery, and that scope's read transaction ends as soon as the event's result is ready.
 * Events whose resolver called `skipDelivery()` are not sent at all.
 */
import { createSourceEventStream, execute, type ExecutionArgs, type ExecutionResult } from 'graphql';
import type { Context } from '../context/context.js';
import { ExpiryBound, finishTenantScope, openTenantScope } from '../context/scope.js';
import { UnauthenticatedError } from '../errors.js';
import { mapStream, SKIP, type EventStream } from '../pubsub/streams.js';
import { SkipDelivery } from '../pubsub/subscriptions.js';

/** graphql-ws's `subscribe` option: `args.contextValue` is the connection's Context. */
export async function subscribeWithFreshScopes(args: ExecutionArgs): Promise<EventStream<ExecutionResult> | ExecutionResult> {
  const source = await createSourceEventStream(args);
  if (!(Symbol.asyncIterator in source)) return source; // the subscribe resolver failed: errors only
  const connection = args.contextValue as Context;
  return mapStream(source[Symbol.asyncIterator](), async (payload) => {
    const context = eventContext(connection);
    try {
      const result = await execute({ ...args, rootValue: payload, contextValue: context });
      return isSkipped(result) ? SKIP : result;
    } finally {
      await finishTenantScope(context.scope);
    }
  });
}

function eventContext(connection: Context): Context {
  if (!connection.viewer) throw new UnauthenticatedError();
  const expiry = new ExpiryBound();
  return { ...connection, scope: openTenantScope(connection.deps, connection.viewer, expiry), signIn: { scope: null }, result: { plan: undefined, store: undefined, expiry } };
}

function isSkipped(result: ExecutionResult): boolean {
  return !!result.errors?.length && result.errors.every((error) => error.originalError instanceof SkipDelivery);
}
