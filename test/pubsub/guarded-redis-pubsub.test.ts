/**
 * GuardedRedisPubSub against a Redis of the test's own that is killed and restarted empty: no
 * Redis failure leaves a promise unhandled (vitest fails the run on one, and so does the listener
 * here), each is reported with its operation, and after the restart the channels that still have
 * subscribers are subscribed again (and one abandoned during the outage is released).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { GuardedRedisPubSub, type PubSubOperation } from '../../src/pubsub/guarded-redis-pubsub.js';
import { createRedis } from '../../src/redis.js';
import { startPrivateRedis, type PrivateRedis } from '../support/redis-server.js';
import { until } from '../support/ws-client.js';

describe('GuardedRedisPubSub', () => {
  let redis: PrivateRedis;
  let publisher: Redis;
  let subscriber: Redis;
  let pubsub: GuardedRedisPubSub;
  const errors: PubSubOperation[] = [];
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => void unhandled.push(reason);
  let resubscribed = 0;

  beforeAll(async () => {
    process.on('unhandledRejection', onUnhandled);
    redis = await startPrivateRedis();
    publisher = createRedis(redis.url, 'publisher');
    subscriber = createRedis(redis.url, 'subscriber');
    for (const c of [publisher, subscriber]) c.on('error', () => {});
    pubsub = new GuardedRedisPubSub({ publisher, subscriber, onError: (op) => void errors.push(op), onResubscribed: () => void resubscribed++ });
    await until(() => subscriber.status === 'ready' && publisher.status === 'ready');
  });
  afterAll(async () => {
    process.off('unhandledRejection', onUnhandled);
    publisher?.disconnect();
    subscriber?.disconnect();
    await redis?.close();
  });

  it('keeps the bookkeeping of the library it extends (a new version that changes it fails here)', async () => {
    const received: unknown[] = [];
    const a = await pubsub.subscribe('t:A', (m) => void received.push(m));
    const b = await pubsub.subscribe('t:A', (m) => void received.push(m));
    expect(pubsub.channels()).toEqual(['t:A']);
    await pubsub.publish('t:A', { n: 1 });
    await until(() => received.length === 2);
    pubsub.unsubscribe(a);
    expect(pubsub.channels()).toEqual(['t:A']);
    pubsub.unsubscribe(b);
    pubsub.unsubscribe(b); // a repeated id is ignored, not thrown
    expect(pubsub.channels()).toEqual([]);
  });

  it('catches every failure while Redis is away, and subscribes again when it is back empty', async () => {
    const kept: unknown[] = [];
    await pubsub.subscribe('t:KEPT', (m) => void kept.push(m));
    const leaving = await pubsub.subscribe('t:LEAVING', () => {});
    await redis.kill();
    await until(() => subscriber.status !== 'ready');

    // The last subscriber of a channel leaves: UNSUBSCRIBE fails (caught), the channel is abandoned.
    pubsub.unsubscribe(leaving);
    // A first SUBSCRIBE of a channel fails: it rejects to its caller only, and the id is forgotten.
    await expect(pubsub.subscribe('t:NEW', () => {})).rejects.toThrow();
    await expect(pubsub.publish('t:KEPT', { n: 0 })).rejects.toThrow();
    await until(() => errors.includes('unsubscribe') && errors.includes('subscribe'), 20_000, () => `errors ${errors}`);
    expect(pubsub.channels()).toEqual(['t:KEPT']);

    const before = resubscribed;
    await redis.start(); // empty: no subscriptions survive on the server side
    await until(() => resubscribed > before, 20_000, () => 'the re-subscription');
    const admin = new Redis(redis.url);
    try {
      expect((await admin.pubsub('CHANNELS')).sort()).toEqual(['t:KEPT']); // t:LEAVING released
      await admin.publish('t:KEPT', JSON.stringify({ n: 2 }));
    } finally {
      admin.disconnect();
    }
    await until(() => kept.length === 1, 10_000, () => 'the event after the restart');
    expect(kept).toEqual([{ n: 2 }]);
    expect(unhandled).toEqual([]);
  }, 60_000);
});
