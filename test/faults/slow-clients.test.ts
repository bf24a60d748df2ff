/**
 * Slow clients cannot hold sockets (issue 8: slow-header and slow-body clients stayed connected
 * 60 s and more). With HTTP_HEADERS_TIMEOUT_MS and HTTP_REQUEST_TIMEOUT_MS set short here, a
 * client trickling its headers, one saying nothing at all, and one trickling its body are each
 * answered 408 REQUEST_TIMEOUT (a JSON body with the code) and cut within about a second of the
 * deadline, with no error logged, while keep-alive connections between requests are left alone
 * and the server goes on serving.
 */
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/observability/logger.js';
import { startTestServer, type TestServer } from '../support/server.js';

const HEADERS_TIMEOUT_MS = 1_000;
const REQUEST_TIMEOUT_MS = 2_000;
/** Node checks the deadlines every connectionsCheckingInterval (here 250 ms); the rest is a noisy machine's slack. */
const SLACK_MS = 2_500;

interface Outcome {
  /** From the first byte sent to the server closing the socket. */
  closedAfterMs: number;
  response: string;
}

describe('slow clients', () => {
  let server: TestServer;
  const logLines: string[] = [];
  beforeAll(async () => {
    const logger = createLogger({ LOG_LEVEL: 'info' }, { write: (line: string) => void logLines.push(line) });
    server = await startTestServer({ logger, env: { HTTP_HEADERS_TIMEOUT_MS: String(HEADERS_TIMEOUT_MS), HTTP_REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS) } });
  });
  afterAll(() => server?.close());

  /** Opens a socket, sends `first`, then `drip` every `everyMs` until the server closes it (or 20 s pass). */
  function trickle(first: string, drip: string | null, everyMs = 200): Promise<Outcome> {
    return new Promise((resolve, reject) => {
      const socket: Socket = connect(Number(new URL(server.url).port), '127.0.0.1');
      const started = Date.now();
      let response = '';
      const timer = drip === null ? undefined : setInterval(() => socket.writable && socket.write(drip), everyMs);
      const giveUp = setTimeout(() => socket.destroy(new Error('still connected after 20 s')), 20_000);
      socket.on('data', (chunk) => (response += chunk.toString()));
      socket.on('error', (error) => {
        if (error.message.startsWith('still connected')) reject(error);
      });
      socket.on('close', () => {
        clearInterval(timer);
        clearTimeout(giveUp);
        resolve({ closedAfterMs: Date.now() - started, response });
      });
      if (first) socket.write(first);
    });
  }

  const expectTimedOut = ({ response }: Outcome) => {
    expect(response).toMatch(/^HTTP\/1\.1 408 /);
    expect(JSON.parse(response.slice(response.indexOf('\r\n\r\n') + 4))).toMatchObject({ errors: [{ extensions: { code: 'REQUEST_TIMEOUT' } }] });
  };

  it('cuts a client that trickles its headers, within the headers timeout', async () => {
    const outcome = await trickle('GET /healthz HTTP/1.1\r\nHost: x\r\n', 'X-Slow: 1\r\n');
    expectTimedOut(outcome);
    expect(outcome.closedAfterMs).toBeGreaterThanOrEqual(HEADERS_TIMEOUT_MS - 100);
    expect(outcome.closedAfterMs).toBeLessThan(HEADERS_TIMEOUT_MS + SLACK_MS);
  });

  it('cuts a connection that never sends a request, but not a keep-alive one idle between requests', async () => {
    const outcome = await trickle('', null);
    expectTimedOut(outcome);
    expect(outcome.closedAfterMs).toBeLessThan(HEADERS_TIMEOUT_MS + SLACK_MS);

    const socket = connect(Number(new URL(server.url).port), '127.0.0.1');
    let received = '';
    socket.on('data', (chunk) => (received += chunk.toString()));
    const answers = () => received.split('HTTP/1.1 200').length - 1;
    socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n');
    await expect.poll(answers).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, REQUEST_TIMEOUT_MS + 500)); // idle past both deadlines
    expect(socket.destroyed).toBe(false);
    socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n');
    await expect.poll(answers).toBe(2);
    socket.destroy();
  });

  it('cuts a client that trickles its body, within the request timeout', async () => {
    const outcome = await trickle('POST /graphql HTTP/1.1\r\nHost: x\r\ncontent-type: application/json\r\ncontent-length: 5000\r\n\r\n{"query":"', ' ');
    expectTimedOut(outcome);
    expect(outcome.closedAfterMs).toBeGreaterThanOrEqual(REQUEST_TIMEOUT_MS - 100);
    expect(outcome.closedAfterMs).toBeLessThan(REQUEST_TIMEOUT_MS + SLACK_MS);
  });

  it('cuts a client still trickling a body it was already refused for (413), within the request timeout', async () => {
    const outcome = await trickle('POST /graphql HTTP/1.1\r\nHost: x\r\ncontent-type: application/json\r\ncontent-length: 500000\r\n\r\n', ' ');
    expect(outcome.response).toMatch(/^HTTP\/1\.1 413 /);
    expect(outcome.closedAfterMs).toBeLessThan(REQUEST_TIMEOUT_MS + SLACK_MS);
  });

  it('logged no error for any of them (a client cut off is not a fault of the server), and serves on', async () => {
    expect((await server.graphql('{ __typename }')).status).toBe(200);
    expect(logLines.filter((line) => (JSON.parse(line) as { level: number }).level >= 50)).toEqual([]);
  });
});
