/**
 * A TCP proxy in front of a real server, which a test can break in the ways a network breaks:
 *  - down(): closes the listener and cuts every open connection, as a host that vanished would
 *    (up() listens again on the same port);
 *  - cut(): cuts every open connection but keeps listening, as a restart of the server or a
 *    failover does (the connection lost mid-request);
 *  - freeze(): keeps every connection open but forwards nothing either way, new connections
 *    included, until thaw(): what a hung server or a network partition looks like (SIGSTOP).
 */
import { createConnection, createServer, type Server, type Socket } from 'node:net';

export interface TcpProxy {
  port: number;
  down(): Promise<void>;
  up(): Promise<void>;
  cut(): void;
  freeze(): void;
  thaw(): void;
  /** Connections open through the proxy right now (client side). */
  readonly connections: number;
  close(): Promise<void>;
}

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const sockets = new Set<Socket>();
  /** What arrived while frozen, per destination, in order; written out on thaw. */
  const held = new Map<Socket, Buffer[]>();
  let frozen = false;
  let server: Server | undefined;
  let port = 0;
  let clients = 0;

  const forward = (from: Socket, to: Socket) => {
    from.on('data', (chunk: Buffer) => {
      if (frozen || held.has(to)) held.set(to, [...(held.get(to) ?? []), chunk]);
      else to.write(chunk);
    });
  };

  const listen = () =>
    new Promise<void>((resolve, reject) => {
      server = createServer((client) => {
        clients++;
        client.on('close', () => clients--);
        const upstream = createConnection(target);
        for (const s of [client, upstream]) {
          sockets.add(s);
          s.on('close', () => {
            sockets.delete(s);
            held.delete(s);
          });
          s.on('error', () => s.destroy());
        }
        forward(client, upstream);
        forward(upstream, client);
        client.on('close', () => upstream.destroy());
        upstream.on('close', () => client.destroy());
      });
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        port = (server!.address() as { port: number }).port;
        resolve();
      });
    });
  const cut = () => {
    for (const s of sockets) s.destroy();
  };
  const stop = () =>
    new Promise<void>((resolve) => {
      cut();
      if (!server) return resolve();
      server.close(() => resolve());
      server = undefined;
    });

  await listen();
  return {
    get port() {
      return port;
    },
    get connections() {
      return clients;
    },
    down: stop,
    up: listen,
    cut,
    freeze: () => {
      frozen = true;
    },
    thaw: () => {
      frozen = false;
      for (const [to, chunks] of held) {
        held.delete(to);
        for (const chunk of chunks) to.write(chunk);
      }
    },
    close: stop,
  };
}
