/**
 * Everything created once at start-up and shared by all requests: configuration, database and
 * Redis clients, and the services built on them. Nothing here holds per-request state.
 *
 * The composition root (server/app.ts) builds it; it is declared here, in the context's room,
 * below everything that takes it (context, modules, realtime, server), and it names only rooms
 * below the context. What belongs to the server alone (its WebSocket server) stays in the server.
 */
import type { Redis } from 'ioredis';
import type { Cache } from '../cache/cache.js';
import type { ResponseCache } from '../cache/response-cache.js';
import type { AuthService } from '../auth/auth-service.js';
import type { Config } from '../config.js';
import type { Database } from '../db/database.js';
import type { Metrics } from '../observability/metrics.js';
import type { PubSub } from '../pubsub/pubsub.js';
import type { FileStorage } from '../storage/file-storage.js';
import type { JobQueue } from '../jobs/job-queue.js';
import type { RequestDb } from '../db/request-db.js';
import type { Lifecycle } from '../lifecycle.js';
import type { TenantRateLimiter } from '../admission/tenant-rate-limit.js';
import type { Loaders } from './loaders.js';

export interface Dependencies {
  config: Config;
  database: Database;
  /** Present when REDIS_URL is set. */
  redis?: Redis;
  auth: AuthService;
  storage: FileStorage;
  /** Background jobs: BullMQ with Redis and PostgreSQL, in-process otherwise (src/jobs/). */
  jobs: JobQueue;
  /** Shutdown steps and the draining flag (readiness). */
  lifecycle: Lifecycle;
  /** This app's Prometheus registry and recorders (src/observability/metrics.ts). */
  metrics: Metrics;
  /** Live events: Redis pub/sub when REDIS_URL is set, in memory otherwise (src/pubsub/). */
  pubsub: PubSub;
  /** The two-layer cache (src/cache/): in-process LRU, and Redis when REDIS_URL is set. */
  cache: Cache;
  /** Whole results of tenant-wide reads (src/cache/response-cache.ts), answered before Apollo. */
  responseCache: ResponseCache;
  /** Per-tenant request budget (Tenant.rateLimitPerMinute), enforced by src/admission/admission.ts; shared through Redis. */
  rateLimiter: TenantRateLimiter;
  /**
   * Every domain module's DataLoaders for one request (or one subscription event), from the
   * module list the composition root was given (src/modules/index.ts): the context makes loaders
   * without knowing which modules exist.
   */
  createLoaders: (db: RequestDb) => Loaders;
}
