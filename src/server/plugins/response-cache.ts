/**
 * The Apollo side of the whole-result cache (src/cache/response-cache.ts). Once Apollo has parsed
 * and validated an operation, its sharing plan is worked out (once per parsed document) and
 * remembered under the text and, for automatic persisted queries, the hash — so the next request
 * with that text can be answered before Apollo (server/cached-response.ts). If the result may be
 * cached, its key is fixed now, BEFORE execution: a write that commits while this request runs
 * bumps a generation, so a result computed from data older than the write is stored under a key
 * no later request asks for. Then, if another pod already cached it (Redis), it is answered from
 * there without executing; otherwise the HTTP handler stores the serialized body if the response
 * is a clean 200 (plan and key are left on `context.result`). Before executing a result it will
 * store, the request is told the log position of the key's generations: it reads from a replica
 * only if that replica has applied the writes that made them (db/request-db.ts), so a lagging
 * replica never fills a new generation with old rows.
 */
import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import { print, type DocumentNode } from 'graphql';
import { planSharing } from '../../cache/sharing.js';
import { responsePlan, type ResponsePlan } from '../../cache/response-cache.js';
import type { Context } from '../../context/context.js';

export function responseCachePlugin(): ApolloServerPlugin<Context> {
  const plans = new WeakMap<DocumentNode, Map<string, ResponsePlan>>();

  const planOf = (document: DocumentNode, operationName: string | null, schema: Parameters<typeof planSharing>[0]) => {
    let byName = plans.get(document);
    if (!byName) plans.set(document, (byName = new Map()));
    let plan = byName.get(operationName ?? '');
    if (!plan) byName.set(operationName ?? '', (plan = responsePlan(planSharing(schema, document, operationName), print(document), operationName)));
    return plan;
  };

  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operationName, request, contextValue, schema }) {
          const { responseCache } = contextValue.deps;
          const plan = planOf(document, operationName, schema);
          if (request.query) responseCache.rememberPlan(request.query, request.operationName, plan);
          const hash = (request.extensions?.persistedQuery as { sha256Hash?: unknown } | undefined)?.sha256Hash;
          if (typeof hash === 'string') responseCache.rememberPlan(`apq:${hash}`, request.operationName, plan);
          contextValue.result.plan = plan;
          const key = await responseCache.keyFor(plan, contextValue.viewer, request.variables);
          if (key) contextValue.result.store = { key: key.key, ttlMs: plan.ttlMs, position: key.position };
        },
        async responseForOperation({ contextValue }) {
          const store = contextValue.result.store;
          const cached = store && (await contextValue.deps.responseCache.get(store.key));
          if (!cached) {
            // Executed to be stored: read at least as far as the writes of the key's generations.
            if (store) await (contextValue.scope ?? contextValue.signIn.scope)?.db.requirePosition(store.position);
            return null;
          }
          contextValue.result.store = undefined; // already there
          contextValue.result.served = cached;
          return { http: { status: 200, headers: new HeaderMap([['x-dandori-cache', 'hit']]) }, body: { kind: 'single', singleResult: JSON.parse(cached.body) } };
        },
        async willSendResponse({ response, contextValue }) {
          // Only a complete answer without errors is worth repeating.
          if (response.body.kind !== 'single' || response.body.singleResult.errors?.length) contextValue.result.store = undefined;
        },
      };
    },
  };
}
