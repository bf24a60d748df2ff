/**
 * Requests node:http refuses before any handler runs get a coded JSON answer like every other
 * refusal (node:http's own is a bare status line): headers over 16 KB -> 431
 * REQUEST_HEADERS_TOO_LARGE; headers not in within HTTP_HEADERS_TIMEOUT_MS, or the whole request
 * not within HTTP_REQUEST_TIMEOUT_MS (slow clients holding a socket) -> 408 REQUEST_TIMEOUT;
 * anything that is not HTTP (a malformed request line or header) -> 400 BAD_REQUEST. The socket
 * is closed after the answer.
 */
import { STATUS_CODES, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { ErrorCode, httpStatusFor } from '../errors.js';
import { errorBody } from '../http/responses.js';

/** How long a refused client may go on sending (its answer is on the way) before the socket is cut. */
const LINGER_MS = 1_000;

const MESSAGES: Partial<Record<string, [ErrorCode, string]>> = {
  HPE_HEADER_OVERFLOW: [ErrorCode.REQUEST_HEADERS_TOO_LARGE, 'Request headers are larger than 16 KB'],
  ERR_HTTP_REQUEST_TIMEOUT: [ErrorCode.REQUEST_TIMEOUT, 'The request was not received in time'],
};

export function answerClientErrors(server: Server): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex & { _httpMessage?: { headersSent?: boolean } }) => {
    // Gone, or an answer already started on this socket: nothing sensible can be written.
    if (error.code === 'ECONNRESET' || !socket.writable || socket._httpMessage?.headersSent) return void socket.destroy();
    const [code, message] = MESSAGES[error.code ?? ''] ?? [ErrorCode.BAD_REQUEST, 'Malformed HTTP request'];
    const body = errorBody(code, message);
    const status = httpStatusFor(code);
    socket.end(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\ncontent-type: application/json; charset=utf-8\r\n` +
        `content-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
    );
    // Closing at once while the client still sends would reset the connection and could lose the answer.
    setTimeout(() => socket.destroy(), LINGER_MS).unref();
  });
}
