/**
 * Request bodies: read up to a size limit and decoded as strict UTF-8 (invalid bytes are refused,
 * never turned into U+FFFD), and, when a request is answered before its body was read (413, 429,
 * any early refusal), the rest discarded so the client can finish sending and read the answer.
 */
import type { IncomingMessage } from 'node:http';

export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`Request body is larger than ${limit} bytes`);
  }
}

export class BodyNotUtf8Error extends Error {
  constructor() {
    super('Request body is not valid UTF-8');
  }
}

/** The client closed the connection (or was cut off, e.g. by the request timeout) before its body was in. */
export class ClientGoneError extends Error {
  constructor() {
    super('The client went away before sending the whole body');
  }
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

export async function readBody(req: IncomingMessage, limit: number): Promise<string> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) throw new BodyTooLargeError(limit);
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    // destroyOnReturn: false keeps the socket when we stop early, so the 413 reaches the client.
    for await (const chunk of req.iterator({ destroyOnReturn: false }) as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > limit) throw new BodyTooLargeError(limit);
      chunks.push(chunk);
    }
  } catch (error) {
    if (req.destroyed && !req.complete) throw new ClientGoneError();
    throw error;
  }
  try {
    return strictUtf8.decode(Buffer.concat(chunks));
  } catch {
    throw new BodyNotUtf8Error();
  }
}

/**
 * After an early answer, how much of the unread body is read and dropped before the connection
 * is closed anyway: enough for any body a client may reasonably try (a 10 MB mistake), not so
 * much that a client can keep the socket busy with it. Its time is bounded by the request
 * timeout (HTTP_REQUEST_TIMEOUT_MS: the whole request, body included, must be in by then).
 */
export const DISCARD_MAX_BYTES = 16 * 1024 * 1024;

/**
 * Reads and drops the rest of `req`'s body. Resolves true once it ended, false when it went on
 * past `maxBytes` or the client went away (or was cut off): then the connection is closed.
 */
export function discardBody(req: IncomingMessage, maxBytes = DISCARD_MAX_BYTES): Promise<boolean> {
  if (req.complete) return Promise.resolve(true);
  return new Promise((resolve) => {
    let discarded = 0;
    const finish = (ended: boolean) => {
      req.off('data', onData).off('end', onEnd).off('close', onClose);
      if (!ended) req.pause();
      resolve(ended);
    };
    const onData = (chunk: Buffer) => {
      discarded += chunk.length;
      if (discarded > maxBytes) finish(false);
    };
    const onEnd = () => finish(true);
    const onClose = () => finish(req.complete);
    req.on('data', onData).once('end', onEnd).once('close', onClose);
    req.resume();
  });
}
