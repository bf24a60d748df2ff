/**
 * A minimal graphql-transport-ws subscriber for the fan-out bench: thousands of them run in one
 * process, so each does as little as possible when a message arrives — it stamps the time and
 * keeps the raw text; parsing waits until the measurement is over. (graphql-ws's own client
 * would parse and validate every message on arrival, and its cost would be measured as latency.)
 */
import WebSocket from 'ws';

export interface Received {
  /** Epoch milliseconds with sub-millisecond precision (comparable across processes). */
  at: number;
  text: string;
}

export interface Subscriber {
  /** Starts a subscription under a fresh id; earlier ones keep running until `stop()`. */
  start(query: string): string;
  /** Completes every running subscription. */
  stopAll(): void;
  /** Messages of type `next`, by subscription id. */
  received: Map<string, Received[]>;
  /** Close events seen (code, reason). */
  closes: { code: number; reason: string }[];
  close(): void;
}

export const epochNow = () => performance.timeOrigin + performance.now();

let nextId = 0;

export function connectSubscriber(url: string, token: string): Promise<Subscriber> {
  const socket = new WebSocket(url.replace(/^http/, 'ws') + '/graphql', 'graphql-transport-ws', { perMessageDeflate: false });
  const received = new Map<string, Received[]>();
  const running = new Set<string>();
  const closes: Subscriber['closes'] = [];
  return new Promise((resolve, reject) => {
    socket.once('error', reject);
    socket.on('close', (code, reason) => closes.push({ code, reason: reason.toString() }));
    socket.once('open', () => socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } })));
    socket.on('message', (data) => {
      const at = epochNow();
      const text = data.toString();
      if (text.startsWith('{"type":"connection_ack"')) return resolve(subscriber);
      if (text.startsWith('{"type":"ping"')) return socket.send('{"type":"pong"}');
      // `next` frames: {"id":"…","type":"next",…}; ids are ours, so a prefix match finds them.
      const id = /^\{"id":"([^"]+)","type":"next"/.exec(text)?.[1];
      if (id) received.get(id)?.push({ at, text });
      else if (!text.startsWith('{"type":"pong"')) received.get('other')?.push({ at, text });
    });
    const subscriber: Subscriber = {
      start(query) {
        const id = `s${nextId++}`;
        received.set(id, []);
        running.add(id);
        socket.send(JSON.stringify({ id, type: 'subscribe', payload: { query } }));
        return id;
      },
      stopAll() {
        for (const id of running) socket.send(JSON.stringify({ id, type: 'complete' }));
        running.clear();
      },
      received,
      closes,
      close: () => socket.close(1000),
    };
    received.set('other', []);
  });
}
