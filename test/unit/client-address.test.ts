import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { clientAddress } from '../../src/server/client-address.js';

const request = (forwarded: string | string[] | undefined, peer = '10.0.1.7') =>
  ({ headers: forwarded === undefined ? {} : { 'x-forwarded-for': forwarded }, socket: { remoteAddress: peer } }) as unknown as IncomingMessage;

describe('clientAddress', () => {
  it('uses the socket peer unless the proxy is trusted', () => {
    expect(clientAddress(request('203.0.113.9'), false)).toBe('10.0.1.7');
  });

  it('takes the hop the trusted proxy appended, not one the client forged', () => {
    expect(clientAddress(request('198.51.100.1, 203.0.113.9'), true)).toBe('203.0.113.9');
    expect(clientAddress(request(['198.51.100.1', '203.0.113.9 ']), true)).toBe('203.0.113.9');
  });

  it('falls back to the peer when the header is missing or empty', () => {
    expect(clientAddress(request(undefined), true)).toBe('10.0.1.7');
    expect(clientAddress(request(' , '), true)).toBe('10.0.1.7');
  });
});
