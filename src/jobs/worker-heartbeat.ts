/**
 * Liveness and readiness of the worker, which serves no HTTP: two files in the temporary directory
 * (os.tmpdir(): /tmp, an emptyDir in k8s) that the kubelet's exec probes read through
 * `node dist/src/jobs/worker-probe.js live|ready` (k8s/base/deployment-worker.yaml).
 *  - `dandori-worker.heartbeat` is rewritten every HEARTBEAT_INTERVAL_MS by a timer, so it stays fresh
 *    exactly while the event loop runs; older than HEARTBEAT_MAX_AGE_MS means the process is wedged
 *    and the kubelet restarts it.
 *  - `dandori-worker.ready` exists from the moment the worker consumes its queue (schedules in place)
 *    until shutdown begins: a rollout (maxUnavailable 0) replaces an old worker only after a new one
 *    is ready.
 * Neither looks at Redis or PostgreSQL: a failover must not restart or unready every worker at once
 * (BullMQ reconnects on its own; dependency health is alarmed on, see docs/cloud.md).
 */
import { rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const HEARTBEAT_INTERVAL_MS = 10_000;
/** Three missed beats; the liveness probe (every 20 s, 3 failures) then restarts within a minute more. */
export const HEARTBEAT_MAX_AGE_MS = 30_000;

export type ProbeKind = 'live' | 'ready';

export function workerStateFiles(dir = tmpdir()): { heartbeat: string; ready: string } {
  return { heartbeat: join(dir, 'dandori-worker.heartbeat'), ready: join(dir, 'dandori-worker.ready') };
}

export interface Heartbeat {
  /** Creates the ready file: call once the worker consumes its queue. */
  markReady(): Promise<void>;
  /** Removes the ready file and stops beating: call when shutdown begins. */
  stop(): Promise<void>;
}

export async function startHeartbeat(options: { dir?: string; intervalMs?: number } = {}): Promise<Heartbeat> {
  const files = workerStateFiles(options.dir);
  const beat = () => writeFile(files.heartbeat, `${Date.now()}\n`);
  await rm(files.ready, { force: true }); // a restarted container must not inherit the last one's readiness
  await beat();
  const timer = setInterval(() => void beat().catch(() => {}), options.intervalMs ?? HEARTBEAT_INTERVAL_MS);
  timer.unref();
  return {
    markReady: () => writeFile(files.ready, `${Date.now()}\n`),
    async stop() {
      clearInterval(timer);
      await rm(files.ready, { force: true });
    },
  };
}

/** What the exec probe decides: live = a fresh heartbeat; ready = live and the ready file exists. */
export async function checkWorker(
  kind: ProbeKind,
  options: { dir?: string; maxAgeMs?: number; now?: number } = {},
): Promise<{ ok: boolean; reason: string }> {
  const files = workerStateFiles(options.dir);
  const maxAgeMs = options.maxAgeMs ?? HEARTBEAT_MAX_AGE_MS;
  const modified = await stat(files.heartbeat).then((s) => s.mtimeMs, () => undefined);
  if (modified === undefined) return { ok: false, reason: `no heartbeat at ${files.heartbeat}` };
  const age = (options.now ?? Date.now()) - modified;
  if (age > maxAgeMs) return { ok: false, reason: `heartbeat is ${Math.round(age / 1000)} s old (limit ${maxAgeMs / 1000} s)` };
  if (kind === 'ready' && !(await stat(files.ready).then(() => true, () => false))) {
    return { ok: false, reason: 'not consuming the queue (starting or shutting down)' };
  }
  return { ok: true, reason: kind === 'live' ? 'alive' : 'ready' };
}
