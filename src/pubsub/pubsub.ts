/**
 * The process's pub/sub, created once at start-up: Redis when REDIS_URL is set, so an event
 * published on one pod reaches subscribers on every pod; in memory on the embedded default (one
 * process). Redis needs two connections of its own: a connection in subscriber mode can do
 * nothing else, and publishing must not queue behind session reads on the commands connection.
 *
 * Redis pub/sub is fire-and-forget: while the subscriber connection reconnects, messages are lost.
 * Live events are therefore hints to refresh, never the only record of a change: the ActivityEvent
 * row is.
 *
 * A Redis outage never ends the process nor an open subscription (docs/realtime.md, "Redis
 * outages"): every Redis call here is caught where it is made (guarded-redis-pubsub.ts), counted in
 * dandori_dependency_errors_total{dependency="redis",operation} and logged once per outage; an open
 * subscription stays open and receives events again once the pod has re-subscribed after the
 * reconnect; a new subscription while Redis is away is refused at once with SERVICE_UNAVAILABLE
 * (retryable, `retryAfterSeconds`); a publish while Redis is away is dropped (the row stays).
 */
import { EventEmitter } from 'node:events';
import type { PubSubEngine } from 'graphql-subscriptions';
import { PubSub as MemoryPubSub } from 'graphql-subscriptions';
import type { Logger } from '../observability/logger.js';
import type { Redis } from 'ioredis';
import { createRedis } from '../redis.js';
import { ServiceUnavailableError } from '../errors.js';
import { createOutageLog } from '../observability/outage-log.js';
import { GuardedRedisPubSub, type PubSubOperation } from './guarded-redis-pubsub.js';
import { pushStream, type EventStream } from './streams.js';
import { topic, type QueuedEvent, type Topic, type TopicName, type TopicPayloads } from './topics.js';

export interface PubSub {
  /** Publishes `event` on its tenant's topic. Never rejects: a lost live update is logged, not fatal. */
  publish(tenantId: string, event: QueuedEvent): Promise<void>;
  /**
   * Resolves once Redis has written every message published before the call to the connections
   * of the pods subscribed to it. Redis answers PUBLISH before it flushes the message to them (in
   * the same turn of its loop), but reads a command sent after that answer only in a later turn:
   * a PING answered means the flush is done. Never rejects; at once in memory.
   */
  delivered(): Promise<void>;
  /**
   * Resolves once the subscription is live (Redis has acknowledged SUBSCRIBE), so every event
   * published after that reaches the stream. `return()` on the stream unsubscribes.
   */
  subscribe<N extends TopicName>(topic: Topic<N>): Promise<EventStream<TopicPayloads[N]>>;
  /**
   * Every tenant's `name` events, each with the tenant of its topic: for this pod's own
   * housekeeping (cache invalidation, src/cache/invalidation.ts), never for clients, whose
   * subscriptions stay on one tenant's topic. Resolves once live; the result unsubscribes.
   */
  subscribeAllTenants<N extends TopicName>(name: N, listener: (tenantId: string, payload: TopicPayloads[N]) => void): Promise<() => void>;
  /**
   * Called when this pod's subscription to Redis is lost and again when it is back: messages sent
   * in between are lost, so whoever keeps state in step through pub/sub (session marks, cache
   * generations) drops it. Never called in memory (nothing can be missed). Returns an unsubscribe.
   */
  onInterruption(listener: () => void): () => void;
  close(): Promise<void>;
}

export interface PubSubOptions {
  redisUrl?: string | undefined;
  logger: Logger;
  /** Each failed Redis call (dandori_dependency_errors_total). */
  dependencyError?: (dependency: 'redis', operation: PubSubOperation) => void;
}

/** What a subscribe refused while Redis is away answers (a coded, retryable error). */
export const LIVE_UPDATES_UNAVAILABLE = 'Live updates are unavailable for a moment (Redis is not reachable); subscribe again shortly';

export function createPubSub({ redisUrl, logger, dependencyError = () => {} }: PubSubOptions): PubSub {
  const { engine, close, subscriber, publisher } = redisUrl
    ? redisEngine(redisUrl, logger, dependencyError)
    : { engine: memoryEngine(), close: async () => {}, subscriber: undefined, publisher: undefined };
  const publishOutage = createOutageLog(logger, 'redis', 'pub/sub publish', 'live events are dropped (the rows stay; clients refetch)');
  /** In memory only: all-tenant listeners, called on publish (Redis delivers them by pattern). */
  const localListeners = new Set<{ name: TopicName; listener: (tenantId: string, payload: any) => void }>();
  const interruptionListeners = new Set<() => void>();
  if (subscriber) {
    const interrupted = () => {
      for (const listener of interruptionListeners) listener();
    };
    // 'close': the connection is gone (messages from now on are lost); 'ready': it is back
    // (and re-subscribed), and anything that happened in between was missed.
    subscriber.on('close', interrupted);
    subscriber.on('ready', interrupted);
  }

  return {
    async publish(tenantId, event) {
      try {
        // Refused at once while the connection is down: queued, it would wait seconds to fail.
        if (publisher && publisher.status !== 'ready') throw new Error(`Redis publisher is ${publisher.status}`);
        await engine.publish(topic(tenantId, event.name), event.payload);
        publishOutage.up();
        for (const l of localListeners) if (l.name === event.name) l.listener(tenantId, event.payload);
      } catch (err) {
        if (publisher) dependencyError('redis', 'publish');
        if (publisher) publishOutage.down(err);
        else logger.warn({ err, tenantId, event: event.name }, 'live event not published');
      }
    },
    async delivered() {
      if (publisher?.status === 'ready') await publisher.ping().catch(() => dependencyError('redis', 'publish'));
    },
    async subscribe<N extends TopicName>(channel: Topic<N>) {
      if (subscriber && subscriber.status !== 'ready') {
        dependencyError('redis', 'subscribe');
        throw new ServiceUnavailableError(LIVE_UPDATES_UNAVAILABLE);
      }
      let subscription: number | undefined;
      let returned = false;
      const { stream, push } = pushStream<TopicPayloads[N]>(() => {
        returned = true;
        if (subscription !== undefined) engine.unsubscribe(subscription);
      });
      try {
        subscription = await engine.subscribe(channel, push, {});
      } catch (err) {
        // Counted and logged by the engine; the client gets a coded error it can retry on.
        throw new ServiceUnavailableError(LIVE_UPDATES_UNAVAILABLE, { originalError: err as Error });
      }
      if (returned) engine.unsubscribe(subscription); // the consumer left while we subscribed
      return stream;
    },
    async subscribeAllTenants(name, listener) {
      if (!subscriber) {
        const entry = { name, listener };
        localListeners.add(entry);
        return () => void localListeners.delete(entry);
      }
      // Topics are `<tenantId>:<NAME>` and tenant ids are UUIDs (no ':'), so this matches exactly one name.
      const pattern = `*:${name}`;
      const onMessage = (matched: string, channel: string, message: string) => {
        if (matched !== pattern) return;
        let payload: TopicPayloads[typeof name];
        try {
          payload = JSON.parse(message);
        } catch (err) {
          return logger.warn({ err, channel }, 'pub/sub: unreadable message');
        }
        // A listener that throws must not end the process: ioredis calls it from its socket handler.
        try {
          listener(channel.slice(0, channel.indexOf(':')), payload);
        } catch (err) {
          logger.error({ err, channel }, 'pub/sub: listener failed');
        }
      };
      subscriber.on('pmessage', onMessage);
      // ioredis subscribes again by itself after a reconnect, once a PSUBSCRIBE has succeeded;
      // if the first one fails (Redis down at start-up), it is retried when Redis is back.
      const psubscribe = (): Promise<void> =>
        subscriber.psubscribe(pattern).then(
          () => {},
          (err: unknown) => {
            dependencyError('redis', 'subscribe');
            logger.warn({ err, pattern }, 'pub/sub: PSUBSCRIBE failed, retrying when Redis is ready');
            subscriber.once('ready', () => void psubscribe());
          },
        );
      await psubscribe();
      return () => {
        subscriber.off('pmessage', onMessage);
        void subscriber.punsubscribe(pattern).catch(() => dependencyError('redis', 'unsubscribe'));
      };
    },
    onInterruption(listener) {
      interruptionListeners.add(listener);
      return () => void interruptionListeners.delete(listener);
    },
    close,
  };
}

/**
 * In memory, each topic is an EventEmitter event with one listener per subscription group: more than
 * ten groups on one tenant's topic is ordinary (roles, documents, per-user groups), not a leak.
 */
function memoryEngine(): PubSubEngine {
  const eventEmitter = new EventEmitter();
  eventEmitter.setMaxListeners(0);
  return new MemoryPubSub({ eventEmitter });
}

function redisEngine(
  url: string,
  logger: Logger,
  dependencyError: NonNullable<PubSubOptions['dependencyError']>,
): { engine: PubSubEngine; close(): Promise<void>; subscriber: Redis; publisher: Redis } {
  const publisher = createRedis(url, 'publisher');
  const subscriber = createRedis(url, 'subscriber');
  // One line when the connection goes (not one per reconnect attempt) and one when it is back.
  const connectionOutage = {
    publisher: createOutageLog(logger, 'redis', 'pub/sub publisher', 'live events are dropped meanwhile'),
    subscriber: createOutageLog(logger, 'redis', 'pub/sub subscriber', 'open subscriptions wait, new ones are refused (SERVICE_UNAVAILABLE)'),
  };
  for (const [role, connection] of [['publisher', publisher], ['subscriber', subscriber]] as const) {
    // Without a listener ioredis prints every reconnect failure to stderr.
    connection.on('error', (err) => connectionOutage[role].down(err));
    connection.on('ready', () => connectionOutage[role].up());
  }
  const subscribeOutage = createOutageLog(logger, 'redis', 'pub/sub subscriptions', 'subscribes are refused with SERVICE_UNAVAILABLE');
  const engine = new GuardedRedisPubSub({
    publisher,
    subscriber,
    onError(operation, err) {
      dependencyError('redis', operation);
      subscribeOutage.down(err);
    },
    onResubscribed(channels) {
      subscribeOutage.up();
      logger.info({ channels }, 'pub/sub: channels subscribed again after a reconnect');
    },
  });
  return {
    engine,
    subscriber,
    publisher,
    // QUIT lets the publisher flush; when Redis is unreachable it fails, and we just drop the sockets.
    close: async () => {
      await Promise.all([publisher, subscriber].map((c) => c.quit().catch(() => c.disconnect())));
    },
  };
}
