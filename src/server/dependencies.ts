/**
 * Everything created once at start-up and shared by all requests: configuration, database and
 * Redis clients, and the services built on them. Nothing here holds per-request state.
 */
import type { Redis } from 'ioredis';
import type { AuthService } from '../auth/auth-service.js';
import type { Config } from '../config.js';
import type { Database } from '../db/database.js';
import type { FileStorage } from '../storage/file-storage.js';
import type { Lifecycle } from './lifecycle.js';

export interface Dependencies {
  config: Config;
  database: Database;
  /** Present when REDIS_URL is set. */
  redis?: Redis;
  auth: AuthService;
  storage: FileStorage;
  /** Shutdown steps and the draining flag (readiness). */
  lifecycle: Lifecycle;
}
