/**
 * Apollo GraphOS: schema reporting and usage reporting (operations, field usage, latency), on
 * only when APOLLO_KEY and APOLLO_GRAPH_REF are both set (config.ts refuses one without the
 * other). Off, nothing about the graph or its traffic leaves the server, whatever else the
 * environment says.
 *
 * Privacy, on: no variable values, no HTTP headers, error messages masked (Apollo sees that a
 * field failed and its path, never the text); the client's name and version come from the
 * `apollographql-client-name` / `apollographql-client-version` headers Apollo Client and the
 * Studio explorer send. Operations are reported by their signature (literals stripped).
 */
import type { ApolloConfigInput, ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginSchemaReportingDisabled, ApolloServerPluginUsageReportingDisabled } from '@apollo/server/plugin/disabled';
import type { Config } from '../config.js';
import type { Context } from '../context/context.js';

export type GraphOSConfig = Pick<Config, 'APOLLO_KEY' | 'APOLLO_GRAPH_REF' | 'APOLLO_USAGE_REPORTING_URL' | 'APOLLO_SCHEMA_REPORTING_URL'>;

export interface GraphOSOptions {
  /** Schema reporting starts after a random delay up to this (Apollo's default: 10 s, so a fleet does not report at once). */
  schemaReportingInitialDelayMaxMs?: number;
  /** How often usage is sent (Apollo's default: 10 s); a last report always goes on stop. */
  usageReportIntervalMs?: number;
}

/** Whether GraphOS reporting is on: both settings present. */
export function graphosEnabled(config: GraphOSConfig): config is GraphOSConfig & { APOLLO_KEY: string; APOLLO_GRAPH_REF: string } {
  return config.APOLLO_KEY !== undefined && config.APOLLO_GRAPH_REF !== undefined;
}

/** Apollo Server's `apollo` option: from our config only, never read from process.env behind its back. */
export function apolloConfig(config: GraphOSConfig): ApolloConfigInput {
  return graphosEnabled(config) ? { key: config.APOLLO_KEY, graphRef: config.APOLLO_GRAPH_REF } : {};
}

/**
 * The reporting plugins when GraphOS is on; their disabled forms (which also stop Apollo's own
 * env-driven defaults) when off. Loaded only when on: usage reporting brings protobufjs and its
 * generated code, which a server that reports nothing need not load at start.
 */
export async function loadGraphOSPlugins(config: GraphOSConfig, options: GraphOSOptions = {}): Promise<ApolloServerPlugin<Context>[]> {
  if (!graphosEnabled(config)) return [ApolloServerPluginUsageReportingDisabled(), ApolloServerPluginSchemaReportingDisabled()];
  const [{ ApolloServerPluginUsageReporting }, { ApolloServerPluginSchemaReporting }] = await Promise.all([
    import('@apollo/server/plugin/usageReporting'),
    import('@apollo/server/plugin/schemaReporting'),
  ]);
  return [
    ApolloServerPluginUsageReporting<Context>({
      sendVariableValues: { none: true },
      sendHeaders: { none: true },
      sendErrors: { masked: true },
      generateClientInfo: ({ request }) => ({
        clientName: request.http?.headers.get('apollographql-client-name') ?? undefined,
        clientVersion: request.http?.headers.get('apollographql-client-version') ?? undefined,
      }),
      ...(config.APOLLO_USAGE_REPORTING_URL && { endpointUrl: config.APOLLO_USAGE_REPORTING_URL.replace(/\/+$/, '') }),
      ...(options.usageReportIntervalMs !== undefined && { reportIntervalMs: options.usageReportIntervalMs }),
    }),
    ApolloServerPluginSchemaReporting({
      ...(config.APOLLO_SCHEMA_REPORTING_URL && { endpointUrl: config.APOLLO_SCHEMA_REPORTING_URL }),
      ...(options.schemaReportingInitialDelayMaxMs !== undefined && { initialDelayMaxMs: options.schemaReportingInitialDelayMaxMs }),
    }),
  ];
}
