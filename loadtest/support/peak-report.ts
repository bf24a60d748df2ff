/**
 * The load run's report: per-stage and per-second figures computed from a VirtualUserRun and the
 * server's CPU samples, written as JSON (for machines) and as one self-contained HTML page (for
 * people: Chart.js is inlined from node_modules, so the page opens offline).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { percentile, type VirtualUserRun } from './virtual-users.js';

export interface StageSummary {
  stage: number;
  label: string;
  fromSecond: number;
  toSecond: number;
  peakVus: number;
  requests: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  errors: number;
  errorRate: number;
  /** Server CPU milliseconds per request in this stage (undefined when the server's CPU is unknown). */
  serverCpuMsPerRequest: number | undefined;
}

export interface SecondSummary {
  second: number;
  vus: number;
  requests: number;
  errors: number;
  p50: number;
  p95: number;
  p99: number;
  /** Server CPU use in this second, percent of one core. */
  serverCpuPercent: number | undefined;
}

export interface PeakReport {
  profile: string;
  when: string;
  target: string;
  settings: Record<string, unknown>;
  stages: StageSummary[];
  seconds: SecondSummary[];
  total: Omit<StageSummary, 'stage' | 'label' | 'fromSecond' | 'toSecond'>;
  /** The plan's success criteria, judged on the stage(s) holding the peak. */
  verdict: { peakVus: number; p95Ms: number; errorRate: number; p95Under200ms: boolean; errorsUnder0_1pct: boolean; passed: boolean };
  generatorLagP99Ms: number;
  errorSamples: string[];
}

const round = (value: number, digits = 1) => (Number.isFinite(value) ? Math.round(value * 10 ** digits) / 10 ** digits : value);

function summarize(run: VirtualUserRun, from: number, to: number, cpuMsAt: (second: number) => number | undefined) {
  const slice = run.seconds.slice(from, to);
  const latencies = slice.flatMap((s) => s.latencies);
  const errors = slice.reduce((sum, s) => sum + s.errors, 0);
  const cpuStart = cpuMsAt(from);
  const cpuEnd = cpuMsAt(Math.min(to, run.seconds.length));
  const cpu = cpuStart !== undefined && cpuEnd !== undefined ? cpuEnd - cpuStart : undefined;
  return {
    peakVus: Math.max(0, ...slice.map((s) => s.vus)),
    requests: latencies.length,
    rps: round(latencies.length / Math.max(1, slice.length)),
    p50: round(percentile(latencies, 50)),
    p95: round(percentile(latencies, 95)),
    p99: round(percentile(latencies, 99)),
    // A loop, not Math.max(...latencies): a 12-minute run has over a million samples, past the argument limit.
    max: round(latencies.length ? latencies.reduce((m, v) => (v > m ? v : m), 0) : Number.NaN),
    errors,
    errorRate: latencies.length ? errors / latencies.length : 0,
    serverCpuMsPerRequest: cpu !== undefined && latencies.length ? round(cpu / latencies.length, 3) : undefined,
  };
}

/**
 * `cpuMs[i]` is the server's cumulative CPU time (ms) at the start of second i (undefined when
 * unknown). Stage labels say what the users do, e.g. "ramp 1000 -> 3000".
 */
export function buildPeakReport(input: {
  profile: string;
  target: string;
  settings: Record<string, unknown>;
  stageTargets: number[];
  run: VirtualUserRun;
  cpuMs: (number | undefined)[];
}): PeakReport {
  const { run, stageTargets, cpuMs } = input;
  const cpuMsAt = (second: number) => cpuMs[second];
  const stages: StageSummary[] = stageTargets.map((target, i) => {
    const from = run.stageStarts[i]!;
    const to = run.stageStarts[i + 1]!;
    const previous = i === 0 ? 0 : stageTargets[i - 1]!;
    const label = previous === target ? `hold ${target}` : target === 0 ? `cool-down ${previous} -> 0` : `ramp ${previous} -> ${target}`;
    return { stage: i + 1, label, fromSecond: from, toSecond: to, ...summarize(run, from, to, cpuMsAt) };
  });
  const seconds: SecondSummary[] = run.seconds.map((s, i) => {
    const a = cpuMs[i];
    const b = cpuMs[i + 1];
    return {
      second: i,
      vus: s.vus,
      requests: s.latencies.length,
      errors: s.errors,
      p50: round(percentile(s.latencies, 50)),
      p95: round(percentile(s.latencies, 95)),
      p99: round(percentile(s.latencies, 99)),
      serverCpuPercent: a !== undefined && b !== undefined ? round((b - a) / 10) : undefined,
    };
  });
  const peak = Math.max(...stageTargets);
  const held = stages.filter((s, i) => stageTargets[i] === peak && (i === 0 ? 0 : stageTargets[i - 1]) === peak);
  const judged = held.length ? held : stages.filter((s, i) => stageTargets[i] === peak);
  const judgedSummary = summarize(run, judged[0]!.fromSecond, judged.at(-1)!.toSecond, cpuMsAt);
  return {
    profile: input.profile,
    when: new Date().toISOString(),
    target: input.target,
    settings: input.settings,
    stages,
    seconds,
    total: summarize(run, 0, run.seconds.length, cpuMsAt),
    verdict: {
      peakVus: judgedSummary.peakVus,
      p95Ms: judgedSummary.p95,
      errorRate: judgedSummary.errorRate,
      p95Under200ms: judgedSummary.p95 < 200,
      errorsUnder0_1pct: judgedSummary.errorRate < 0.001,
      passed: judgedSummary.p95 < 200 && judgedSummary.errorRate < 0.001,
    },
    generatorLagP99Ms: round(run.generatorLagP99Ms),
    errorSamples: run.errorSamples,
  };
}

export function markdownTable(report: PeakReport): string {
  const ms = (v: number) => (Number.isFinite(v) ? String(v) : '–');
  const lines = [
    '| stage | VUs (max) | requests | req/s | p50 ms | p95 ms | p99 ms | max ms | errors | server CPU ms/req |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const s of [...report.stages, { ...report.total, label: 'whole run' }]) {
    lines.push(`| ${s.label} | ${s.peakVus} | ${s.requests} | ${s.rps} | ${ms(s.p50)} | ${ms(s.p95)} | ${ms(s.p99)} | ${ms(s.max)} | ${s.errors} (${(s.errorRate * 100).toFixed(3)} %) | ${s.serverCpuMsPerRequest ?? '–'} |`);
  }
  return lines.join('\n');
}

export async function writePeakReport(report: PeakReport, basePath: string): Promise<{ json: string; html: string }> {
  const json = `${basePath}.json`;
  const html = `${basePath}.html`;
  await writeFile(json, JSON.stringify(report, null, 2));
  await writeFile(html, await renderHtml(report));
  return { json, html };
}

async function renderHtml(report: PeakReport): Promise<string> {
  const chartJs = await readFile(join(dirname(createRequire(import.meta.url).resolve('chart.js')), 'chart.umd.min.js'), 'utf8');
  const v = report.verdict;
  const escape = (text: string) => text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
  const rows = [...report.stages, { ...report.total, label: 'whole run' }]
    .map((s) => `<tr><td>${escape(s.label)}</td><td>${s.peakVus}</td><td>${s.requests}</td><td>${s.rps}</td><td>${s.p50}</td><td class="${s.p95 < 200 ? 'ok' : 'bad'}">${s.p95}</td><td>${s.p99}</td><td>${s.max}</td><td class="${s.errorRate < 0.001 ? 'ok' : 'bad'}">${s.errors} (${(s.errorRate * 100).toFixed(3)} %)</td><td>${s.serverCpuMsPerRequest ?? '–'}</td></tr>`)
    .join('\n');
  // Data for the charts; `</` cannot end the script element from inside JSON.
  const data = JSON.stringify(report.seconds).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Load run: ${escape(report.profile)} — ${escape(report.when)}</title>
<style>
 body { font: 14px/1.4 system-ui, sans-serif; margin: 24px; color: #1d2330; max-width: 1200px; }
 h1 { font-size: 20px; margin: 0 0 4px; } .sub { color: #5b6475; margin-bottom: 16px; }
 .verdict { padding: 10px 14px; border-radius: 6px; font-weight: 600; margin: 12px 0 20px; }
 .pass { background: #e3f6e8; color: #17612e; } .fail { background: #fde6e6; color: #8a1c1c; }
 table { border-collapse: collapse; width: 100%; margin-bottom: 24px; } th, td { padding: 6px 8px; border-bottom: 1px solid #e3e6ec; text-align: right; }
 th:first-child, td:first-child { text-align: left; } td.ok { color: #17612e; } td.bad { color: #b3261e; font-weight: 600; }
 .charts { display: grid; grid-template-columns: 1fr; gap: 24px; } .chart { height: 300px; }
 pre { background: #f5f6f8; padding: 8px; overflow-x: auto; font-size: 12px; }
</style></head><body>
<h1>Load run “${escape(report.profile)}” against ${escape(report.target)}</h1>
<div class="sub">${escape(report.when)} · ${escape(JSON.stringify(report.settings))} · generator event-loop lag p99 ${report.generatorLagP99Ms} ms</div>
<div class="verdict ${v.passed ? 'pass' : 'fail'}">${v.passed ? 'PASSED' : 'FAILED'}: ${v.peakVus} virtual users held with p95 ${v.p95Ms} ms (target &lt; 200 ms) and ${(v.errorRate * 100).toFixed(3)} % errors (target &lt; 0.1 %)</div>
<table><thead><tr><th>stage</th><th>VUs (max)</th><th>requests</th><th>req/s</th><th>p50 ms</th><th>p95 ms</th><th>p99 ms</th><th>max ms</th><th>errors</th><th>server CPU ms/request</th></tr></thead>
<tbody>${rows}</tbody></table>
<div class="charts">
 <div class="chart"><canvas id="latency"></canvas></div>
 <div class="chart"><canvas id="throughput"></canvas></div>
 <div class="chart"><canvas id="cpu"></canvas></div>
</div>
${report.errorSamples.length ? `<h2>First errors</h2><pre>${escape(report.errorSamples.join('\n'))}</pre>` : ''}
<script>${chartJs}</script>
<script>
const seconds = ${data};
const labels = seconds.map((s) => s.second);
const line = (label, values, color, axis = 'y') => ({ label, data: values, borderColor: color, backgroundColor: color, pointRadius: 0, borderWidth: 1.5, yAxisID: axis, spanGaps: true });
const common = (title, y, y2) => ({ animation: false, maintainAspectRatio: false, interaction: { mode: 'index', intersect: false },
  plugins: { title: { display: true, text: title } },
  scales: { x: { title: { display: true, text: 'seconds into the run' } }, y: { beginAtZero: true, title: { display: true, text: y } },
    ...(y2 ? { y2: { position: 'right', beginAtZero: true, grid: { drawOnChartArea: false }, title: { display: true, text: y2 } } } : {}) } });
new Chart(document.getElementById('latency'), { type: 'line', data: { labels, datasets: [
  line('p50 ms', seconds.map((s) => s.p50), '#4c78a8'), line('p95 ms', seconds.map((s) => s.p95), '#f58518'), line('p99 ms', seconds.map((s) => s.p99), '#e45756'),
  line('virtual users', seconds.map((s) => s.vus), '#9d9da1', 'y2') ] }, options: common('Latency per second (by completion)', 'ms', 'virtual users') });
new Chart(document.getElementById('throughput'), { type: 'line', data: { labels, datasets: [
  line('requests/s', seconds.map((s) => s.requests), '#54a24b'), line('errors/s', seconds.map((s) => s.errors), '#b3261e', 'y2') ] }, options: common('Throughput and errors', 'requests/s', 'errors/s') });
new Chart(document.getElementById('cpu'), { type: 'line', data: { labels, datasets: [
  line('server CPU % of one core', seconds.map((s) => s.serverCpuPercent ?? null), '#72b7b2'),
  line('server CPU ms per request', seconds.map((s) => s.serverCpuPercent == null || !s.requests ? null : (s.serverCpuPercent * 10) / s.requests), '#b279a2', 'y2') ] }, options: common('Server CPU', '% of one core', 'ms per request') });
</script></body></html>
`;
}
