/**
 * One execution of one event for a whole group. graphql-js would run every event with the
 * contextValue of the subscribe call — on a WebSocket, one context for the connection's lifetime,
 * whose DataLoaders keep serving the rows they loaded for the first event. Here each event runs
 * like a request of its own: a fresh TenantScope (new RequestDb, new loaders) for a member's viewer
 * (any member: the group key guarantees the result does not depend on which), so RLS applies to
 * delivery, and the scope's one read transaction ends as soon as the result is ready. The result
 * is masked as on HTTP and serialized once. A frame of a resumable subscription (its field takes
 * `after`) whose type has no `cursor` field (taskChanged's Task) carries the cursor of the event it
 * answers in `extensions.cursor`: where to resume from.
 */
import { execute, getNamedType, getOperationAST, GraphQLError, isObjectType, Kind, type ExecutionArgs, type ExecutionResult, type GraphQLSchema } from 'graphql';
import type { Context } from '../context/context.js';
import { ExpiryBound, finishTenantScope, openTenantScope } from '../context/scope.js';
import { ErrorCode, UnauthenticatedError } from '../errors.js';
import type { Logger } from '../observability/logger.js';
import { SkipDelivery } from '../pubsub/subscriptions.js';
import type { Dependencies } from '../context/dependencies.js';
import { maskError } from './masking.js';

export type EventResult =
  /** The resolver called `skipDelivery()`: nothing to send (not this project, object gone, …). */
  | { kind: 'skipped' }
  | { kind: 'ok'; payloadJson: string }
  /** The database did not answer in time: worth one retry; `payloadJson` is the masked error result. */
  | { kind: 'unavailable'; payloadJson: string; reason: string };

export interface ExecuteEventOptions {
  schema: GraphQLSchema;
  deps: Dependencies;
  logger: Logger;
}

export async function executeEvent({ schema, logger }: ExecuteEventOptions, args: ExecutionArgs, payload: unknown, runAs: Context, eventId: string): Promise<EventResult> {
  const context = eventContext(runAs, eventId);
  let result: ExecutionResult;
  try {
    result = await execute({ ...args, rootValue: payload, contextValue: context });
  } catch (error) {
    result = { errors: [error instanceof GraphQLError ? error : new GraphQLError('event execution failed', { originalError: error as Error })] };
  } finally {
    await finishTenantScope(context.scope);
  }
  const errors = result.errors ?? [];
  if (errors.length && errors.every((error) => error.originalError instanceof SkipDelivery)) return { kind: 'skipped' };
  const cursor = errors.length ? undefined : resumeCursor(schema, args, payload);
  const masked = errors.length
    ? { ...result, errors: errors.map((error) => maskError(error, eventId, logger)) }
    : cursor ? { ...result, extensions: { ...result.extensions, cursor } } : result;
  const payloadJson = JSON.stringify(masked);
  const unavailable = errors.find((error) => error.extensions?.code === ErrorCode.SERVICE_UNAVAILABLE);
  return unavailable ? { kind: 'unavailable', payloadJson, reason: unavailable.message } : { kind: 'ok', payloadJson };
}

/** The event's cursor, when the subscribed field can be resumed from one (it takes `after`) and its type has no `cursor` field of its own. */
function resumeCursor(schema: GraphQLSchema, args: ExecutionArgs, payload: unknown): string | undefined {
  const cursor = (payload as { cursor?: unknown } | null)?.cursor;
  if (typeof cursor !== 'string') return undefined;
  const selection = getOperationAST(args.document, args.operationName)?.selectionSet.selections[0];
  if (selection?.kind !== Kind.FIELD) return undefined;
  const field = schema.getSubscriptionType()?.getFields()[selection.name.value];
  if (!field?.args.some((arg) => arg.name === 'after')) return undefined;
  const type = getNamedType(field.type);
  return isObjectType(type) && 'cursor' in type.getFields() ? undefined : cursor; // ActivityEvent has its own field
}

function eventContext(runAs: Context, requestId: string): Context {
  if (!runAs.viewer) throw new UnauthenticatedError();
  const expiry = new ExpiryBound();
  return {
    ...runAs,
    requestId,
    scope: openTenantScope(runAs.deps, runAs.viewer, expiry),
    signIn: { scope: null },
    result: { plan: undefined, store: undefined, served: undefined, expiry },
  };
}
