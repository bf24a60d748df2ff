/**
 * The process's pub/sub, created once at start-up: Redis when REDIS_URL is set, so an event
 * published on one pod reaches subscribers on every pod; in memory on the embedded default (one
 * process). Redis needs two connections of its own: a connection in subscriber mode can do
 * nothing else, and publishing must not queue behind session reads on the commands connection.
 *
 * Redis pub/sub is fire-and-forget: while the subscriber connection reconnects, messages are lost
 * (ioredis re-subscribes by itself). Live events are therefore hints to refresh, never the only
 * record of a change: the ActivityEvent row is.
 */
import type { PubSubEngine } from 'graphql-subscriptions';
import { PubSub as MemoryPubSub } from 'graphql-subscriptions';
import { RedisPubSub } from 'graphql-redis-subscriptions';
import type { Logger } from '../observability/logger.js';
import { createRedis } from '../redis.js';
import { pushStream, type EventStream } from './streams.js';
import { topic, type QueuedEvent, type Topic, type TopicName, type TopicPayloads } from './topics.js';

export interface PubSub {
  /** Publishes `event` on its tenant's topic. Never rejects: a lost live update is logged, not fatal. */
  publish(tenantId: string, event: QueuedEvent): Promise<void>;
  /**
   * Resolves once the subscription is live (Redis has acknowledged SUBSCRIBE), so every event
   * published after that reaches the stream. `return()` on the stream unsubscribes.
   */
  subscribe<N extends TopicName>(topic: Topic<N>): Promise<EventStream<TopicPayloads[N]>>;
  close(): Promise<void>;
}

export interface PubSubOptions {
  redisUrl?: string | undefined;
  logger: Logger;
}

export function createPubSub({ redisUrl, logger }: PubSubOptions): PubSub {
  const { engine, close } = redisUrl ? redisEngine(redisUrl, logger) : { engine: new MemoryPubSub(), close: async () => {} };

  return {
    async publish(tenantId, event) {
      try {
        await engine.publish(topic(tenantId, event.name), event.payload);
      } catch (err) {
        logger.warn({ err, tenantId, event: event.name }, 'live event not published');
      }
    },
    async subscribe<N extends TopicName>(channel: Topic<N>) {
      let subscription: number | undefined;
      let returned = false;
      const { stream, push } = pushStream<TopicPayloads[N]>(() => {
        returned = true;
        if (subscription !== undefined) engine.unsubscribe(subscription);
      });
      subscription = await engine.subscribe(channel, push, {});
      if (returned) engine.unsubscribe(subscription); // the consumer left while we subscribed
      return stream;
    },
    close,
  };
}

function redisEngine(url: string, logger: Logger): { engine: PubSubEngine; close(): Promise<void> } {
  const publisher = createRedis(url, 'publisher');
  const subscriber = createRedis(url, 'subscriber');
  for (const [role, connection] of [['publisher', publisher], ['subscriber', subscriber]] as const) {
    // Without a listener ioredis prints every reconnect failure to stderr.
    connection.on('error', (err) => logger.warn({ err, role }, 'pub/sub Redis connection error'));
  }
  return {
    engine: new RedisPubSub({ publisher, subscriber }),
    // QUIT lets the publisher flush; when Redis is unreachable it fails, and we just drop the sockets.
    close: async () => {
      await Promise.all([publisher, subscriber].map((c) => c.quit().catch(() => c.disconnect())));
    },
  };
}
