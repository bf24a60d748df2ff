/**
 * The worker's exec probe: `node dist/src/jobs/worker-probe.js live|ready`. Exits 0 when the worker
 * is alive (ready), 1 otherwise with the reason on stderr, which the kubelet keeps in the pod's events.
 * See worker-heartbeat.ts for what the two states mean.
 */
import { checkWorker, type ProbeKind } from './worker-heartbeat.js';

const kind = process.argv[2];
if (kind !== 'live' && kind !== 'ready') {
  console.error(`usage: worker-probe.js live|ready (got ${JSON.stringify(kind)})`);
  process.exit(2);
}
checkWorker(kind as ProbeKind).then(({ ok, reason }) => {
  if (!ok) console.error(`dandori worker: ${reason}`);
  process.exit(ok ? 0 : 1);
});
