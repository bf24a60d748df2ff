/**
 * `replayThenLive` (src/pubsub/streams.ts), the gap-closing part of a resume, with the races made
 * deterministic: live events that arrive while the replay is read are held and sent after it, a
 * live event whose row was replayed is sent once, order is replay then live, and a refused replay
 * unsubscribes from the live topic.
 */
import { describe, expect, it } from 'vitest';
import { pushStream, replayThenLive, type EventStream } from '../../src/pubsub/streams.js';

interface Ev {
  id: string;
}
const ev = (id: string): Ev => ({ id });

async function take(stream: EventStream<Ev>, count: number): Promise<string[]> {
  const ids: string[] = [];
  while (ids.length < count) {
    const next = await stream.next();
    if (next.done) break;
    ids.push(next.value.id);
  }
  return ids;
}

describe('replayThenLive', () => {
  it('sends the replay, then what arrived during it, then live events, each once', async () => {
    let unsubscribed = 0;
    const live = pushStream<Ev>(() => unsubscribed++);
    const stream = await replayThenLive(
      live.stream,
      async () => {
        // Committed before the replay read: published late, while it runs (e2), or not in it (e4).
        live.push(ev('e2'));
        live.push(ev('e4'));
        await new Promise((resolve) => setImmediate(resolve));
        return [ev('e1'), ev('e2'), ev('e3')];
      },
      (e) => e.id,
    );
    live.push(ev('e3')); // a replayed row's live event arriving after the replay
    live.push(ev('e5'));
    expect(await take(stream, 5)).toEqual(['e1', 'e2', 'e3', 'e4', 'e5']);
    live.push(ev('e1'));
    live.push(ev('e6'));
    expect(await take(stream, 1)).toEqual(['e6']);
    await stream.return();
    expect(unsubscribed).toBe(1);
    expect(await stream.next()).toEqual({ value: undefined, done: true });
  });

  it('unsubscribes from the live topic and throws when the replay is refused', async () => {
    let unsubscribed = 0;
    const live = pushStream<Ev>(() => unsubscribed++);
    const refused = new Error('refused');
    await expect(replayThenLive(live.stream, () => Promise.reject(refused), (e) => e.id)).rejects.toBe(refused);
    expect(unsubscribed).toBe(1);
  });

  it('ends once what is queued has been read when the live stream ends', async () => {
    const live = pushStream<Ev>(() => {});
    const stream = await replayThenLive(live.stream, async () => [ev('a'), ev('b')], (e) => e.id);
    await live.stream.return();
    expect(await take(stream, 3)).toEqual(['a', 'b']);
    expect(await stream.next()).toEqual({ value: undefined, done: true });
  });
});
