/**
 * Refuses operations that would fetch too much before running them. A field costs 1, and a list
 * field multiplies what it contains by how many items it may return (`first` or `top`), so
 * `projects(first: 100) { tasks(first: 100) { comments(first: 100) { id } } }` costs about a
 * million and is refused, while a normal dashboard costs a few hundred.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { getNullableType, isListType, type DocumentNode, type GraphQLSchema } from 'graphql';
import { getComplexity, simpleEstimator, type ComplexityEstimator } from 'graphql-query-complexity';
import type { Context } from '../../context/context.js';
import { QueryTooComplexError } from '../../errors.js';

/** Lists without a size argument are assumed to hold this many items. */
const UNBOUNDED_LIST_ESTIMATE = 10;

const listEstimator: ComplexityEstimator = ({ args, field, childComplexity }) => {
  // A connection's `nodes` and `edges` hold the items its `first` already counted.
  if (field.name === 'nodes' || field.name === 'edges') return childComplexity;
  const size = args.first ?? args.top;
  if (typeof size === 'number') return 1 + Math.max(size, 0) * Math.max(childComplexity, 1);
  if (isListType(getNullableType(field.type))) {
    return 1 + UNBOUNDED_LIST_ESTIMATE * Math.max(childComplexity, 1);
  }
  return undefined;
};

/**
 * Throws QUERY_TOO_COMPLEX when the operation costs more than `maximumCost`. Shared by the Apollo
 * plugin below and WebSocket subscriptions (server/websocket.ts).
 */
/**
 * Costs already computed, per parsed document (Apollo reuses the same DocumentNode for the same
 * query text) and per operation name + variables: a client repeating a query pays for the
 * estimate once. Weakly held, and at most MEMO_PER_DOCUMENT variable sets per document.
 */
export type CostMemo = WeakMap<DocumentNode, Map<string, number>>;
const MEMO_PER_DOCUMENT = 64;

type Operation = { schema: GraphQLSchema; document: DocumentNode; variables?: Record<string, unknown> | null | undefined; operationName?: string | null | undefined };

function estimate(operation: Operation): number | undefined {
  try {
    return getComplexity({
      schema: operation.schema,
      query: operation.document,
      variables: operation.variables ?? {},
      ...(operation.operationName ? { operationName: operation.operationName } : {}),
      estimators: [listEstimator, simpleEstimator({ defaultComplexity: 1 })],
    });
  } catch {
    // Variables that do not coerce: execution refuses them next with BAD_USER_INPUT.
    return undefined;
  }
}

export function assertOperationCost(operation: Operation, maximumCost: number, memo?: CostMemo): void {
  let cost: number | undefined;
  if (memo) {
    const key = `${operation.operationName ?? ''}\u0000${JSON.stringify(operation.variables ?? {})}`;
    let costs = memo.get(operation.document);
    if (!costs) memo.set(operation.document, (costs = new Map()));
    cost = costs.get(key);
    if (cost === undefined && (cost = estimate(operation)) !== undefined && costs.size < MEMO_PER_DOCUMENT) costs.set(key, cost);
  } else {
    cost = estimate(operation);
  }
  if (cost !== undefined && cost > maximumCost) throw new QueryTooComplexError(cost, maximumCost);
}

export function queryCostPlugin(options: { maximumCost: number }): ApolloServerPlugin<Context> {
  const memo: CostMemo = new WeakMap();
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, schema }) {
          assertOperationCost({ schema, document, variables: request.variables, operationName: request.operationName }, options.maximumCost, memo);
        },
      };
    },
  };
}
