/**
 * The client's address, for login throttling and logs. Behind one trusted proxy (the ALB,
 * TRUST_PROXY=true) it is the LAST entry of X-Forwarded-For — the one the proxy appended; earlier
 * entries come from the client and can be forged. Otherwise it is the socket's peer.
 */
import type { IncomingMessage } from 'node:http';

export function clientAddress(req: IncomingMessage, trustProxy: boolean): string {
  if (trustProxy) {
    const header = req.headers['x-forwarded-for'];
    const hops = (Array.isArray(header) ? header.join(',') : header ?? '').split(',').map((hop) => hop.trim()).filter(Boolean);
    const appendedByProxy = hops.at(-1);
    if (appendedByProxy) return appendedByProxy;
  }
  return req.socket.remoteAddress ?? 'unknown';
}
