/**
 * One of the fan-out bench's subscriber processes (subscriber-pool.ts starts them). 3,000
 * subscribers stand for 3,000 browsers: on one event loop the bench itself would receive every
 * frame in turn (~25 µs each here), and that queue, not the servers, would be measured as the
 * last subscriber's latency. Each process holds a share of the sockets and answers the pool's
 * requests over IPC, one at a time; frames are only stamped and kept on arrival (ws-subscriber.ts)
 * and are parsed when the pool asks for a tally, after the fan-out.
 */
import pLimit from 'p-limit';
import { tally, type LiveField } from './deliveries.js';
import { connectSubscriber, type Subscriber } from './ws-subscriber.js';

export type PoolRequest =
  | { type: 'connect'; sockets: { url: string; token: string }[]; concurrency: number }
  | { type: 'start'; query: string }
  | { type: 'stopAll' }
  | { type: 'tally'; field: LiveField; taskIds: string[] }
  | { type: 'closes' };

const subscribers: Subscriber[] = [];
/** Each subscriber's current subscription id. */
let ids: string[] = [];

async function handle(request: PoolRequest): Promise<unknown> {
  switch (request.type) {
    case 'connect': {
      const limit = pLimit(request.concurrency);
      subscribers.push(...(await Promise.all(request.sockets.map(({ url, token }) => limit(() => connectSubscriber(url, token))))));
      return subscribers.length;
    }
    case 'start':
      ids = subscribers.map((s) => s.start(request.query));
      return ids.length;
    case 'stopAll':
      for (const s of subscribers) s.stopAll();
      return null;
    case 'tally':
      return tally(request.field, subscribers.map((s, i) => s.received.get(ids[i]!) ?? []), request.taskIds);
    case 'closes':
      return subscribers.flatMap((s) => s.closes);
  }
}

let queue = Promise.resolve();
process.on('message', (message: { id: number; request: PoolRequest }) => {
  queue = queue.then(async () => {
    try {
      process.send!({ id: message.id, result: await handle(message.request) });
    } catch (error) {
      process.send!({ id: message.id, error: String(error) });
    }
  });
});
process.on('disconnect', () => {
  for (const s of subscribers) s.close();
  setTimeout(() => process.exit(0), 200).unref();
});
