/**
 * The load balancer of the fault bench, in the load generator: it asks each server's /readyz
 * every `pollMs` and sends only to the servers whose last answer was 200, round robin — what the
 * ALB's target group does with its health check (ours takes a target out on its first failed
 * check, where the ALB waits for a threshold of them: a lower bound on what the ALB sends to a
 * draining pod).
 */
import { request, type Dispatcher } from 'undici';

export interface Balancer {
  /** The next ready server's base URL, round robin; undefined when none is ready. */
  pick(): string | undefined;
  readyCount(): number;
  /** Resolves once every server answered /readyz 200 (throws after `timeoutMs`). */
  waitAllReady(timeoutMs?: number): Promise<void>;
  stop(): void;
}

export function startBalancer(urls: string[], dispatcher: Dispatcher, pollMs = 200): Balancer {
  const ready = urls.map(() => false);
  let next = 0;
  let stopped = false;

  const check = async (index: number) => {
    try {
      const response = await request(`${urls[index]}/readyz`, { dispatcher, signal: AbortSignal.timeout(1_000) });
      await response.body.dump();
      ready[index] = response.statusCode === 200;
    } catch {
      ready[index] = false; // refused, reset or too slow: out of rotation until it answers again
    }
  };
  const poll = async (index: number) => {
    while (!stopped) {
      const started = Date.now();
      await check(index);
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, pollMs - (Date.now() - started))));
    }
  };
  urls.forEach((_, index) => void poll(index));

  return {
    pick() {
      for (let tried = 0; tried < urls.length; tried++) {
        const index = next++ % urls.length;
        if (ready[index]) return urls[index];
      }
      return undefined;
    },
    readyCount: () => ready.filter(Boolean).length,
    async waitAllReady(timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      while (!ready.every(Boolean)) {
        if (Date.now() > deadline) throw new Error(`servers not ready after ${timeoutMs} ms: ${urls.filter((_, i) => !ready[i]).join(', ')}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    stop() {
      stopped = true;
    },
  };
}
