/**
 * The worker's exec probes (k8s/base/deployment-worker.yaml): the heartbeat and ready files on a
 * real filesystem, and the probe command itself run as the kubelet runs it, with exit codes.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, utimes } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkWorker, startHeartbeat, workerStateFiles } from '../../src/jobs/worker-heartbeat.js';
import { eventually } from './fixtures.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dandori-heartbeat-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

/** `worker-probe live|ready` with the state in `dir` (os.tmpdir() follows TMPDIR). */
function probe(kind: string): { status: number | null; stderr: string } {
  const result = spawnSync('node_modules/.bin/tsx', ['src/jobs/worker-probe.ts', kind], { env: { ...process.env, TMPDIR: dir }, encoding: 'utf8' });
  return { status: result.status, stderr: result.stderr.trim() };
}

describe('worker heartbeat', () => {
  it('is alive at once, ready only once marked, and unready again when stopped', async () => {
    const heartbeat = await startHeartbeat({ dir, intervalMs: 20 });
    try {
      expect(await checkWorker('live', { dir })).toEqual({ ok: true, reason: 'alive' });
      expect(await checkWorker('ready', { dir })).toEqual({ ok: false, reason: 'not consuming the queue (starting or shutting down)' });
      await heartbeat.markReady();
      expect(await checkWorker('ready', { dir })).toEqual({ ok: true, reason: 'ready' });
    } finally {
      await heartbeat.stop();
    }
    expect((await checkWorker('ready', { dir })).ok).toBe(false);
    expect((await checkWorker('live', { dir })).ok).toBe(true); // the last beat is still fresh
  });

  it('keeps beating while the event loop runs, and goes stale once it stops', async () => {
    const { heartbeat: file } = workerStateFiles(dir);
    const heartbeat = await startHeartbeat({ dir, intervalMs: 20 });
    await utimes(file, new Date(0), new Date(0)); // as if the last beat was long ago
    await eventually(async () => (await checkWorker('live', { dir, maxAgeMs: 1_000 })).ok, 5_000, 'a fresh beat');
    await heartbeat.stop();
    await utimes(file, new Date(0), new Date(0));
    await new Promise((r) => setTimeout(r, 100)); // several intervals: no beat rewrites it now
    expect(await checkWorker('live', { dir, maxAgeMs: 1_000 })).toMatchObject({ ok: false, reason: expect.stringMatching(/^heartbeat is \d+ s old \(limit 1 s\)$/) });
  });

  it('forgets a previous container\'s readiness on start', async () => {
    const first = await startHeartbeat({ dir, intervalMs: 1_000 });
    await first.markReady(); // then the process dies without stopping
    const second = await startHeartbeat({ dir, intervalMs: 1_000 });
    try {
      expect((await checkWorker('ready', { dir })).ok).toBe(false);
    } finally {
      await Promise.all([first.stop(), second.stop()]);
    }
  });

  it('the probe command exits 0 or 1 with its reason, and 2 on a wrong argument', async () => {
    expect(probe('live')).toEqual({ status: 1, stderr: `dandori worker: no heartbeat at ${join(dir, 'dandori-worker.heartbeat')}` });
    const heartbeat = await startHeartbeat({ dir, intervalMs: 1_000 });
    try {
      expect(probe('live')).toEqual({ status: 0, stderr: '' });
      expect(probe('ready')).toEqual({ status: 1, stderr: 'dandori worker: not consuming the queue (starting or shutting down)' });
      await heartbeat.markReady();
      expect(probe('ready')).toEqual({ status: 0, stderr: '' });
      expect(probe('alive').status).toBe(2);
    } finally {
      await heartbeat.stop();
    }
  });
});
