/**
 * Orderly shutdown. `stop()` (on SIGTERM/SIGINT) runs in three phases:
 *   1. draining: /readyz answers 503 so the load balancer stops sending new requests;
 *   2. stop-accepting steps: the HTTP server stops accepting connections, WebSocket clients are
 *      closed with 1001 ("going away") so they reconnect to another pod; in-flight HTTP requests
 *      run to completion — until the grace period runs out, when remaining sockets are cut;
 *   3. close steps, in reverse order of registration: queues, pub/sub, Redis, database pools.
 * Subsystems register their own steps when they are created (`onStop`).
 */
export type StopPhase = 'stop-accepting' | 'close';

export interface Lifecycle {
  readonly draining: boolean;
  /** `deadline` (epoch ms) is when the grace period ends: steps that wait must give up by then. */
  onStop(phase: StopPhase, name: string, step: (deadline: number) => Promise<unknown> | unknown): void;
  /** Runs every step once; later calls return the same promise. */
  stop(graceMs: number): Promise<void>;
}

export function createLifecycle(log: (message: string, fields?: Record<string, unknown>) => void = () => {}): Lifecycle {
  const steps: Record<StopPhase, { name: string; step: (deadline: number) => Promise<unknown> | unknown }[]> = { 'stop-accepting': [], close: [] };
  let draining = false;
  let stopping: Promise<void> | undefined;

  async function runPhase(phase: StopPhase, deadline: number) {
    const ordered = phase === 'close' ? [...steps[phase]].reverse() : steps[phase];
    const run = async ({ name, step }: (typeof ordered)[number]) => {
      try {
        await step(deadline);
      } catch (error) {
        log(`shutdown step ${name} failed`, { err: error });
      }
    };
    if (phase === 'stop-accepting') {
      // Concurrently, bounded by the grace period: these wait for in-flight work.
      await Promise.race([Promise.all(ordered.map(run)), sleep(Math.max(0, deadline - Date.now()))]);
    } else {
      for (const s of ordered) await run(s);
    }
  }

  return {
    get draining() {
      return draining;
    },
    onStop(phase, name, step) {
      steps[phase].push({ name, step });
    },
    stop(graceMs) {
      stopping ??= (async () => {
        draining = true;
        const deadline = Date.now() + graceMs;
        await runPhase('stop-accepting', deadline);
        await runPhase('close', deadline);
      })();
      return stopping;
    },
  };
}

function sleep(ms: number) {
  return new Promise<void>((resolve) => setTimeout(resolve, ms).unref());
}
