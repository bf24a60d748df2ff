/**
 * What the fault bench reports per scenario, from the requests it recorded: error rate, what the
 * failures were (status and extensions.code, with Retry-After), the longest request, the recovery
 * time and the writes lost.
 *
 * Recovery time, precisely: take the scenario's requests in the order they were SENT; let L be
 * the last one that did not succeed (anything but 200 with data and no errors, including network
 * errors) and R the send time of the request right after L — from R on, every request sent
 * succeeded. Recovery time = max(0, R − end of the fault), and 0 when no request failed. So it is
 * the time after the fault ends until a client can count on being served. By send time, not answer
 * time: a request sent while the database was frozen and answered fine after the thaw counts as
 * served, and failures of requests sent before the fault ended (answered 503 at their deadline
 * after the thaw, say) give a recovery of 0 unless requests sent after the end failed too.
 */
import { succeeded, type Sample } from './open-loop-load.js';

export interface FaultWindow {
  scenario: string;
  /** Epoch ms: the fault injected (freeze, kill, terminate, signal). */
  faultStart: number;
  /** Epoch ms: the fault over (thaw, listening again, Redis answering, the signalled process exited). */
  faultEnd: number;
  /** Scenario-specific facts (the SIGTERMed process's exit code and time to exit). */
  notes: Record<string, unknown>;
}

export interface ScenarioSummary {
  scenario: string;
  requests: number;
  failed: number;
  errorRate: number;
  /** "200", "503 SERVICE_UNAVAILABLE (Retry-After 2)", "no answer: ECONNRESET", … → count. */
  outcomes: Record<string, number>;
  faultMs: number;
  longestMs: number;
  p50Ms: number;
  p99Ms: number;
  /** null when requests were still failing when the bench gave up waiting. */
  recoveryMs: number | null;
  /** Send and answer time of the last failed request, relative to the end of the fault (ms). */
  lastFailure?: { sentMs: number; answeredMs: number; outcome: string };
  writes: number;
  /** Writes answered 200 whose comment is not in the database. Must be 0. */
  writesLost: number;
  /** Writes not answered 200 whose comment was committed anyway (the client could not know). */
  failedWritesCommitted: number;
  failedWrites: number;
  /** Per kind of request: how many were sent and how many of them failed. */
  byKind: Record<string, { requests: number; failed: number }>;
  notes: Record<string, unknown>;
}

export function outcomeOf(s: Sample): string {
  if (succeeded(s)) return '200';
  if (s.status === undefined) return `no answer: ${s.network ?? 'in flight'}`;
  const codes = s.codes.length ? ` ${s.codes.join('+')}` : '';
  const retry = s.status === 200 ? '' : s.retryAfter !== undefined ? ` (Retry-After ${s.retryAfter})` : ' (no Retry-After)';
  return `${s.status}${codes}${retry}`;
}

/** Send time of the first request after the last failed one (see the header); undefined when none failed. */
function recoveredAt(bySendTime: Sample[]): number | undefined | null {
  let last = -1;
  bySendTime.forEach((s, i) => {
    if (!succeeded(s)) last = i;
  });
  if (last === -1) return undefined;
  return bySendTime[last + 1]?.sentAt ?? null; // null: the last request sent failed
}

/**
 * Whether the scenario can end: every request sent in the last `stableMs`, all after the fault,
 * succeeded, and nothing sent before that is still in flight (only the last `inFlightGraceMs`
 * worth may be). A request still in flight from the final second may yet fail; the summary is
 * computed from the final answers, so it would show in the recovery time.
 */
export function isRecovered(samples: Sample[], faultEnd: number, now: number, stableMs = 5_000, inFlightGraceMs = 1_000): boolean {
  const windowStart = now - stableMs;
  if (windowStart < faultEnd) return false;
  let inWindow = 0;
  for (const s of samples) {
    if (s.doneAt === undefined) {
      if (s.sentAt < now - inFlightGraceMs) return false;
      continue;
    }
    if (s.sentAt >= windowStart) {
      if (!succeeded(s)) return false;
      inWindow++;
    }
  }
  return inWindow > 0;
}

export function summarise(samples: Sample[], window: FaultWindow, committed: Set<string>): ScenarioSummary {
  const bySendTime = [...samples].sort((a, b) => a.sentAt - b.sentAt);
  const outcomes: Record<string, number> = {};
  for (const s of samples) outcomes[outcomeOf(s)] = (outcomes[outcomeOf(s)] ?? 0) + 1;
  const failures = bySendTime.filter((s) => !succeeded(s));
  const latencies = samples.map((s) => s.latencyMs ?? 0).sort((a, b) => a - b);
  const writes = samples.filter((s) => s.marker !== undefined);
  const okWrites = writes.filter(succeeded);
  const failedWrites = writes.filter((s) => !succeeded(s));
  const recovered = recoveredAt(bySendTime);
  const last = failures.at(-1);
  return {
    scenario: window.scenario,
    requests: samples.length,
    failed: failures.length,
    errorRate: samples.length ? failures.length / samples.length : 0,
    outcomes: Object.fromEntries(Object.entries(outcomes).sort((a, b) => b[1] - a[1])),
    faultMs: Math.round(window.faultEnd - window.faultStart),
    longestMs: Math.round(latencies.at(-1) ?? 0),
    p50Ms: Math.round(percentile(latencies, 50)),
    p99Ms: Math.round(percentile(latencies, 99)),
    recoveryMs: recovered === undefined ? 0 : recovered === null ? null : Math.max(0, Math.round(recovered - window.faultEnd)),
    ...(last && {
      lastFailure: { sentMs: Math.round(last.sentAt - window.faultEnd), answeredMs: Math.round((last.doneAt ?? last.sentAt) - window.faultEnd), outcome: outcomeOf(last) },
    }),
    writes: writes.length,
    writesLost: okWrites.filter((s) => !committed.has(s.marker!)).length,
    failedWritesCommitted: failedWrites.filter((s) => committed.has(s.marker!)).length,
    failedWrites: failedWrites.length,
    byKind: countByKind(samples),
    notes: window.notes,
  };
}

function countByKind(samples: Sample[]): Record<string, { requests: number; failed: number }> {
  const counts: Record<string, { requests: number; failed: number }> = {};
  for (const s of samples) {
    const count = (counts[s.kind] ??= { requests: 0, failed: 0 });
    count.requests++;
    if (!succeeded(s)) count.failed++;
  }
  return counts;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

export function markdownTable(rows: ScenarioSummary[], describeNotes: (notes: Record<string, unknown>) => string): string {
  const lines = [
    '| scenario | fault | requests | error rate | status / code counts | longest request ms | recovery | writes lost (of answered 200) | failed writes that committed (of failed) | notes |',
    '|---|---:|---:|---:|---|---:|---:|---:|---:|---|',
  ];
  for (const r of rows) {
    const outcomes = Object.entries(r.outcomes).map(([outcome, n]) => `${outcome}: ${n.toLocaleString('en')}`).join(', ');
    const recovery = r.recoveryMs === null ? 'not recovered' : seconds(r.recoveryMs);
    lines.push(
      `| ${r.scenario} | ${seconds(r.faultMs)} | ${r.requests.toLocaleString('en')} | ${(r.errorRate * 100).toFixed(2)} % | ${outcomes} | ${r.longestMs.toLocaleString('en')} | ${recovery} | **${r.writesLost}** of ${r.writes - r.failedWrites} | ${r.failedWritesCommitted} of ${r.failedWrites} | ${describeNotes(r.notes)} |`,
    );
  }
  return lines.join('\n');
}
