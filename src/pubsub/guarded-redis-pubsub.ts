/**
 * graphql-redis-subscriptions' RedisPubSub with every Redis call it makes caught where it is made.
 *
 * The library (2.7.0) leaves two promise rejections without a handler while Redis is away, and
 * each of them ends a Node process (an unhandled rejection is fatal):
 *  - `unsubscribe()` fires UNSUBSCRIBE and PUNSUBSCRIBE and drops their promises: when the last
 *    subscriber of a channel leaves during an outage, both reject (MaxRetriesPerRequestError);
 *  - the first `subscribe()` of a channel keeps a Deferred that other subscribers of the same
 *    channel wait on; when SUBSCRIBE fails and nobody else waited, that Deferred rejects unheard.
 * Here `unsubscribe` is rewritten (same bookkeeping, errors caught, PUNSUBSCRIBE only for pattern
 * channels, which we never use) and `subscribe` hears the Deferred and forgets a failed id.
 *
 * It also re-subscribes by itself: on every 'ready' of the subscriber connection (a reconnect,
 * to the same Redis or to one restarted empty, as after a failover), SUBSCRIBE is sent again for
 * every channel that has subscribers — ioredis' own auto-resubscribe covers only what it saw
 * acknowledged before the connection closed — and UNSUBSCRIBE for channels whose last subscriber
 * left while Redis was away (ioredis would otherwise subscribe those again, for nobody).
 *
 * It reads three private fields of RedisPubSub (`subscriptionMap`, `subsRefsMap`,
 * `subsPendingRefsMap`); test/pubsub/guarded-redis-pubsub.test.ts fails if a new version of the
 * library changes them.
 */
import { RedisPubSub } from 'graphql-redis-subscriptions';
import type { Redis } from 'ioredis';

export type PubSubOperation = 'publish' | 'subscribe' | 'unsubscribe' | 'resubscribe';

/** The private state of RedisPubSub 2.7 this class works on. */
interface Internals {
  subscriptionMap: Record<number, [string, (message: unknown) => void] | undefined>;
  subsRefsMap: Map<string, Set<number>>;
  subsPendingRefsMap: Map<string, { refs: number[]; pending: { promise: Promise<unknown> } }>;
  currentSubscriptionId: number;
}

export interface GuardedRedisPubSubOptions {
  publisher: Redis;
  subscriber: Redis;
  /** Every failed Redis call, with what it was for: counted and logged by the caller, never thrown away. */
  onError(operation: PubSubOperation, err: unknown): void;
  /** A re-subscription after a reconnect succeeded for every channel (`channels` of them). */
  onResubscribed?(channels: number): void;
}

export class GuardedRedisPubSub extends RedisPubSub {
  readonly #subscriber: Redis;
  readonly #onError: GuardedRedisPubSubOptions['onError'];
  /** Channels whose last subscriber left while UNSUBSCRIBE could not be sent. */
  readonly #abandoned = new Set<string>();

  constructor({ publisher, subscriber, onError, onResubscribed }: GuardedRedisPubSubOptions) {
    super({ publisher, subscriber });
    this.#subscriber = subscriber;
    this.#onError = onError;
    subscriber.on('ready', () => void this.#resubscribe().then((n) => n !== undefined && onResubscribed?.(n)));
  }

  override subscribe<T = any>(trigger: string, onMessage: (message: T) => void, options?: unknown): Promise<number> {
    const internals = this.#internals();
    const id = internals.currentSubscriptionId;
    const subscribed = super.subscribe(trigger, onMessage, options);
    // When this call sent SUBSCRIBE, its Deferred is here now; heard, it can fail without ending the process.
    internals.subsPendingRefsMap.get(trigger)?.pending.promise.catch(() => {});
    return subscribed.then(
      (subscriptionId) => {
        this.#abandoned.delete(trigger);
        return subscriptionId;
      },
      (err: unknown) => {
        this.#forget(id);
        this.#onError('subscribe', err);
        throw err;
      },
    );
  }

  /** Never throws and never leaves a promise unheard; an unknown or repeated id is ignored. */
  override unsubscribe(subId: number): void {
    const internals = this.#internals();
    const trigger = internals.subscriptionMap[subId]?.[0];
    if (trigger === undefined) return;
    delete internals.subscriptionMap[subId];
    const refs = internals.subsRefsMap.get(trigger);
    if (!refs?.delete(subId) || refs.size > 0) return;
    internals.subsRefsMap.delete(trigger);
    this.#unsubscribeChannel(trigger);
  }

  /** Channels this pod holds a Redis subscription for (for tests and the log line). */
  channels(): string[] {
    return [...this.#internals().subsRefsMap].filter(([, refs]) => refs.size > 0).map(([channel]) => channel);
  }

  #unsubscribeChannel(channel: string) {
    this.#abandoned.add(channel);
    this.#subscriber.unsubscribe(channel).then(
      () => {
        if (!this.#internals().subsRefsMap.get(channel)?.size) this.#abandoned.delete(channel);
      },
      (err: unknown) => this.#onError('unsubscribe', err),
    );
  }

  /** After a reconnect: every channel with subscribers subscribed again, every abandoned one released. */
  async #resubscribe(): Promise<number | undefined> {
    const wanted = this.channels();
    const stale = [...this.#abandoned].filter((channel) => !wanted.includes(channel));
    try {
      if (stale.length) await this.#subscriber.unsubscribe(...stale);
      for (const channel of stale) this.#abandoned.delete(channel);
      if (wanted.length) await this.#subscriber.subscribe(...wanted);
      return wanted.length;
    } catch (err) {
      // The connection went again; its next 'ready' tries again.
      this.#onError('resubscribe', err);
      return undefined;
    }
  }

  #forget(id: number) {
    const internals = this.#internals();
    const trigger = internals.subscriptionMap[id]?.[0];
    delete internals.subscriptionMap[id];
    if (trigger !== undefined && internals.subsRefsMap.get(trigger)?.size === 0 && !internals.subsPendingRefsMap.has(trigger)) internals.subsRefsMap.delete(trigger);
  }

  #internals(): Internals {
    return this as unknown as Internals;
  }
}
