/**
 * A real GraphQL-over-WebSocket client for tests (graphql-ws `createClient` over `ws`), never
 * retrying, recording every result, error and close it sees.
 */
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

export interface TestSubscription<T = Record<string, any>> {
  results: { data?: T | null; errors?: { message: string; extensions?: Record<string, any> }[] }[];
  /** What the sink's `error` received: GraphQL errors, or the CloseEvent of a refused/closed socket. */
  readonly error: unknown;
  /** Resolves with the results once there are `count`, or rejects after `timeoutMs`. */
  waitFor(count: number, timeoutMs?: number): Promise<TestSubscription<T>['results']>;
  unsubscribe(): void;
}

export interface TestWsClient {
  client: Client;
  closes: { code: number; reason: string }[];
  subscribe<T = Record<string, any>>(query: string, variables?: Record<string, unknown>): TestSubscription<T>;
  dispose(): Promise<void>;
}

/** `authorization` defaults to `Bearer <token>`; pass null to send no connectionParams at all. */
export function connectWs(baseUrl: string, authorization: string | null): TestWsClient {
  const closes: TestWsClient['closes'] = [];
  const client = createClient({
    url: `${baseUrl.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    ...(authorization !== null && { connectionParams: { authorization } }),
    retryAttempts: 0,
    on: {
      closed: (event) => {
        const { code, reason } = event as { code: number; reason: unknown };
        closes.push({ code, reason: String(reason) });
      },
    },
  });
  return {
    client,
    closes,
    subscribe<T>(query: string, variables?: Record<string, unknown>) {
      const results: TestSubscription<T>['results'] = [];
      let error: unknown;
      const unsubscribe = client.subscribe<T>(
        { query, ...(variables && { variables }) },
        { next: (result) => void results.push(result as never), error: (e) => (error = e), complete: () => {} },
      );
      return {
        results,
        get error() {
          return error;
        },
        async waitFor(count, timeoutMs = 10_000) {
          await until(() => results.length >= count || error !== undefined, timeoutMs, () => `${count} result(s); got ${JSON.stringify(results)}`);
          if (results.length < count) throw new Error(`subscription failed: ${JSON.stringify(error)}`);
          return results;
        },
        unsubscribe,
      };
    },
    dispose: async () => {
      await client.dispose();
    },
  };
}

export async function until(condition: () => boolean, timeoutMs = 10_000, what: () => string = () => 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what()}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
