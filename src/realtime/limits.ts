/**
 * What one user, one tenant and one connection may take of a pod's live-update capacity:
 *  - open connections per user (WS_MAX_CONNECTIONS_PER_USER) — over it the new socket is closed
 *    with 4429 (graphql-ws clients do not retry it: close a tab first);
 *  - open connections per tenant (WS_MAX_CONNECTIONS_PER_TENANT) — closed with 1013 "Try Again
 *    Later" (clients retry, and may land on a less busy pod);
 *  - subscriptions per connection (WS_MAX_SUBSCRIPTIONS_PER_CONNECTION) — that subscribe gets an
 *    `error` message LIMIT_EXCEEDED, the connection stays;
 *  - subscribe messages per connection and minute (WS_SUBSCRIBES_PER_MINUTE, rate-limiter-flexible)
 *    — RATE_LIMITED with `retryAfterSeconds`;
 *  - and every subscribe counts one request against the tenant's rate limit
 *    (Tenant.rateLimitPerMinute, admission/admission.ts), as an HTTP request does: RATE_LIMITED.
 * Events pushed to subscribers are not counted: the tenant did not ask for them.
 *
 * Connection counts are per pod: they protect the pod's memory and fan-out, which is what a
 * connection costs. Each refusal is counted in dandori_rate_limit_rejections_total{limiter}.
 */
import type { GraphQLError } from 'graphql';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { Viewer } from '../auth/viewer.js';
import type { Config } from '../config.js';
import { LimitExceededError, RateLimitedError } from '../errors.js';
import { admitRequest } from '../admission/admission.js';
import type { Dependencies } from '../context/dependencies.js';

export const TOO_MANY_CONNECTIONS_CLOSE_CODE = 4429;
export const TENANT_CONNECTIONS_FULL_CLOSE_CODE = 1013;

export type LimitName = 'ws_connections_per_user' | 'ws_connections_per_tenant' | 'ws_subscriptions_per_connection' | 'ws_subscribe_rate';

type LimitConfig = Pick<Config, 'WS_MAX_CONNECTIONS_PER_USER' | 'WS_MAX_CONNECTIONS_PER_TENANT' | 'WS_MAX_SUBSCRIPTIONS_PER_CONNECTION' | 'WS_SUBSCRIBES_PER_MINUTE'>;

export interface ConnectionLimits {
  /** Counts the connection in, or says why not (close code and reason). */
  admitConnection(viewer: Viewer): { code: number; reason: string } | null;
  releaseConnection(viewer: Viewer): void;
  /** Checks a subscribe of a connection that has `active` subscriptions; errors to send back, or null. */
  admitSubscribe(connectionId: string, viewer: Viewer, active: number): Promise<readonly GraphQLError[] | null>;
  forgetConnection(connectionId: string): void;
}

export function createConnectionLimits(config: LimitConfig, deps: Pick<Dependencies, 'cache' | 'database' | 'rateLimiter'>, rejected: (limit: LimitName) => void): ConnectionLimits {
  const perUser = new Map<string, number>();
  const perTenant = new Map<string, number>();
  const subscribes = new RateLimiterMemory({ points: config.WS_SUBSCRIBES_PER_MINUTE, duration: 60 });
  const userKey = (viewer: Viewer) => `${viewer.tenantId}:${viewer.userId}`;
  const change = (counts: Map<string, number>, key: string, by: number) => {
    const next = (counts.get(key) ?? 0) + by;
    if (next > 0) counts.set(key, next);
    else counts.delete(key);
  };

  return {
    admitConnection(viewer) {
      if ((perUser.get(userKey(viewer)) ?? 0) >= config.WS_MAX_CONNECTIONS_PER_USER) {
        rejected('ws_connections_per_user');
        return { code: TOO_MANY_CONNECTIONS_CLOSE_CODE, reason: `Too many connections: at most ${config.WS_MAX_CONNECTIONS_PER_USER} per user` };
      }
      if ((perTenant.get(viewer.tenantId) ?? 0) >= config.WS_MAX_CONNECTIONS_PER_TENANT) {
        rejected('ws_connections_per_tenant');
        return { code: TENANT_CONNECTIONS_FULL_CLOSE_CODE, reason: 'Too many connections for your organisation on this server; try again later' };
      }
      change(perUser, userKey(viewer), 1);
      change(perTenant, viewer.tenantId, 1);
      return null;
    },
    releaseConnection(viewer) {
      change(perUser, userKey(viewer), -1);
      change(perTenant, viewer.tenantId, -1);
    },
    async admitSubscribe(connectionId, viewer, active) {
      const maximum = config.WS_MAX_SUBSCRIPTIONS_PER_CONNECTION;
      if (active >= maximum) {
        rejected('ws_subscriptions_per_connection');
        return [new LimitExceededError('subscriptionsPerConnection', maximum, `At most ${maximum} subscriptions per connection; complete one first`)];
      }
      try {
        await subscribes.consume(connectionId);
      } catch (refusal) {
        if (!(refusal instanceof RateLimiterRes)) throw refusal;
        rejected('ws_subscribe_rate');
        const retryAfterSeconds = Math.max(1, Math.ceil(refusal.msBeforeNext / 1000));
        return [new RateLimitedError(retryAfterSeconds, `At most ${config.WS_SUBSCRIBES_PER_MINUTE} subscribes per connection and minute; try again in ${retryAfterSeconds} s`)];
      }
      try {
        await admitRequest(deps, viewer); // the tenant's own budget (counted there when refused)
      } catch (error) {
        if (error instanceof RateLimitedError) return [error];
        throw error;
      }
      return null;
    },
    forgetConnection(connectionId) {
      void subscribes.delete(connectionId);
    },
  };
}
