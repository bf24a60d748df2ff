/**
 * Group execution of live events. Subscribers whose result is provably the same (group-key.ts)
 * form one group; a group subscribes to its topic once, and each event is executed ONCE for the
 * group — in one fresh tenant scope, i.e. one read transaction under RLS (execute-event.ts) — and
 * the serialized payload is sent to every member (delivery.ts). A member whose socket was closed
 * or revoked meanwhile gets nothing.
 *
 * Fan-out never starves HTTP: executions take a permit of SUBSCRIPTION_DB_CONCURRENCY (p-limit)
 * before they touch the database, so at most that many of the pool's connections ever serve live
 * updates, and events wait their turn in a queue bounded by SUBSCRIPTION_QUEUE_MAX instead of
 * failing on a busy pool. Each group handles its events in order, one at a time.
 *
 * Nothing is lost silently: every event ends as deliveries, or failures with a reason, in the
 * metrics and in one log line per delivery batch. An execution that fails on a busy database is
 * retried once; if it fails again the members get the (masked) error result. An event that finds
 * the queue full is dropped, and the group's members are told so with an `error` message on their
 * subscription (SERVICE_UNAVAILABLE): they refetch and subscribe again.
 */
import { randomUUID } from 'node:crypto';
import { createSourceEventStream, getOperationAST, Kind, type ExecutionArgs, type ExecutionResult, type GraphQLSchema } from 'graphql';
import pLimit from 'p-limit';
import type { Context } from '../context/context.js';
import { ServiceUnavailableError } from '../errors.js';
import type { Logger } from '../observability/logger.js';
import type { SubscriptionMetrics } from '../observability/subscription-metrics.js';
import type { EventStream } from '../pubsub/streams.js';
import type { Dependencies } from '../context/dependencies.js';
import { deliverBatch, type BatchOutcome, type LiveSocket, type Written } from './delivery.js';
import { executeEvent, type EventResult } from './execute-event.js';
import { groupKeyOf } from './group-key.js';
import { membershipStream, type Membership } from './membership.js';

/** One WebSocket connection as the fan-out sees it. */
export interface LiveConnection {
  readonly socket: LiveSocket;
  /** The connection's context: its viewer is the one every event of its subscriptions runs as. */
  readonly context: Context;
}

interface Member {
  readonly id: string;
  readonly connection: LiveConnection;
  readonly membership: Membership;
}

interface Group {
  readonly key: string;
  readonly field: string;
  readonly tenantId: string;
  readonly args: ExecutionArgs;
  readonly members: Set<Member>;
  /** Settles once the group listens to its topic: undefined, or the subscribe resolver's errors. */
  started: Promise<ExecutionResult | undefined>;
  source: EventStream<unknown> | undefined;
  readonly pending: { payload: unknown; arrivedAt: number }[];
  draining: boolean;
  closed: boolean;
}

export interface FanoutOptions {
  schema: GraphQLSchema;
  deps: Dependencies;
  logger: Logger;
  metrics: SubscriptionMetrics;
}

export interface Fanout {
  /**
   * graphql-ws's `subscribe` for one subscription of `connection`: joins (or starts) its group.
   * Returns a stream that never yields (frames are sent by the group) and ends when the client
   * completes or the socket closes; or the errors of a subscribe resolver that refused.
   */
  subscribe(args: ExecutionArgs, id: string, connection: LiveConnection): Promise<EventStream<never> | ExecutionResult>;
  counts(): { field: string; subscriptions: number; groups: number }[];
  queued(): number;
}

export function createFanout({ schema, deps, logger, metrics }: FanoutOptions): Fanout {
  const { SUBSCRIPTION_DB_CONCURRENCY, SUBSCRIPTION_QUEUE_MAX, WS_SEND_BUFFER_MAX_BYTES, WS_DELIVERY_SLICE } = deps.config;
  const batchOptions = { sendBufferMax: WS_SEND_BUFFER_MAX_BYTES, slice: WS_DELIVERY_SLICE };
  const groups = new Map<string, Group>();
  const limit = pLimit(SUBSCRIPTION_DB_CONCURRENCY);
  let queued = 0;

  function leave(group: Group, member: Member) {
    if (!group.members.delete(member) || group.members.size > 0 || group.closed) return;
    group.closed = true;
    if (groups.get(group.key) === group) groups.delete(group.key);
    queued -= group.pending.length;
    group.pending.length = 0;
    if (group.source) endSource(group, group.source);
  }

  /** Ends the group's topic stream; a failure to unsubscribe is logged, never left unhandled. */
  function endSource(group: Group, source: EventStream<unknown>) {
    source.return().catch((err: unknown) => logger.warn({ err, field: group.field, tenantId: group.tenantId }, 'live updates: could not end a topic stream'));
  }

  async function start(group: Group, contextValue: Context): Promise<ExecutionResult | undefined> {
    const source = await createSourceEventStream({ ...group.args, contextValue });
    if (!(Symbol.asyncIterator in source)) return source;
    group.source = source as EventStream<unknown>;
    if (group.closed) endSource(group, group.source); // every member left while it subscribed
    else void pump(group, group.source);
    return undefined;
  }

  /** Reads the group's topic as fast as events come, so its stream never buffers (or drops) any. */
  async function pump(group: Group, source: EventStream<unknown>) {
    try {
      for (let event = await source.next(); !event.done; event = await source.next()) enqueue(group, event.value, performance.now());
    } catch (err) {
      // Our streams do not reject; if one did, its members are told to subscribe again (never unhandled).
      logger.error({ err, field: group.field, tenantId: group.tenantId }, 'live updates: a topic stream failed; its subscribers are told to subscribe again');
      const error = new ServiceUnavailableError('Live updates were interrupted on this server: fetch the current state, then subscribe again');
      for (const member of [...group.members]) {
        leave(group, member);
        member.membership.fail(error);
      }
    }
  }

  function enqueue(group: Group, payload: unknown, arrivedAt: number) {
    if (group.closed) return;
    if (queued >= SUBSCRIPTION_QUEUE_MAX) return dropEvent(group);
    queued++;
    group.pending.push({ payload, arrivedAt });
    if (!group.draining) void drain(group);
  }

  async function drain(group: Group) {
    group.draining = true;
    try {
      while (group.pending.length && !group.closed) {
        const event = group.pending[0]!;
        try {
          await runEvent(group, event.payload, event.arrivedAt);
        } catch (err) {
          logger.error({ err, field: group.field, tenantId: group.tenantId }, 'live event not handled');
        } finally {
          if (group.pending[0] === event) group.pending.shift();
          if (!group.closed) queued--;
        }
      }
    } finally {
      group.draining = false;
    }
  }

  /** One execution for the group, under a permit; null when nobody is left to run it for. */
  function executeOnce(group: Group, payload: unknown, eventId: string): Promise<EventResult | null> {
    return limit(() => {
      const runAs = group.members.values().next().value;
      if (!runAs || group.closed) return null;
      return executeEvent({ schema, deps, logger }, group.args, payload, runAs.connection.context, eventId);
    });
  }

  async function runEvent(group: Group, payload: unknown, arrivedAt: number) {
    const eventId = randomUUID();
    const executionStarted = performance.now();
    let result = await executeOnce(group, payload, eventId);
    if (result?.kind === 'unavailable') result = await executeOnce(group, payload, eventId); // once more: the pool may have freed up
    if (!result) return;
    if (result.kind === 'skipped') return metrics.executed(group.field, 'skipped');
    const executionMs = performance.now() - executionStarted;
    const failedExecution = result.kind === 'unavailable';
    metrics.executed(group.field, failedExecution ? 'failed' : 'delivered');
    const recipients = [...group.members].map((m) => ({ id: m.id, socket: m.connection.socket, current: () => group.members.has(m) }));
    const outcome = await deliverBatch(recipients, result.payloadJson, batchOptions, (written) => frameWritten(group, eventId, written, failedExecution));
    const fanoutMs = performance.now() - arrivedAt;
    report(group, eventId, outcome, failedExecution, executionMs, fanoutMs, result.kind === 'unavailable' ? result.reason : undefined);
  }

  /** Each frame's fate, once its socket has taken it (or refused it twice: counted and logged). */
  function frameWritten(group: Group, eventId: string, written: Written, failedExecution: boolean) {
    if (written === 'gone') return;
    if (written !== 'ok') {
      metrics.failed(group.field, 'send_error', 1);
      logger.warn({ eventId, field: group.field, tenantId: group.tenantId, reason: written.message }, 'live event: a frame could not be sent, even on the retry');
    } else if (failedExecution) metrics.failed(group.field, 'execution', 1); // the error result took its place
    else metrics.delivered(group.field, 1);
  }

  /** The delivery batch's log line and fan-out time; failures that are known now are counted here. */
  function report(group: Group, eventId: string, outcome: BatchOutcome, failedExecution: boolean, executionMs: number, fanoutMs: number, reason?: string) {
    if (outcome.slowConsumers) metrics.failed(group.field, 'slow_consumer', outcome.slowConsumers);
    metrics.fanout(group.field, fanoutMs / 1000);
    const line = {
      eventId, field: group.field, tenantId: group.tenantId, members: group.members.size,
      sent: outcome.sent, gone: outcome.gone, slowConsumers: outcome.slowConsumers,
      executionMs: Math.round(executionMs * 10) / 10, fanoutMs: Math.round(fanoutMs * 10) / 10,
    };
    if (failedExecution) logger.warn({ ...line, reason }, 'live event: execution failed twice; subscribers got the error');
    else if (outcome.slowConsumers) logger.warn(line, 'live event delivered; slow consumers closed (1013)');
    else logger.info(line, 'live event delivered');
  }

  function dropEvent(group: Group) {
    const members = [...group.members];
    metrics.failed(group.field, 'queue_full', members.length);
    logger.warn({ field: group.field, tenantId: group.tenantId, members: members.length, queued, max: SUBSCRIPTION_QUEUE_MAX }, 'live event dropped: the queue is full; its subscribers are told to refetch');
    const error = new ServiceUnavailableError('Live updates fell behind on this server and an event was dropped: fetch the current state, then subscribe again');
    for (const member of members) {
      leave(group, member);
      member.membership.fail(error);
    }
  }

  return {
    async subscribe(args, id, connection) {
      const viewer = connection.context.viewer!;
      const shared = groupKeyOf({ schema, document: args.document, operationName: args.operationName, variables: args.variableValues, viewer }).key;
      // A subscription resumed from a cursor replays what ITS client missed: a group of its own.
      const key = resumesFromCursor(args) ? `${shared}#resume:${randomUUID()}` : shared;
      let group = groups.get(key);
      if (!group) {
        group = {
          key, field: rootFieldOf(args), tenantId: viewer.tenantId, args: withoutContext(args), members: new Set(),
          started: Promise.resolve(undefined), source: undefined, pending: [], draining: false, closed: false,
        };
        groups.set(key, group);
        group.started = start(group, connection.context);
      }
      const joined = group;
      const member: Member = { id, connection, membership: membershipStream(() => leave(joined, member)) };
      joined.members.add(member);
      const refused = await joined.started.catch((error: unknown) => ({ errors: [error] }) as ExecutionResult);
      if (refused) {
        leave(joined, member);
        return refused;
      }
      return member.membership.stream;
    },
    counts() {
      const byField = new Map<string, { field: string; subscriptions: number; groups: number }>();
      for (const group of groups.values()) {
        const entry = byField.get(group.field) ?? { field: group.field, subscriptions: 0, groups: 0 };
        entry.subscriptions += group.members.size;
        entry.groups++;
        byField.set(group.field, entry);
      }
      return [...byField.values()];
    },
    queued: () => queued,
  };
}

function withoutContext(args: ExecutionArgs): ExecutionArgs {
  const { contextValue: _contextValue, ...rest } = args;
  return rest;
}

/** Whether the subscribed root field is given a non-null `after` (a resume from a cursor). */
function resumesFromCursor(args: ExecutionArgs): boolean {
  const selection = getOperationAST(args.document, args.operationName)?.selectionSet.selections[0];
  if (selection?.kind !== Kind.FIELD) return false;
  const after = selection.arguments?.find((argument) => argument.name.value === 'after')?.value;
  if (!after || after.kind === Kind.NULL) return false;
  if (after.kind === Kind.VARIABLE) return args.variableValues?.[after.name.value] != null;
  return true;
}

/** The subscribed root field (a subscription selects exactly one). */
function rootFieldOf(args: ExecutionArgs): string {
  const selection = getOperationAST(args.document, args.operationName)?.selectionSet.selections[0];
  return selection?.kind === Kind.FIELD ? selection.name.value : 'other';
}
