/**
 * What subscription resolvers share. `subscribe` picks the topic from the connection's viewer —
 * never from an argument — so a client can only listen to its own tenant. `resolve` runs once per
 * event per group of identical subscriptions, in a fresh per-event context (see
 * realtime/execute-event.ts), and loads what the event names through that context's tenant scope;
 * when there is nothing to deliver (the object is gone, or does not match the subscription's
 * filter) it calls `skipDelivery()`.
 *
 * Both run for a whole group (realtime/fanout.ts) with one member's context: neither may depend on
 * more of the viewer than the field's entry in cache/sharing-table.ts declares (tenant-wide fields
 * read only the tenant; a per-user field such as notificationReceived may read the user).
 */
import type { Viewer } from '../auth/viewer.js';
import { UnauthenticatedError } from '../errors.js';
import type { PubSub } from './pubsub.js';
import type { EventStream } from './streams.js';
import { topic, type TopicName, type TopicPayloads } from './topics.js';

/** What a subscription needs of its request's context (the context's room is above this one). */
export interface SubscriberContext {
  readonly viewer: Viewer | null;
  readonly authError: UnauthenticatedError | null;
  readonly deps: { readonly pubsub: PubSub };
}

export function subscribeToTenant<N extends TopicName>(ctx: SubscriberContext, name: N): Promise<EventStream<TopicPayloads[N]>> {
  if (!ctx.viewer) throw ctx.authError ?? new UnauthenticatedError();
  return ctx.deps.pubsub.subscribe(topic(ctx.viewer.tenantId, name));
}

/** Thrown by a subscription `resolve` to drop the event: the executor sends nothing for it. */
export class SkipDelivery extends Error {
  constructor() {
    super('nothing to deliver for this event');
  }
}

export function skipDelivery(): never {
  throw new SkipDelivery();
}
