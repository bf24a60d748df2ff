/**
 * HTTP caching headers for GET responses, from the same sharing plan that decides the
 * whole-result cache (cache/sharing-table.ts), so a CDN or browser is told exactly what the
 * server itself believes: a result that depends on nobody (`{ __typename }`) is public; a result
 * involving a token is `private` (a shared cache must never store one viewer's answer for
 * another), cacheable for the answer's remaining life when it is not live data; anything else is
 * not stored at all.
 *
 * A browser's own cache is keyed by URL: one profile used by two people (a shared office PC, a
 * consultant signed in to two companies) would hand the second the first one's answer. So every
 * /graphql response says what it varies by — `Accept` (the response type) and `Authorization`
 * (the viewer; the API reads no cookie) — and the browser keeps a copy per viewer.
 *
 * Freshness follows RFC 9111: `max-age` is the answer's lifetime from when it was computed (its
 * cache entry's, or the shortest-lived cached value it was built from), and `Age` how much of it
 * has passed, so `max-age − Age` is exactly what is left — a browser never keeps it longer than
 * the server would.
 */
import type { ResponsePlan } from '../cache/response-cache.js';

/** The request headers a /graphql answer depends on. */
export const GRAPHQL_VARY = 'Accept, Authorization';

export interface AnswerLife {
  /** How long the answer is good for, counted from when it was computed (ms). */
  lifetimeMs: number;
  /** How long ago it was computed (ms; 0 for an answer computed now). */
  ageMs: number;
}

export function cacheHeadersFor(plan: ResponsePlan, withToken: boolean, life: AnswerLife): Record<string, string> {
  if (!plan.sharing.cacheable) return { 'cache-control': 'private, no-store' };
  const maxAge = Math.max(0, Math.floor(Math.min(plan.ttlMs, life.lifetimeMs) / 1000));
  const age = Math.max(0, Math.ceil(life.ageMs / 1000));
  const scope = plan.sharing.depends === 'none' && !withToken ? 'public' : 'private';
  return { 'cache-control': `${scope}, max-age=${maxAge}`, ...(age > 0 && { age: String(age) }) };
}
