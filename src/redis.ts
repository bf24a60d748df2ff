/**
 * Redis connections, created once at start-up when REDIS_URL is set. Commands and publishing
 * share one connection; pub/sub subscribers need their own (a subscribed connection can do
 * nothing else), made with `duplicate()`.
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
