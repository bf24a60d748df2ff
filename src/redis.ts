/**
 * Redis connections, created once at start-up when REDIS_URL is set: one for commands (sessions,
 * throttling), and a publisher and a subscriber of their own for pub/sub (src/pubsub/pubsub.ts) —
 * a subscribed connection can do nothing else.
 */
import { Redis } from 'ioredis';

export function createRedis(url: string, name: string): Redis {
  return new Redis(url, {
    connectionName: `dandori-${name}`,
    // Fail commands fast while disconnected instead of queueing them for minutes.
    maxRetriesPerRequest: 2,
    connectTimeout: 2_000,
    enableOfflineQueue: true,
    lazyConnect: false,
  });
}
