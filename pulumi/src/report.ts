/**
 * The cost report (`npm --prefix pulumi run cost -- <stack>`): the capacity plan's scale, then every
 * cost line at the floor and the ceiling, the budget check and the cost per 1,000 daily users.
 */
import { type CapacityPlan, DB_CPU_MS_PER_REQUEST } from './capacity';
import { PLAN_TOTAL } from './cost';
import type { Settings } from './settings';

const usd = (x: number) => `$${x.toLocaleString('en-US', { minimumFractionDigits: 0, maximumFractionDigits: 0 })}`;
const num = (x: number) => x.toLocaleString('en-US', { maximumFractionDigits: 0 });

export function formatCostReport(stack: string, plan: CapacityPlan, settings: Settings): string {
  const report = plan.cost;
  const k = settings.capacity;
  const rows = report.lines.map((l) => `| ${l.item} | ${l.basis} | ${usd(l.low)} | ${usd(l.high)} |`);
  const budget = k.budgetUsdPerMonth;
  return [
    `Monthly cost of the ${stack} stack, Tokyo (ap-northeast-1), on demand`,
    '',
    `Capacity plan: one API pod serves ${num(plan.podCapacityRps)} req/s (pulumi/src/capacity.ts POD_CAPACITY); the HPA adds pods at ${num(plan.podTargetRps)} req/s per pod;`,
    `peak ${num(k.peakConcurrentUsers)} users x ${k.requestsPerUserPerSecond} req/s = ${num(plan.peakRps)} req/s needs ${plan.demandPods} pods; PostgreSQL ${DB_CPU_MS_PER_REQUEST} ms CPU per request.`,
    `Scale: API pods ${plan.hpa.min}-${plan.hpa.max}, nodes ${plan.nodes.min}-${plan.nodes.max} (${plan.nodesPerZone.min}-${plan.nodesPerZone.max} per zone), Aurora readers ${plan.readers.min}-${plan.readers.max}.`,
    `At the ceiling it serves ${num(plan.servedRps)} req/s (${num(plan.servedUsers)} users of the peak profile, ${Math.round((100 * plan.servedRps) / plan.peakRps)} % of the peak): limited by the ${plan.limitedBy === 'demand' ? "plan's peak" : 'budget'}.`,
    '',
    '| item | basis | floor | ceiling |',
    '|---|---|---:|---:|',
    ...rows,
    `| **total** | | **${usd(report.low)}** | **${usd(report.high)}** |`,
    `| budget | | | ${usd(budget)} ${plan.withinBudget ? '(ceiling within)' : '(CEILING OVER BUDGET)'} |`,
    `| plan's estimate (production) | | ${usd(PLAN_TOTAL.low)} | ${usd(PLAN_TOTAL.high)} |`,
    `| with 1-year reservations of the floor | EC2 Savings Plan, RDS + ElastiCache reserved | ${usd(report.low - report.reservedSavings)} | ${usd(report.high - report.reservedSavings)} |`,
    k.dailyActiveUsers >= 1000
      ? `| **per 1,000 daily users** | ${num(k.dailyActiveUsers)} daily users, ${num(report.monthlyRequests / 1e6)} M requests a month | **${usd(report.perThousandDailyUsers.low)}** | **${usd(report.perThousandDailyUsers.high)}** |`
      : `| per 1,000 daily users | not meaningful for ${num(k.dailyActiveUsers)} daily users | | |`,
    '',
    `Reserved capacity saves about ${usd(report.reservedSavings)} a month (${usd(report.reservedSavings * 12)} a year).`,
  ].join('\n');
}
