/**
 * A minimal graphql-transport-ws subscriber for the fan-out bench. 3,000 of them stand for 3,000
 * browsers but run in one or two processes on the servers' own cores, so whatever a subscriber
 * spends per frame is counted as the servers' latency. Each therefore does as little as possible:
 * it speaks RFC 6455 on a plain TCP socket (the `ws` client costs ~7 µs more per frame here,
 * measured with both against the same server), stamps the time of each frame and keeps its text;
 * parsing waits until the measurement is over.
 *
 * What it supports is what the servers send: unfragmented, unmasked text frames, pings, close.
 * Frames it sends are masked, as a client's must be.
 */
import { randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';

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
  /** Close frames (or lost connections, 1006) seen: code and reason. */
  closes: { code: number; reason: string }[];
  close(): void;
}

export const epochNow = () => performance.timeOrigin + performance.now();

const OPCODE = { text: 0x1, close: 0x8, ping: 0x9, pong: 0xa } as const;

let nextId = 0;

/** One masked, final frame. */
function frame(opcode: number, payload: Buffer): Buffer {
  const length = payload.length;
  if (length > 0xffff) throw new Error('frame too long for this client');
  const header = length < 126 ? Buffer.from([0x80 | opcode, 0x80 | length]) : Buffer.from([0x80 | opcode, 0x80 | 126, length >> 8, length & 0xff]);
  const mask = randomBytes(4);
  const masked = Buffer.allocUnsafe(length);
  for (let i = 0; i < length; i++) masked[i] = payload[i]! ^ mask[i & 3]!;
  return Buffer.concat([header, mask, masked]);
}

export function connectSubscriber(url: string, token: string): Promise<Subscriber> {
  const { hostname, port } = new URL(url);
  const socket: Socket = connect(Number(port), hostname);
  socket.setNoDelay(true);
  const received = new Map<string, Received[]>([['other', []]]);
  const running = new Set<string>();
  const closes: Subscriber['closes'] = [];
  let closed = false;
  const sendText = (text: string) => socket.write(frame(OPCODE.text, Buffer.from(text)));

  const subscriber: Subscriber = {
    start(query) {
      const id = `s${nextId++}`;
      received.set(id, []);
      running.add(id);
      sendText(JSON.stringify({ id, type: 'subscribe', payload: { query } }));
      return id;
    },
    stopAll() {
      for (const id of running) sendText(JSON.stringify({ id, type: 'complete' }));
      running.clear();
    },
    received,
    closes,
    close() {
      if (socket.destroyed) return;
      const code = Buffer.alloc(2);
      code.writeUInt16BE(1000);
      socket.end(frame(OPCODE.close, code));
    },
  };

  return new Promise((resolve, reject) => {
    let upgraded = false;
    let pending: Buffer | undefined;

    const onText = (text: string, at: number) => {
      if (text.startsWith('{"type":"connection_ack"')) return resolve(subscriber);
      if (text.startsWith('{"type":"ping"')) return void sendText('{"type":"pong"}');
      // `next` frames: {"id":"…","type":"next",…}; ids are ours, so a prefix match finds them.
      const id = /^\{"id":"([^"]+)","type":"next"/.exec(text)?.[1];
      if (id) received.get(id)?.push({ at, text });
      else if (!text.startsWith('{"type":"pong"')) received.get('other')!.push({ at, text });
    };

    /** Reads every whole frame in `data`; returns what is left of an unfinished one. */
    const readFrames = (data: Buffer, at: number): Buffer | undefined => {
      let offset = 0;
      while (data.length - offset >= 2) {
        const opcode = data[offset]! & 0x0f;
        let length = data[offset + 1]! & 0x7f;
        let start = offset + 2;
        if (length === 126) {
          if (data.length < start + 2) break;
          length = data.readUInt16BE(start);
          start += 2;
        } else if (length === 127) {
          if (data.length < start + 8) break;
          length = Number(data.readBigUInt64BE(start));
          start += 8;
        }
        if (data.length < start + length) break;
        const payload = data.subarray(start, start + length);
        offset = start + length;
        if (opcode === OPCODE.text) onText(payload.toString(), at);
        else if (opcode === OPCODE.ping) socket.write(frame(OPCODE.pong, payload));
        else if (opcode === OPCODE.close) {
          closed = true;
          closes.push({ code: payload.length >= 2 ? payload.readUInt16BE(0) : 1005, reason: payload.subarray(2).toString() });
          socket.end(frame(OPCODE.close, payload.subarray(0, 2)));
        }
      }
      return offset < data.length ? data.subarray(offset) : undefined;
    };

    socket.once('connect', () => {
      const key = randomBytes(16).toString('base64');
      socket.write(
        `GET /graphql HTTP/1.1\r\nHost: ${hostname}:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
          `Sec-WebSocket-Key: ${key}\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: graphql-transport-ws\r\n\r\n`,
      );
    });
    socket.on('data', (chunk: Buffer) => {
      const at = epochNow();
      let data = pending ? Buffer.concat([pending, chunk]) : chunk;
      pending = undefined;
      if (!upgraded) {
        const end = data.indexOf('\r\n\r\n');
        if (end < 0) return void (pending = data);
        const head = data.subarray(0, end).toString();
        if (!head.startsWith('HTTP/1.1 101')) {
          socket.destroy();
          return reject(new Error(`WebSocket upgrade refused: ${head.split('\r\n')[0]}`));
        }
        upgraded = true;
        sendText(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } }));
        data = data.subarray(end + 4);
      }
      pending = readFrames(data, at);
    });
    socket.on('error', reject); // after the ack, a lost connection shows as a 1006 in `closes`
    socket.once('close', () => {
      if (!closed) closes.push({ code: 1006, reason: 'connection lost' });
      reject(new Error('connection closed before connection_ack'));
    });
  });
}
