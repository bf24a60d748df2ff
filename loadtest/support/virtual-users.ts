/**
 * Virtual users with think time, ramped through stages the way k6's `ramping-vus` executor does:
 * the number of users follows a straight line from one stage's target to the next, and each user
 * loops "one request, then think". Unlike a closed loop with no think time (autocannon), the load
 * is set by how many people are looking, not by how fast the server answers — so a slow server
 * shows up as latency, as it would for real users.
 *
 * Every request's latency is kept (per second of the run, by completion time), so percentiles are
 * exact, not estimated from buckets.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';

export interface Stage {
  durationMs: number;
  target: number;
}

export interface SecondStats {
  /** Latencies (ms) of requests that completed in this second. */
  latencies: number[];
  errors: number;
  /** Virtual users running at the end of this second. */
  vus: number;
}

export interface VirtualUserRun {
  seconds: SecondStats[];
  /** Second index at which each stage starts (and one past the last). */
  stageStarts: number[];
  /** p99 of this process's event-loop delay (ms): above ~20 ms the generator itself adds latency. */
  generatorLagP99Ms: number;
  errorSamples: string[];
}

export interface VirtualUserOptions {
  stages: Stage[];
  thinkTimeMs: number;
  /** One request of virtual user `vu` (1-based); resolves to an error description, or null when it succeeded. */
  request(vu: number): Promise<string | null>;
  /** Called every `progressEveryMs` with what happened since the last call. */
  onProgress?(progress: { elapsedMs: number; stage: number; vus: number; recent: SecondStats[] }): void;
  progressEveryMs?: number;
}

const TICK_MS = 100;
const MAX_ERROR_SAMPLES = 20;

/** Users wanted at `elapsedMs`: linear within a stage, from the previous stage's target (0 before the first). */
export function targetAt(stages: Stage[], elapsedMs: number): { stage: number; target: number } {
  let from = 0;
  let start = 0;
  for (let i = 0; i < stages.length; i++) {
    const { durationMs, target } = stages[i]!;
    if (elapsedMs < start + durationMs) {
      return { stage: i, target: Math.round(from + ((target - from) * (elapsedMs - start)) / durationMs) };
    }
    from = target;
    start += durationMs;
  }
  return { stage: stages.length, target: 0 };
}

export async function runVirtualUsers(options: VirtualUserOptions): Promise<VirtualUserRun> {
  const { stages, thinkTimeMs } = options;
  const totalMs = stages.reduce((sum, s) => sum + s.durationMs, 0);
  const seconds: SecondStats[] = [];
  const errorSamples: string[] = [];
  const startedAt = performance.now();
  const elapsed = () => performance.now() - startedAt;
  const secondOf = (ms: number) => {
    const index = Math.floor(ms / 1000);
    while (seconds.length <= index) seconds.push({ latencies: [], errors: 0, vus: 0 });
    return seconds[index]!;
  };
  const lag = monitorEventLoopDelay({ resolution: 10 });
  lag.enable();

  interface User { id: number; stopping: boolean; done: Promise<void> }
  const running: User[] = [];
  let nextId = 1;
  let finished = false;

  const loop = async (user: User) => {
    // Spread the first requests over one think time, so a ramp step is not one burst.
    await sleep(Math.random() * thinkTimeMs);
    while (!user.stopping && !finished) {
      const sent = performance.now();
      const error = await options.request(user.id).catch((e: unknown) => String(e));
      const done = performance.now();
      const bucket = secondOf(done - startedAt);
      bucket.latencies.push(done - sent);
      if (error !== null) {
        bucket.errors++;
        if (errorSamples.length < MAX_ERROR_SAMPLES) errorSamples.push(error.slice(0, 300));
      }
      await sleep(thinkTimeMs);
    }
  };

  const stageStarts = [0];
  for (const s of stages) stageStarts.push(stageStarts.at(-1)! + Math.round(s.durationMs / 1000));

  let lastProgress = 0;
  let progressFrom = 0;
  const progressEveryMs = options.progressEveryMs ?? 5_000;
  while (elapsed() < totalMs) {
    const { stage, target } = targetAt(stages, elapsed());
    while (running.length < target) {
      const user: User = { id: nextId++, stopping: false, done: Promise.resolve() };
      user.done = loop(user);
      running.push(user);
    }
    // The newest leave first, as in k6.
    while (running.length > target) running.pop()!.stopping = true;
    secondOf(elapsed()).vus = running.length;
    if (options.onProgress && elapsed() - lastProgress >= progressEveryMs) {
      lastProgress = elapsed();
      const now = Math.floor(lastProgress / 1000);
      options.onProgress({ elapsedMs: lastProgress, stage, vus: running.length, recent: seconds.slice(progressFrom, now) });
      progressFrom = now;
    }
    await sleep(TICK_MS);
  }
  finished = true;
  await Promise.all(running.map((u) => u.done));
  lag.disable();
  return { seconds, stageStarts, generatorLagP99Ms: lag.percentile(99) / 1e6, errorSamples };
}

/** The p-th percentile (0..100) of `values`, exact (nearest rank); NaN for none. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = Float64Array.from(values).sort();
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}
