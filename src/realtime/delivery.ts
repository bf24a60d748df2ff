/**
 * Handing one group's serialized event to each member's socket. The payload is serialized once
 * per group; a member's frame is that text wrapped in the graphql-transport-ws `next` envelope
 * with the member's subscription id, so it is exactly what graphql-ws itself would send.
 *
 * Memory per connection is bounded: before each frame the socket's `bufferedAmount` (bytes queued
 * in `ws` and in the kernel-facing stream, not yet written) is checked; over WS_SEND_BUFFER_MAX_BYTES
 * the consumer is too slow to keep up, and it is closed with 1013 "Try Again Later" (graphql-ws
 * clients reconnect after it, and then refetch). A socket that is not open any more gets nothing:
 * its subscriptions are being ended (closed, revoked, shutting down). A frame the socket refuses
 * is sent once more while the socket stays open; a second refusal is a failure.
 */
import type { WebSocket } from 'ws';
import type { DeliveryFailureReason } from '../observability/subscription-metrics.js';

/** Close code for a slow consumer (RFC 6455 "Try Again Later": clients reconnect). */
export const SLOW_CONSUMER_CLOSE_CODE = 1013;
/** After closing a slow consumer, how long its close handshake may take (it queues behind the backlog). */
const SLOW_CONSUMER_TERMINATE_MS = 2_000;

export type LiveSocket = Pick<WebSocket, 'readyState' | 'bufferedAmount' | 'send' | 'close' | 'terminate'>;
const OPEN = 1;

export interface Recipient {
  /** The member's graphql-ws subscription id. */
  id: string;
  socket: LiveSocket;
}

export interface BatchOutcome {
  delivered: number;
  /** Sockets that were closing or closed: nothing to do, not a failure. */
  gone: number;
  failures: Partial<Record<DeliveryFailureReason, number>>;
  /** The first send error, for the log line. */
  firstError?: string;
}

/**
 * Sends `payloadJson` to every recipient; `done` is called once every frame has been handed to
 * its socket (or failed).
 */
export function deliverBatch(recipients: Iterable<Recipient>, payloadJson: string, sendBufferMax: number, done: (outcome: BatchOutcome) => void): void {
  const outcome: BatchOutcome = { delivered: 0, gone: 0, failures: {} };
  const fail = (reason: DeliveryFailureReason) => (outcome.failures[reason] = (outcome.failures[reason] ?? 0) + 1);
  let outstanding = 1; // released after the loop, so `done` never runs before every frame is queued
  const settle = () => {
    if (--outstanding === 0) done(outcome);
  };
  for (const { id, socket } of recipients) {
    if (socket.readyState !== OPEN) {
      outcome.gone++;
      continue;
    }
    if (socket.bufferedAmount > sendBufferMax) {
      closeSlowConsumer(socket, sendBufferMax);
      fail('slow_consumer');
      continue;
    }
    outstanding++;
    const frame = `{"id":${JSON.stringify(id)},"type":"next","payload":${payloadJson}}`;
    sendWithRetry(socket, frame, (error) => {
      if (!error) outcome.delivered++;
      else if (socket.readyState !== OPEN) outcome.gone++;
      else {
        fail('send_error');
        outcome.firstError ??= error.message;
      }
      settle();
    });
  }
  settle();
}

function sendWithRetry(socket: LiveSocket, frame: string, done: (error?: Error) => void): void {
  socket.send(frame, (error) => {
    if (!error || socket.readyState !== OPEN) return done(error);
    socket.send(frame, (again) => done(again));
  });
}

export function closeSlowConsumer(socket: LiveSocket, sendBufferMax: number): void {
  if (socket.readyState !== OPEN) return;
  socket.close(SLOW_CONSUMER_CLOSE_CODE, `Slow consumer: over ${sendBufferMax} bytes unsent; reconnect and refetch`);
  // The close frame waits behind the backlog the client is not reading: do not wait for it long.
  setTimeout(() => socket.terminate(), SLOW_CONSUMER_TERMINATE_MS).unref();
}
