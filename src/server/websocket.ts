/**
 * GraphQL subscriptions over WebSocket (graphql-transport-ws protocol, graphql-ws) on the HTTP
 * server's own port and path, /graphql, so one load balancer target serves both.
 *
 *  - A connection is authenticated in `connection_init`, from connectionParams
 *    `{ authorization: "Bearer <access token>" }`; without a valid one it is closed with 4401.
 *    Every WS_SESSION_CHECK_SECONDS the token and its session are checked again: a socket whose
 *    access token expired or whose session was revoked (logout, role change, deactivation) is
 *    closed with 4401, so revocation reaches open sockets too.
 *    A revocation heard through SESSIONS_REVOKED closes the session's sockets at once (the
 *    periodic check stays as the safety net for a revocation this pod missed).
 *  - Only subscriptions are served: queries and mutations stay on HTTP, where every Apollo plugin
 *    applies. Subscriptions get the same screening (document-screen.ts, input-values.ts), validation
 *    rules (depth, aliases) and cost limit, the trusted documents rule (trusted-documents.ts), and the
 *    limits of src/realtime/limits.ts (connections per user and tenant, subscriptions and
 *    subscribes per connection, the tenant's rate limit).
 *  - Events are executed once per group of identical subscriptions and sent by the group
 *    (src/realtime/fanout.ts); errors are masked as on HTTP, unexpected ones logged with an id.
 *  - On shutdown ('stop-accepting') every client is closed with 1001 "going away", so it
 *    reconnects to another pod; sockets still open at the deadline are cut.
 */
import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { getOperationAST, GraphQLError, specifiedRules, validate, type DocumentNode, type ExecutionArgs, type GraphQLSchema } from 'graphql';
import type { SubscribePayload } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { LRUCache } from 'lru-cache';
import { WebSocket, WebSocketServer } from 'ws';
import type { Viewer } from '../auth/viewer.js';
import { bearerToken } from '../context/authenticate.js';
import type { Context } from '../context/context.js';
import { ExpiryBound } from '../context/scope.js';
import type { Config } from '../config.js';
import { AppError, BadUserInputError, UnauthenticatedError } from '../errors.js';
import type { Logger } from '../observability/logger.js';
import { createSubscriptionMetrics } from '../observability/subscription-metrics.js';
import { createFanout, type LiveConnection } from '../realtime/fanout.js';
import { createConnectionLimits } from '../realtime/limits.js';
import { coded, maskError, maskResult } from '../realtime/masking.js';
import { validationRules } from './apollo.js';
import { clientAddress } from './client-address.js';
import { screenDocument, type DocumentLimits } from './document-screen.js';
import { findInputProblem } from './input-values.js';
import type { Dependencies } from '../context/dependencies.js';
import { assertOperationCost } from './plugins/query-cost.js';
import type { TrustedDocuments } from './trusted-documents.js';

export interface WebSocketStats {
  /** Authenticated (acknowledged) connections. */
  connections: number;
  /** Subscriptions currently streaming. */
  subscriptions: number;
}

export interface WebSocketOptions {
  httpServer: Server;
  schema: GraphQLSchema;
  deps: Dependencies;
  logger: Logger;
  /** TRUSTED_DOCUMENTS: which subscriptions viewers below ADMIN may run (trusted-documents.ts). */
  trustedDocuments?: TrustedDocuments;
}

/** Per-connection state kept by graphql-ws in `ctx.extra`. */
type ConnectionState = {
  context: Context;
  /** The access token the connection authenticated with, checked again periodically. */
  token: string;
  /** Ids of this connection's accepted subscriptions (so each is counted down once). */
  streaming: Set<string>;
  connection: LiveConnection;
};

export interface AttachedWebSocketServer {
  stats(): WebSocketStats;
  /** Sessions revoked on some pod (SESSIONS_REVOKED): their sockets here are closed at once. */
  sessionsRevoked(tenantId: string, sessionIds: string[]): void;
}

interface Authenticated {
  token: string;
  viewer: Viewer;
}

export function attachWebSocketServer({ httpServer, schema, deps, logger, trustedDocuments }: WebSocketOptions): AttachedWebSocketServer {
  const { config } = deps;
  const rules = [...specifiedRules, ...validationRules(config)];
  const documents: Documents = new LRUCache({ max: DOCUMENTS_CACHED });
  const wss = new WebSocketServer({ server: httpServer, path: '/graphql', maxPayload: config.MAX_REQUEST_BYTES });
  let connections = 0;
  let subscriptions = 0;
  const authenticated = new Map<WebSocket, Authenticated>();
  const subscriptionFields = Object.keys(schema.getSubscriptionType()?.getFields() ?? {});
  const metrics = createSubscriptionMetrics(deps.metrics.registry, subscriptionFields);
  const fanout = createFanout({ schema, deps, logger, metrics });
  metrics.setSource(fanout);
  const limits = createConnectionLimits(config, deps, (limit) => deps.metrics.rateLimited(limit));
  /** Which connection (and subscription id) each prepared operation belongs to, for `subscribe`. */
  const operations = new WeakMap<ExecutionArgs, { id: string; connection: LiveConnection }>();

  useServer<Record<string, unknown>, ConnectionState>(
    {
      schema,
      subscribe: (args) => {
        const operation = operations.get(args);
        if (!operation) throw new Error('subscribe: operation was not prepared by onSubscribe');
        return fanout.subscribe(args, operation.id, operation.connection);
      },
      async onConnect(ctx) {
        const refuse = (code: number, reason: string) => {
          ctx.extra.socket.close(code, closeReason(reason)); // graphql-ws's own 4403 that follows is ignored
          return false;
        };
        if (deps.lifecycle.draining) return refuse(1001, 'server shutting down');
        const authorization = ctx.connectionParams?.authorization;
        try {
          const token = bearerToken(typeof authorization === 'string' ? authorization : undefined);
          if (!token) return refuse(4401, 'Unauthorized: send connectionParams { authorization: "Bearer <access token>" }');
          const viewer = await deps.auth.authenticate(token);
          if (ctx.extra.socket.readyState !== WebSocket.OPEN) return false; // left while we checked
          const refusal = limits.admitConnection(viewer);
          if (refusal) return refuse(refusal.code, refusal.reason);
          const clientIp = clientAddress(ctx.extra.request, config.TRUST_PROXY);
          const context: Context = {
            requestId: randomUUID(), clientIp, deps, viewer, authError: null, scope: null, signIn: { scope: null },
            result: { plan: undefined, store: undefined, served: undefined, expiry: new ExpiryBound() },
          };
          ctx.extra.context = context;
          ctx.extra.connection = { socket: ctx.extra.socket, context };
          ctx.extra.streaming = new Set();
          ctx.extra.token = token;
          authenticated.set(ctx.extra.socket, { token, viewer });
          connections++;
          return true;
        } catch (error) {
          if (error instanceof UnauthenticatedError) return refuse(4401, `Unauthorized: ${error.message}`);
          logger.error({ err: error }, 'WebSocket authentication failed');
          return refuse(1011, 'Internal server error'); // a normal close code: the client retries
        }
      },
      onDisconnect(ctx) {
        authenticated.delete(ctx.extra.socket);
        limits.releaseConnection(ctx.extra.context!.viewer!);
        limits.forgetConnection(ctx.extra.context!.requestId);
        connections--;
      },
      async onSubscribe(ctx, id, payload) {
        const context = ctx.extra.context!;
        const refused = await limits.admitSubscribe(context.requestId, context.viewer!, ctx.extra.streaming!.size);
        if (refused) return refused;
        const prepared = prepare(schema, rules, documents, config, payload, context);
        if (Array.isArray(prepared)) return prepared;
        const untrusted = trustedDocuments?.check(payload, context.viewer, 'websocket', (prepared as ExecutionArgs).document);
        if (untrusted) return [untrusted];
        operations.set(prepared as ExecutionArgs, { id, connection: ctx.extra.connection! });
        return prepared;
      },
      onOperation(ctx, id, _payload, _args, result) {
        if (Symbol.asyncIterator in Object(result)) {
          ctx.extra.streaming?.add(id);
          subscriptions++;
        }
      },
      onComplete(ctx, id) {
        if (ctx.extra.streaming?.delete(id)) subscriptions--;
      },
      onNext: (ctx, _id, _payload, _args, result) => maskResult(result, ctx.extra.context?.requestId, logger),
      onError: (ctx, _id, _payload, errors) => errors.map((error) => maskError(error, ctx.extra.context?.requestId, logger)),
    },
    wss,
  );

  const recheck = setInterval(() => void recheckSessions(authenticated, deps, logger), config.WS_SESSION_CHECK_SECONDS * 1000).unref();
  deps.lifecycle.onStop('stop-accepting', 'websocket', (deadline) => {
    clearInterval(recheck);
    return closeWebSocketServer(wss, deadline);
  });
  return {
    stats: () => ({ connections, subscriptions }),
    sessionsRevoked(tenantId, sessionIds) {
      const revoked = new Set(sessionIds);
      for (const [socket, { viewer }] of authenticated) {
        if (viewer.tenantId !== tenantId || !revoked.has(viewer.sessionId)) continue;
        authenticated.delete(socket);
        socket.close(4401, 'Unauthorized: the session was revoked; sign in again');
      }
    },
  };
}

/** Closes (4401) every socket whose token has expired or whose session no longer exists. */
async function recheckSessions(sockets: Map<WebSocket, Authenticated>, deps: Dependencies, logger: Logger) {
  for (const [socket, { token }] of sockets) {
    try {
      await deps.auth.authenticate(token);
    } catch (error) {
      if (!(error instanceof UnauthenticatedError)) {
        logger.warn({ err: error }, 'could not re-check a WebSocket session; keeping it until the next check');
        continue;
      }
      sockets.delete(socket);
      socket.close(4401, closeReason(`Unauthorized: ${error.message}`));
    }
  }
}

/**
 * Parsed and validated documents by their text. Thousands of subscribers send the same few
 * documents: they share one AST (memory per subscription) and validate once (CPU per subscribe).
 */
type Documents = LRUCache<string, DocumentNode | readonly GraphQLError[]>;
const DOCUMENTS_CACHED = 1_000;

/**
 * Screened as HTTP documents are (document-screen.ts: token limit while parsing, selections,
 * repeats and literals before validation), then validated.
 */
function parseAndValidate(schema: GraphQLSchema, rules: typeof specifiedRules, limits: DocumentLimits, query: string): DocumentNode | readonly GraphQLError[] {
  const screened = screenDocument(query, limits);
  if ('syntaxError' in screened) return [coded(screened.syntaxError, 'GRAPHQL_PARSE_FAILED')];
  if ('refusal' in screened) return [screened.refusal];
  const invalid = validate(schema, screened.document, rules);
  return invalid.length ? invalid.map((error) => coded(error, 'GRAPHQL_VALIDATION_FAILED')) : screened.document;
}

/** Parses (once per text), validates and prices a subscribe message; GraphQL errors are sent back, not thrown. */
function prepare(schema: GraphQLSchema, rules: typeof specifiedRules, documents: Documents, config: Config, payload: SubscribePayload, context: Context): ExecutionArgs | readonly GraphQLError[] {
  let document = documents.get(payload.query);
  if (!document) documents.set(payload.query, (document = parseAndValidate(schema, rules, config, payload.query)));
  if (!('kind' in document)) return document; // the errors of an invalid document
  const problem = findInputProblem(payload.variables, 'variables');
  if (problem) return [new BadUserInputError(`${problem.path} ${problem.problem}`, { [problem.path]: problem.problem })];
  const operation = getOperationAST(document, payload.operationName);
  if (!operation) return [new GraphQLError('Unable to identify the operation', { extensions: { code: 'OPERATION_RESOLUTION_FAILURE' } })];
  if (operation.operation !== 'subscription') {
    return [new GraphQLError('Only subscriptions are served over WebSocket; send queries and mutations over HTTP', { extensions: { code: 'BAD_REQUEST' } })];
  }
  try {
    assertOperationCost({ schema, document, variables: payload.variables, operationName: payload.operationName }, config.MAX_QUERY_COST);
  } catch (error) {
    if (error instanceof AppError) return [error];
    throw error;
  }
  return { schema, document, operationName: payload.operationName, variableValues: payload.variables, contextValue: context };
}

/** Closes every client with 1001 and resolves once all are gone, cutting the rest at the deadline. */
function closeWebSocketServer(wss: WebSocketServer, deadline: number): Promise<void> {
  return new Promise((resolve) => {
    const cut = setTimeout(() => {
      for (const client of wss.clients) client.terminate();
    }, Math.max(0, deadline - Date.now()));
    // First stop taking upgrades, so a client reconnecting at once reaches another pod.
    wss.close(() => {
      clearTimeout(cut);
      resolve();
    });
    for (const client of wss.clients) client.close(1001, 'server shutting down');
  });
}

/** A close reason may be at most 123 bytes (RFC 6455); `ws` throws on a longer one. */
function closeReason(reason: string): string {
  let text = reason;
  while (Buffer.byteLength(text) > 123) text = text.slice(0, -1);
  return text;
}
