/**
 * The capacity plan (pulumi/src/capacity.ts) and the cost model (pulumi/src/cost.ts): what each stack
 * may scale to, from the measured pod capacity, and that production's CEILING stays within $2,000 a
 * month on demand — at the measured 800 req/s per pod, and whatever a pod turns out to carry.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  POD_CAPACITY, type PodRequest, fits, nodesPerZoneFor, parseCpu, parseMemoryMi, planCapacity, readerCapacityRps, surgeOf, workloadsOf,
} from '../../pulumi/src/capacity';
import { estimateMonthlyCost } from '../../pulumi/src/cost';
import { formatCostReport } from '../../pulumi/src/report';
import { loadStackSettings, planStack, renderOverlay } from '../../pulumi/src/stack-files';
import { pulumiDir, repoRoot } from './support/deps.js';

const production = loadStackSettings('production');
const staging = loadStackSettings('staging');
const BUDGET = 2_000;
const at = (requestsPerSecond: number) => ({ requestsPerSecond, cpuMillicores: 1000 });

describe('production capacity plan', () => {
  it('at the measured 800 req/s per pod: 2-7 pods on 3-6 nodes, one reader, a ceiling under $2,000, limited by the budget', () => {
    const plan = planStack(production, POD_CAPACITY);
    expect(POD_CAPACITY.requestsPerSecond).toBe(800);
    expect(plan).toMatchObject({
      podTargetRps: 280, // 800 req/s at one core x 500m requested x 70 % CPU target
      peakRps: 3_000,
      demandPods: 11,
      hpa: { min: 2, max: 7 },
      nodes: { min: 3, max: 6 },
      readers: { min: 1, max: 1 },
      servedRps: 1_944, // one reader at 70 % of 2 vCPU, 0.72 ms each
      limitedBy: 'budget',
      withinBudget: true,
    });
    expect(plan.cost.high).toBeLessThanOrEqual(BUDGET);
    expect(plan.cost.low).toBeLessThan(plan.cost.high);
  });

  it('serves more within the same budget than at the 450 req/s per pod measured before the hot-path work', () => {
    const before = planStack(production, at(450));
    const now = planStack(production, POD_CAPACITY);
    expect(now.servedRps).toBeGreaterThan(before.servedRps);
    expect(now.hpa.max).toBeLessThan(before.hpa.max);
    expect(before.cost.high).toBeLessThanOrEqual(BUDGET);
    expect(now.cost.high).toBeLessThanOrEqual(BUDGET);
  });

  it('never plans a ceiling over the budget, whatever a pod turns out to carry', () => {
    let served = 0;
    for (const rps of [200, 300, 450, 475, 700, 900, 1_500, 3_000, 6_000, 12_000]) {
      const plan = planStack(production, at(rps));
      expect(plan.withinBudget, `${rps} req/s per pod`).toBe(true);
      expect(plan.cost.high, `${rps} req/s per pod`).toBeLessThanOrEqual(BUDGET);
      expect(plan.hpa.max).toBeGreaterThan(plan.hpa.min); // always room to scale
      expect(plan.servedRps, `${rps} req/s per pod`).toBeGreaterThanOrEqual(served);
      served = plan.servedRps;
    }
  });

  it('with the measured figure in POD_CAPACITY, production\'s ceiling is within the budget (the gate for a new measurement)', () => {
    const plan = planStack(production);
    expect(plan.podCapacityRps).toBe(POD_CAPACITY.requestsPerSecond);
    expect(plan.withinBudget).toBe(true);
    expect(plan.cost.high).toBeLessThanOrEqual(BUDGET);
  });

  it('shrinks to a lower budget, and reports a budget below the floor as not met', () => {
    const tighter = planStack({ ...production, capacity: { ...production.capacity, budgetUsdPerMonth: 1_800 } }, at(450));
    expect(tighter.cost.high).toBeLessThanOrEqual(1_800);
    expect(tighter.nodes.max).toBeLessThan(6);
    const impossible = planStack({ ...production, capacity: { ...production.capacity, budgetUsdPerMonth: 1_500 } }, at(450));
    expect(impossible.withinBudget).toBe(false);
    expect(impossible.cost.high).toBeGreaterThan(1_500);
  });

  it('follows the overlay: a pod requesting a whole core gets twice the request-rate target', () => {
    const manifests = renderOverlay(production);
    const api = manifests.find((o) => o.kind === 'Deployment' && o.metadata.name === 'dandori-api')!;
    api.spec.template.spec.containers[0].resources.requests.cpu = '1';
    const plan = planCapacity({ settings: production, manifests, podCapacity: at(450), readerVcpus: 2 });
    expect(plan.podTargetRps).toBe(315);
  });
});

describe('staging capacity plan', () => {
  it('carries its 300-user peak within its own budget', () => {
    const plan = planStack(staging, at(450));
    expect(plan).toMatchObject({ podTargetRps: 78, hpa: { min: 2, max: 4 }, nodes: { min: 3, max: 3 }, limitedBy: 'demand', withinBudget: true });
  });
});

describe('packing', () => {
  const room = { cpu: 1_000, memoryMi: 4_000, pods: 10 };
  const pod = (cpu: number, zone?: number): PodRequest => ({ name: 'p', cpu, memoryMi: 100, ...(zone !== undefined && { zone }) });

  it('keeps zone-pinned pods in their zone, even when another zone has room', () => {
    expect(fits([pod(600, 0), pod(600, 0)], 1, room)).toBe(false);
    expect(fits([pod(600, 0), pod(600, 1)], 1, room)).toBe(true);
    expect(fits([pod(600, 0), pod(600, 0)], 2, room)).toBe(true);
  });

  it('packs node by node, not by sums', () => {
    expect(fits([pod(600), pod(600), pod(600)], 1, room)).toBe(true); // three zones, one node each
    expect(fits([pod(600), pod(600), pod(600), pod(600)], 1, room)).toBe(false); // 2,400m of 3,000m summed, yet no node holds two
  });

  it('reads quantities and surges as Kubernetes writes them', () => {
    expect([parseCpu('500m', 'x'), parseCpu('1', 'x'), parseCpu('0.25', 'x'), parseCpu(2, 'x')]).toEqual([500, 1000, 250, 2000]);
    expect([parseMemoryMi('512Mi', 'x'), parseMemoryMi('1Gi', 'x')]).toEqual([512, 1024]);
    expect(() => parseCpu('lots', 'x')).toThrow(/cannot read CPU quantity "lots"/);
    expect([surgeOf('25%', 9), surgeOf('25%', 10), surgeOf(1, 2)]).toEqual([3, 3, 1]);
  });

  it('sizes production\'s nodes for nine pods at two per zone, and not one', () => {
    const w = workloadsOf(renderOverlay(production));
    expect(nodesPerZoneFor(w, 9, 'm6i.large', 1)).toBe(2);
    expect(nodesPerZoneFor(w, 3, 'm6i.large', 1)).toBe(1);
  });

  it('gives one db.r6g.large reader 1,400 req/s at 70 % CPU and 1 ms of PostgreSQL CPU per request', () => {
    expect(readerCapacityRps(2, 70, 1.0)).toBe(1_400);
  });
});

describe('cost model (Tokyo)', () => {
  const plan = planStack(production, at(450));
  const report = plan.cost;

  it('prices what the first model left out: public IPv4, cross-zone traffic, log storage, WAF, CloudFront requests', () => {
    const line = (item: string) => report.lines.find((l) => l.item === item)!;
    expect(line('Public IPv4 addresses').low).toBeCloseTo(3 * 0.005 * 730, 1); // the NAT gateways' Elastic IPs
    expect(line('Cross-zone data transfer').low).toBeGreaterThan(0);
    expect(line('AWS WAF').low).toBeCloseTo(5 + 4 + 88 * 0.6, 1);
    expect(line('CloudFront (API + assets)').basis).toMatch(/^88 M HTTPS requests/);
    expect(line('CloudWatch').basis).toMatch(/kept 30 days/);
    expect(report.lines.reduce((sum, l) => sum + l.high, 0)).toBeCloseTo(report.high, 1);
  });

  it('follows the plan: readers and nodes at the ceiling cost what the plan allows', () => {
    const aurora = report.lines.find((l) => l.item === 'Aurora instances')!;
    expect(aurora.high).toBe(aurora.low); // one reader at both ends today
    const wider = estimateMonthlyCost(production, { nodes: { min: 3, max: 6 }, readers: { min: 1, max: 5 } });
    expect(wider.lines.find((l) => l.item === 'Aurora instances')!.high / aurora.low).toBeCloseTo(6 / 2, 5);
  });

  it('states the cost per 1,000 daily users at the plan\'s 10,000', () => {
    expect(report.perThousandDailyUsers).toEqual({ low: Math.round(report.low / 10 * 100) / 100, high: Math.round(report.high / 10 * 100) / 100 });
    const text = formatCostReport('production', plan, production);
    expect(text).toContain('| **per 1,000 daily users** | 10,000 daily users, 88 M requests a month |');
    expect(text).toContain('(ceiling within)');
  });

  it('`npm --prefix pulumi run cost -- production` prints the plan, the ceiling within the budget and the cost per 1,000 daily users', () => {
    const out = execFileSync('npx', ['tsx', 'cost-report.ts', 'production'], { cwd: pulumiDir, encoding: 'utf8' });
    const current = planStack(production);
    const usd = (x: number) => `$${Math.round(x).toLocaleString('en-US')}`;
    expect(out).toContain(`| **total** | | **${usd(current.cost.low)}** | **${usd(current.cost.high)}** |`);
    expect(out).toContain(`| budget | | | $2,000 (ceiling within) |`);
    expect(out).toContain(`**${usd(current.cost.perThousandDailyUsers.low)}** | **${usd(current.cost.perThousandDailyUsers.high)}** |`);
  });

  it('matches the figures in the README\'s cost table', () => {
    const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
    const current = planStack(production);
    const usd = (x: number) => `$${Math.round(x).toLocaleString('en-US')}`;
    const row = readme.split('\n').find((l) => l.startsWith('| production |'));
    expect(row).toBeDefined();
    expect(row).toContain(`| ${usd(current.cost.low)} | ${usd(current.cost.high)} |`);
    expect(row).toContain(`| ${usd(current.cost.perThousandDailyUsers.low)} | ${usd(current.cost.perThousandDailyUsers.high)} |`);
  });
});
