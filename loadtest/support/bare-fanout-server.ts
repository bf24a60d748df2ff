/**
 * The fan-out bench's baseline: what handing one frame to N WebSockets costs on this machine
 * with nothing else in the way — no GraphQL, no database, no Redis. A bare `ws` server that
 * acknowledges graphql-transport-ws's `connection_init`, remembers each socket's `subscribe` id,
 * and on `POST /fire` (body: the `next` payload's JSON) sends it to every socket, as the fan-out
 * does. The bench measures the real servers against two of these, in the same run, with the same
 * subscribers.
 *
 *   tsx loadtest/support/bare-fanout-server.ts <port>     # prints "listening" when ready
 */
import { createServer } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';

const port = Number(process.argv[2]);
const subscriptions = new Map<WebSocket, string>();
const server = createServer((request, response) => {
  let body = '';
  request.on('data', (chunk: Buffer) => (body += chunk.toString()));
  request.on('end', () => {
    response.end(); // answered first: the sender's clock runs from the request, as from a published event
    for (const [socket, id] of subscriptions) socket.send(`{"id":${JSON.stringify(id)},"type":"next","payload":${body}}`);
  });
});
const sockets = new WebSocketServer({ server, perMessageDeflate: false, handleProtocols: () => 'graphql-transport-ws' });
sockets.on('connection', (socket) => {
  socket.on('message', (data) => {
    const message = JSON.parse(data.toString()) as { type: string; id?: string };
    if (message.type === 'connection_init') socket.send('{"type":"connection_ack"}');
    else if (message.type === 'subscribe') subscriptions.set(socket, message.id!);
  });
  socket.on('close', () => subscriptions.delete(socket));
});
server.listen(port, '127.0.0.1', () => console.log('listening'));
