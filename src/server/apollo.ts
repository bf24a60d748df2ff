/**
 * The Apollo Server instance and its plugins. Limits run before execution: depth and aliases as
 * validation rules, cost as a plugin (it needs the variables).
 */
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginSchemaReportingDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import type { KeyValueCache } from '@apollo/utils.keyvaluecache';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import type { GraphQLError, GraphQLSchema, ValidationContext } from 'graphql';
import type { Config } from '../config.js';
import type { Context } from '../context/context.js';
import type { Logger } from '../observability/logger.js';
import type { Metrics } from '../observability/metrics.js';
import type { Tracing } from '../observability/tracing.js';
import { parseOptions } from './document-screen.js';
import { explorerLandingPagePlugin } from './explorer/landing-page.js';
import { apolloConfig } from './graphos.js';
import { formatError } from '../error-format.js';
import { errorMaskingPlugin } from './plugins/error-masking.js';
import { introspectionGuardPlugin } from './plugins/introspection-guard.js';
import { metricsPlugin } from './plugins/metrics.js';
import { queryCostPlugin } from './plugins/query-cost.js';
import { responseCachePlugin } from './plugins/response-cache.js';
import { tracingPlugin } from './plugins/tracing.js';

export const MAX_ALIASES = 30;

/** graphql-armor rules throw by default, which Apollo answers with a 500; report them as validation errors (400). */
const reportAsValidationError = {
  exposeLimits: true,
  propagateOnRejection: false,
  onReject: [(context: ValidationContext | null, error: GraphQLError) => context?.reportError(error)],
};

/**
 * Depth and alias limits, shared by HTTP (Apollo) and WebSocket (graphql-ws) operations. Every
 * alias counts, `__typename` ones too: graphql-armor leaves those out by default (allowList), and
 * `{ t1: __typename t2: __typename … }` costs a field each like any other alias.
 */
export function validationRules(config: Pick<Config, 'MAX_QUERY_DEPTH'>) {
  return [
    maxDepthRule({ n: config.MAX_QUERY_DEPTH, ...reportAsValidationError }),
    maxAliasesRule({ n: MAX_ALIASES, allowList: [], ...reportAsValidationError }),
  ];
}

export interface Observability {
  metrics: Metrics;
  /** Present only when tracing is on; then (and only then) the tracing plugin is installed. */
  tracing?: Tracing | undefined;
}

export interface ApolloOptions {
  /** Where APQ documents live (src/cache/persisted-queries.ts); Apollo's in-memory LRU when absent. */
  persistedQueryCache?: KeyValueCache<string>;
  /** GraphOS reporting (graphos.ts: loadGraphOSPlugins): its plugins, or their disabled forms. */
  graphosPlugins?: ApolloServerPlugin<Context>[];
}

export function createApolloServer(schema: GraphQLSchema, config: Config, logger: Logger, observability: Observability, options: ApolloOptions = {}): ApolloServer<Context> {
  const production = config.NODE_ENV === 'production';
  return new ApolloServer<Context>({
    schema,
    apollo: apolloConfig(config),
    // Our lifecycle (src/lifecycle.ts) stops Apollo last, after the drain. Apollo's own SIGTERM handler
    // (on by default outside NODE_ENV=test) would stop it at once and answer every request of the
    // drain window with a 500.
    stopOnTerminationSignals: false,
    // Queries may come as GET (with only a hash, for APQ); a GET or a simple POST must carry a
    // header a browser form cannot send, e.g. `apollo-require-preflight: true` (docs/api.md).
    csrfPrevention: true,
    persistedQueries: { ttl: config.APQ_TTL_SECONDS, ...(options.persistedQueryCache && { cache: options.persistedQueryCache }) },
    // Always on at the protocol level; the guard plugin limits it to ADMINs in production.
    introspection: true,
    includeStacktraceInErrorResponses: false,
    formatError,
    // Token limit while parsing (document-screen.ts screens HTTP documents before this; the same
    // limit holds for documents that arrive any other way, e.g. by APQ hash).
    parseOptions: parseOptions(config),
    validationRules: validationRules(config),
    logger: {
      debug: (m) => logger.debug(m),
      info: (m) => logger.info(m),
      warn: (m) => logger.warn(m),
      error: (m) => logger.error(m),
    },
    plugins: [
      // What may be cached, and Cache-Control, come from our sharing table (cache/sharing-table.ts),
      // planned once per document: skip Apollo's per-field cache-hint bookkeeping on every request.
      ApolloServerPluginCacheControlDisabled(),
      ...(observability.tracing ? [tracingPlugin(observability.tracing)] : []),
      metricsPlugin(observability.metrics),
      // Schema and usage reporting to Apollo GraphOS with APOLLO_KEY and APOLLO_GRAPH_REF, else nothing is sent (graphos.ts).
      ...(options.graphosPlugins ?? [ApolloServerPluginUsageReportingDisabled(), ApolloServerPluginSchemaReportingDisabled()]),
      ApolloServerPluginInlineTraceDisabled(),
      production ? ApolloServerPluginLandingPageDisabled() : explorerLandingPagePlugin(),
      introspectionGuardPlugin({ production }),
      queryCostPlugin({ maximumCost: config.MAX_QUERY_COST }),
      errorMaskingPlugin(logger),
      responseCachePlugin(),
    ],
  });
}
