/**
 * Async iterators for live events, written by hand rather than as `async function*`: a generator
 * suspended in `await source.next()` cannot be returned until the next event arrives, so an idle
 * subscription would keep its Redis channel (and its slot in the stats) after the client left.
 * Every stream here ends at once when `return()` is called, and passes `return()` on to its source.
 */

export interface EventStream<T> extends AsyncIterableIterator<T> {
  return(): Promise<IteratorResult<T>>;
}

const DONE = { value: undefined, done: true } as const;

/**
 * A stream fed by `push`. A consumer that falls `maxBuffered` events behind loses the oldest:
 * live updates are hints to refresh, and one slow socket must not grow the heap without bound.
 * `onReturn` runs once, when the consumer stops listening.
 */
export function pushStream<T>(onReturn: () => void, maxBuffered = 100): { push(value: T): void; stream: EventStream<T> } {
  const buffered: T[] = [];
  const waiting: ((result: IteratorResult<T>) => void)[] = [];
  let ended = false;

  const stream: EventStream<T> = {
    next() {
      if (buffered.length) return Promise.resolve({ value: buffered.shift()!, done: false });
      if (ended) return Promise.resolve(DONE);
      return new Promise((resolve) => waiting.push(resolve));
    },
    async return() {
      if (!ended) {
        ended = true;
        buffered.length = 0;
        for (const resolve of waiting.splice(0)) resolve(DONE);
        onReturn();
      }
      return DONE;
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
  return {
    stream,
    push(value) {
      if (ended) return;
      const resolve = waiting.shift();
      if (resolve) return resolve({ value, done: false });
      buffered.push(value);
      if (buffered.length > maxBuffered) buffered.shift();
    },
  };
}

/** Marks an event `mapStream` should drop. */
export const SKIP: unique symbol = Symbol('skip');

/** Maps each event (awaiting `map` before pulling the next), dropping those mapped to SKIP. */
export function mapStream<T, R>(source: AsyncIterator<T>, map: (value: T) => Promise<R | typeof SKIP> | R | typeof SKIP): EventStream<R> {
  return {
    async next() {
      for (;;) {
        const event = await source.next();
        if (event.done) return DONE;
        const mapped = await map(event.value);
        if (mapped !== SKIP) return { value: mapped, done: false };
      }
    },
    async return() {
      await source.return?.();
      return DONE;
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}

/**
 * Coalesces bursts: at most one event per `intervalMs`, the latest of those that arrived. The first
 * event after a quiet period goes out at once; the rest of a burst leaves as ONE event when the
 * interval is up. For events that only mean "something changed, refresh" (the dashboard).
 */
export function coalesce<T>(source: EventStream<T>, intervalMs: number): EventStream<T> {
  let latest: { value: T } | undefined;
  let lastSent = -Infinity;
  let ended = false;
  let wake: (() => void) | undefined;
  const signal = () => {
    wake?.();
    wake = undefined;
  };

  // Drains the source continuously, so a burst never queues up behind the interval.
  void (async () => {
    try {
      for (let e = await source.next(); !e.done; e = await source.next()) {
        latest = { value: e.value };
        signal();
      }
    } catch {
      // Our sources never reject; if one did, the subscription just ends.
    } finally {
      ended = true;
      signal();
    }
  })();

  const stream: EventStream<T> = {
    async next() {
      for (;;) {
        if (latest) {
          const wait = lastSent + intervalMs - Date.now();
          if (wait <= 0) {
            const { value } = latest;
            latest = undefined;
            lastSent = Date.now();
            return { value, done: false };
          }
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, wait);
            wake = () => (clearTimeout(timer), resolve());
          });
        } else if (ended) {
          return DONE;
        } else {
          await new Promise<void>((resolve) => (wake = resolve));
        }
      }
    },
    async return() {
      latest = undefined;
      ended = true;
      signal();
      await source.return();
      return DONE;
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
  return stream;
}

/**
 * Resuming from a cursor without a gap or a duplicate. `live` must already be subscribed (so every
 * event committed from now on reaches it) BEFORE `replay` reads what was committed since the
 * cursor: live events that arrive meanwhile are held, the replayed rows go out first, in their
 * order, then the held events, then the live ones; an event is sent once, by `idOf` (a live event
 * whose row was replayed is skipped). If `replay` rejects, `live` is returned and the error thrown.
 * Nothing here drops events: the replay is bounded by the caller, the held events by how long the
 * one replay query takes.
 */
export async function replayThenLive<T>(live: EventStream<T>, replay: () => Promise<T[]>, idOf: (event: T) => string): Promise<EventStream<T>> {
  const queue: T[] = [];
  const waiting: ((result: IteratorResult<T>) => void)[] = [];
  const held: T[] = [];
  const replayed = new Set<string>();
  let replaying = true;
  let ended = false;
  let liveEnded = false;

  const emit = (event: T) => {
    if (ended || replayed.has(idOf(event))) return;
    const resolve = waiting.shift();
    if (resolve) resolve({ value: event, done: false });
    else queue.push(event);
  };
  const end = () => {
    if (ended) return;
    ended = true;
    for (const resolve of waiting.splice(0)) resolve(DONE);
  };

  void (async () => {
    try {
      for (let e = await live.next(); !e.done; e = await live.next()) {
        if (replaying) held.push(e.value);
        else emit(e.value);
      }
    } catch {
      // Our sources never reject; if one did, the subscription just ends.
    } finally {
      // What is already queued is still read; then the stream ends (a waiting reader means nothing is queued).
      liveEnded = true;
      for (const resolve of waiting.splice(0)) resolve(DONE);
    }
  })();

  let rows: T[];
  try {
    rows = await replay();
  } catch (error) {
    await live.return();
    throw error;
  }
  for (const row of rows) {
    emit(row);
    replayed.add(idOf(row));
  }
  replaying = false;
  for (const event of held.splice(0)) emit(event);

  const stream: EventStream<T> = {
    next() {
      if (queue.length) return Promise.resolve({ value: queue.shift()!, done: false });
      if (ended || liveEnded) {
        end();
        return Promise.resolve(DONE);
      }
      return new Promise((resolve) => waiting.push(resolve));
    },
    async return() {
      queue.length = 0;
      end();
      await live.return();
      return DONE;
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
  return stream;
}
