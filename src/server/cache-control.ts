/**
 * `Cache-Control` for GET responses, from the same sharing plan that decides the whole-result
 * cache (cache/sharing-table.ts), so a CDN or browser is told exactly what the server itself
 * believes: a result that depends on nobody (`{ __typename }`) is public; a result involving a
 * token is `private` (a shared cache must never store one viewer's answer for another), cacheable
 * for its classes' TTL when it is not live data; anything else is not stored at all.
 */
import type { ResponsePlan } from '../cache/response-cache.js';

export function cacheControlFor(plan: ResponsePlan, withToken: boolean): string {
  const maxAge = Math.floor(plan.ttlMs / 1000);
  if (plan.sharing.depends === 'none' && plan.sharing.cacheable && !withToken) return `public, max-age=${maxAge}`;
  if (plan.sharing.cacheable) return `private, max-age=${maxAge}`;
  return 'private, no-store';
}
