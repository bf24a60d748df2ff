/**
 * The fan-out bench's subscribers, spread over `processes` child processes
 * (subscriber-process.ts), each with every `processes`-th socket. Requests go to all of them at
 * once; tallies merge.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { mergeTallies, type LiveField, type Tally } from './deliveries.js';
import type { PoolRequest } from './subscriber-process.js';

export interface SubscriberPool {
  /** Opens one socket per entry (signed in with its token), `concurrency` at a time per process. */
  connect(sockets: { url: string; token: string }[], concurrency: number): Promise<void>;
  /** Every socket subscribes to `query` under a fresh id. */
  start(query: string): Promise<void>;
  /** Every socket completes its subscriptions. */
  stopAll(): Promise<void>;
  /** Deliveries of the current subscriptions to `field`, for these mutations. */
  tally(field: LiveField, taskIds: string[]): Promise<Tally>;
  /** Sockets the servers closed, with code and reason. */
  closes(): Promise<{ code: number; reason: string }[]>;
  /** The subscriber processes' pids (their CPU time is part of what the bench reports). */
  pids(): number[];
  close(): void;
}

interface Worker {
  child: ChildProcess;
  pending: Map<number, { resolve(value: any): void; reject(error: Error): void }>;
}

export function startSubscriberPool(processes: number): SubscriberPool {
  const script = fileURLToPath(new URL('./subscriber-process.ts', import.meta.url));
  let nextId = 0;
  const workers: Worker[] = Array.from({ length: processes }, () => {
    // Advanced serialization: tallies hold -Infinity for a mutation nobody had.
    const child = fork(script, [], { execArgv: ['--import', 'tsx'], serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const worker: Worker = { child, pending: new Map() };
    child.on('message', ({ id, result, error }: { id: number; result?: unknown; error?: string }) => {
      const waiting = worker.pending.get(id);
      worker.pending.delete(id);
      if (error !== undefined) waiting?.reject(new Error(`subscriber process: ${error}`));
      else waiting?.resolve(result);
    });
    child.once('exit', (code) => {
      for (const { reject } of worker.pending.values()) reject(new Error(`subscriber process exited with ${code}`));
      worker.pending.clear();
    });
    return worker;
  });

  function ask<T>(worker: Worker, request: PoolRequest): Promise<T> {
    const id = nextId++;
    return new Promise<T>((resolve, reject) => {
      worker.pending.set(id, { resolve, reject });
      worker.child.send({ id, request });
    });
  }
  const askAll = <T>(request: PoolRequest) => Promise.all(workers.map((w) => ask<T>(w, request)));

  return {
    async connect(sockets, concurrency) {
      await Promise.all(workers.map((w, k) => ask(w, { type: 'connect', sockets: sockets.filter((_, i) => i % processes === k), concurrency })));
    },
    async start(query) {
      await askAll({ type: 'start', query });
    },
    async stopAll() {
      await askAll({ type: 'stopAll' });
    },
    async tally(field, taskIds) {
      return mergeTallies(await askAll<Tally>({ type: 'tally', field, taskIds }));
    },
    async closes() {
      return (await askAll<{ code: number; reason: string }[]>({ type: 'closes' })).flat();
    },
    pids: () => workers.map((w) => w.child.pid!),
    close() {
      for (const { child } of workers) if (child.connected) child.disconnect();
    },
  };
}
