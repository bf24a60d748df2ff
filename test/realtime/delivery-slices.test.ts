/**
 * One event's frames are handed to a group's sockets a slice at a time (WS_DELIVERY_SLICE), and
 * whatever else waits on the event loop — an HTTP request, above all — runs between two slices
 * instead of after the last frame. A member that leaves while its batch is under way gets
 * nothing more. Real `ws` sockets on loopback; the batch is driven directly.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { deliverBatch, type Recipient, type Written } from '../../src/realtime/delivery.js';
import { until } from '../support/ws-client.js';

describe('sliced delivery', () => {
  let server: WebSocketServer;
  const serverSockets: WebSocket[] = [];
  const clients: { socket: WebSocket; frames: string[] }[] = [];

  beforeAll(async () => {
    server = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    server.on('connection', (socket) => serverSockets.push(socket));
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    const { port } = server.address() as { port: number };
    for (let i = 0; i < 5; i++) {
      const socket = new WebSocket(`ws://127.0.0.1:${port}`);
      const client = { socket, frames: [] as string[] };
      socket.on('message', (data) => client.frames.push(data.toString()));
      await new Promise((resolve) => socket.once('open', resolve));
      clients.push(client);
    }
    await until(() => serverSockets.length === 5);
  });
  afterAll(async () => {
    for (const { socket } of clients) socket.terminate();
    await new Promise((resolve) => server.close(resolve));
  });

  it('lets other work run between slices, and sends nothing to a member that left meanwhile', async () => {
    const order: string[] = [];
    const left = new Set<number>();
    const recipients: Recipient[] = serverSockets.map((socket, i) => ({
      id: `s${i}`,
      socket,
      current: () => {
        if (!left.has(i)) order.push(`frame ${i}`);
        return !left.has(i);
      },
    }));
    // Queued before the batch starts: with one batch of five it would run after the last frame.
    setImmediate(() => {
      order.push('other work');
      left.add(3); // member 3 completes its subscription while the batch is under way
    });
    const written: Written[] = [];
    const outcome = await deliverBatch(recipients, '{"data":{"n":1}}', { sendBufferMax: 1 << 20, slice: 2 }, (w) => written.push(w));

    expect(order).toEqual(['frame 0', 'frame 1', 'other work', 'frame 2', 'frame 4']);
    expect(outcome).toEqual({ sent: 4, gone: 1, slowConsumers: 0 });
    await until(() => written.length === 4);
    expect(written).toEqual(['ok', 'ok', 'ok', 'ok']);
    await until(() => clients.filter((c) => c.frames.length > 0).length === 4);
    expect(clients.map((c) => c.frames)).toEqual([0, 1, 2, 3, 4].map((i) => (i === 3 ? [] : [`{"id":"s${i}","type":"next","payload":{"data":{"n":1}}}`])));
  });
});
