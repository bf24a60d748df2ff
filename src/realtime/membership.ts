/**
 * What graphql-ws iterates for one subscription in a group: a stream that never yields (the group
 * sends the frames itself, serialized once for all members) and ends at once when graphql-ws calls
 * `return()` — the client completed the subscription or the socket closed — which also takes the
 * member out of its group. `fail(error)` ends it with an error instead: graphql-ws then sends the
 * client an `error` message for the subscription (masked like every other error).
 */
import type { EventStream } from '../pubsub/streams.js';

export interface Membership {
  stream: EventStream<never>;
  fail(error: Error): void;
}

const DONE = { value: undefined, done: true } as const;

export function membershipStream(onLeave: () => void): Membership {
  let ended = false;
  let failure: Error | undefined;
  let waiting: { resolve(result: IteratorResult<never>): void; reject(error: Error): void } | undefined;
  const end = () => {
    if (ended) return false;
    ended = true;
    onLeave();
    return true;
  };
  const stream: EventStream<never> = {
    next() {
      if (failure) return Promise.reject(failure);
      if (ended) return Promise.resolve(DONE);
      return new Promise((resolve, reject) => (waiting = { resolve, reject }));
    },
    async return() {
      if (end()) waiting?.resolve(DONE);
      return DONE;
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
  return {
    stream,
    fail(error) {
      if (ended) return;
      failure = error;
      end();
      waiting?.reject(error);
    },
  };
}
