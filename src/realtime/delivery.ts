/**
 * Handing one group's serialized event to each member's socket. The payload is serialized once
 * per group; a member's frame is that text wrapped in the graphql-transport-ws `next` envelope
 * with the member's subscription id, so it is exactly what graphql-ws itself would send.
 *
 * Memory per connection is bounded: before each frame the socket's `bufferedAmount` (bytes queued
 * in `ws` and in the kernel-facing stream, not yet written) is checked; over WS_SEND_BUFFER_MAX_BYTES
 * the consumer is too slow to keep up, and it is closed with 1013 "Try Again Later" (graphql-ws
 * clients reconnect after it, and then refetch). The close frame queues behind the backlog, so a
 * client that does not read it within 2 s is cut off (it then sees 1006). A socket that is not
 * open any more gets nothing: its subscriptions are being ended (closed, revoked, shutting down).
 * A frame the socket refuses while open is sent once more; a second refusal is a failure.
 *
 * A batch is handed over in slices of WS_DELIVERY_SLICE frames, and the event loop serves whatever
 * else is waiting (HTTP requests above all) between two slices: each frame costs a write system
 * call (~15-35 µs here), so 1,500 members in one go would hold every request on the pod for tens
 * of milliseconds. A member that leaves the group while its batch is under way gets nothing more.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { WebSocket } from 'ws';

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
  /** False once the subscription has ended (completed, refused, revoked): no frame may follow. */
  current(): boolean;
}

export interface BatchOptions {
  /** Unsent bytes over which a socket is a slow consumer. */
  sendBufferMax: number;
  /** Frames handed over before other work on the pod gets a turn. */
  slice: number;
}

export interface BatchOutcome {
  /** Frames handed to their sockets (each socket reports later whether it could write it). */
  sent: number;
  /** Sockets that were closing or closed: nothing to do, not a failure. */
  gone: number;
  /** Connections closed as slow consumers instead. */
  slowConsumers: number;
}

/**
 * Queues `payloadJson` for every recipient, a slice at a time, and resolves once every frame is
 * handed over — never waiting for any socket to drain (a stalled client would stall its whole
 * group otherwise). `written` is called later for each frame sent, with what became of it.
 */
export async function deliverBatch(recipients: readonly Recipient[], payloadJson: string, options: BatchOptions, written: (written: Written) => void): Promise<BatchOutcome> {
  const outcome: BatchOutcome = { sent: 0, gone: 0, slowConsumers: 0 };
  for (let start = 0; start < recipients.length; start += options.slice) {
    if (start > 0) await nextTurn();
    for (const recipient of recipients.slice(start, start + options.slice)) deliverOne(recipient, payloadJson, options.sendBufferMax, outcome, written);
  }
  return outcome;
}

function deliverOne({ id, socket, current }: Recipient, payloadJson: string, sendBufferMax: number, outcome: BatchOutcome, written: (written: Written) => void) {
  if (socket.readyState !== OPEN || !current()) {
    outcome.gone++;
    return;
  }
  if (socket.bufferedAmount > sendBufferMax) {
    closeSlowConsumer(socket, sendBufferMax);
    outcome.slowConsumers++;
    return;
  }
  outcome.sent++;
  sendWithRetry(socket, `{"id":${JSON.stringify(id)},"type":"next","payload":${payloadJson}}`, written);
}

/** What became of one frame: written to the socket, dropped with a socket that closed, or refused twice. */
export type Written = 'ok' | 'gone' | Error;

/** A frame the socket refuses while it stays open is sent once more. */
function sendWithRetry(socket: LiveSocket, frame: string, done: (written: Written) => void): void {
  const settle = (error: Error | undefined, retry: () => void) => {
    if (!error) return done('ok');
    if (socket.readyState !== OPEN) return done('gone');
    retry();
  };
  socket.send(frame, (error) => settle(error, () => socket.send(frame, (again) => settle(again, () => done(again!)))));
}

export function closeSlowConsumer(socket: LiveSocket, sendBufferMax: number): void {
  if (socket.readyState !== OPEN) return;
  socket.close(SLOW_CONSUMER_CLOSE_CODE, `Slow consumer: over ${sendBufferMax} bytes unsent; reconnect and refetch`);
  // The close frame waits behind the backlog the client is not reading: do not wait for it long.
  setTimeout(() => socket.terminate(), SLOW_CONSUMER_TERMINATE_MS).unref();
}
