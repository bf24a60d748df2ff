/**
 * Monthly cost of a stack, priced from its own settings. Prices: AWS list prices for Tokyo
 * (ap-northeast-1), on demand, USD, as typed in on 2026-11 from the AWS pricing pages; check them
 * against the AWS Pricing Calculator before a budget decision. 730 hours a month.
 */
import type { Settings } from './settings';

export const HOURS_PER_MONTH = 730;

export const TOKYO_PRICES = {
  eksControlPlanePerHour: 0.10,
  ec2PerHour: { 't3.medium': 0.0544, 't3.large': 0.1088, 'm6i.large': 0.124, 'm6i.xlarge': 0.248, 'm7g.large': 0.1054 } as Record<string, number>,
  /** Average Spot discount seen for these families in Tokyo; Spot prices move. */
  spotDiscount: 0.65,
  ebsGp3PerGbMonth: 0.096,
  auroraPerHour: { 'db.t4g.medium': 0.113, 'db.r6g.large': 0.313, 'db.r6g.xlarge': 0.626, 'db.r7g.large': 0.333 } as Record<string, number>,
  auroraVcpus: { 'db.t4g.medium': 2, 'db.r6g.large': 2, 'db.r6g.xlarge': 4, 'db.r7g.large': 2 } as Record<string, number>,
  auroraStoragePerGbMonth: 0.12,
  auroraIoPerMillion: 0.24,
  rdsProxyPerVcpuHour: 0.018,
  elasticachePerHour: { 'cache.t4g.small': 0.041, 'cache.t4g.medium': 0.082, 'cache.m7g.large': 0.196, 'cache.r7g.large': 0.263 } as Record<string, number>,
  natPerHour: 0.062,
  natPerGb: 0.062,
  albPerHour: 0.0243,
  albPerLcuHour: 0.008,
  s3StandardPerGbMonth: 0.025,
  cloudfrontJapanPerGb: 0.114,
  dataTransferOutPerGb: 0.114,
  cloudwatchLogsIngestPerGb: 0.76,
  cloudwatchAlarmPerMetric: 0.10,
  /** Metrics, dashboards and API calls on top of logs and alarms: a flat allowance. */
  cloudwatchOtherPerMonth: 10,
  secretsManagerPerSecretMonth: 0.40,
  kmsKeyPerMonth: 1.0,
} as const;

/** 1-year, no upfront: EC2 Compute Savings Plan, RDS and ElastiCache reserved nodes (approximate). */
export const RESERVED_DISCOUNT = { ec2: 0.28, aurora: 0.31, elasticache: 0.31 } as const;

export interface CostLine {
  item: string;
  basis: string;
  /** At the floor of every autoscaler. */
  low: number;
  /** With every autoscaler at its ceiling. */
  high: number;
  reservable?: keyof typeof RESERVED_DISCOUNT;
}

export interface CostReport {
  lines: CostLine[];
  low: number;
  high: number;
  /** Monthly saving from reserving the always-on floor (nodes, writer + min readers, Redis). */
  reservedSavings: number;
}

/** The plan's monthly estimate for production. */
export const PLAN_TOTAL = { low: 1125, high: 2075 } as const;

function price(table: Record<string, number>, key: string, what: string): number {
  const p = table[key];
  if (p === undefined) throw new Error(`no Tokyo price for ${what} '${key}': add it to TOKYO_PRICES`);
  return p;
}

export function estimateMonthlyCost(s: Settings): CostReport {
  const P = TOKYO_PRICES;
  const h = HOURS_PER_MONTH;
  const ec2Hour = price(P.ec2PerHour, s.cluster.instanceType, 'EC2 instance type') * (s.cluster.capacityType === 'SPOT' ? 1 - P.spotDiscount : 1);
  const dbHour = price(P.auroraPerHour, s.database.instanceClass, 'Aurora instance class');
  const dbVcpu = price(P.auroraVcpus, s.database.instanceClass, 'Aurora instance class');
  const redisHour = price(P.elasticachePerHour, s.redis.nodeType, 'ElastiCache node type');
  const instancesLow = 1 + s.database.readerMin;
  const instancesHigh = 1 + s.database.readerMax;
  const secrets = 2; // database and Redis credentials
  const alarmMetrics = 1 + 1 + 2; // response time, connections, 4XX rate (two metrics)

  const fixed = (item: string, basis: string, value: number, reservable?: CostLine['reservable']): CostLine =>
    ({ item, basis, low: value, high: value, ...(reservable ? { reservable } : {}) });
  const lines: CostLine[] = [
    fixed('EKS control plane', '1 cluster', P.eksControlPlanePerHour * h),
    {
      item: 'EC2 nodes', basis: `${s.cluster.minNodes}-${s.cluster.maxNodes} x ${s.cluster.instanceType} ${s.cluster.capacityType}`,
      low: s.cluster.minNodes * ec2Hour * h, high: s.cluster.maxNodes * ec2Hour * h,
      ...(s.cluster.capacityType === 'ON_DEMAND' ? { reservable: 'ec2' as const } : {}),
    },
    {
      item: 'EBS (node disks)', basis: `${s.cluster.nodeDiskGb} GB gp3 per node`,
      low: s.cluster.minNodes * s.cluster.nodeDiskGb * P.ebsGp3PerGbMonth, high: s.cluster.maxNodes * s.cluster.nodeDiskGb * P.ebsGp3PerGbMonth,
    },
    {
      item: 'Aurora instances', basis: `writer + ${s.database.readerMin}-${s.database.readerMax} readers, ${s.database.instanceClass}`,
      low: instancesLow * dbHour * h, high: instancesHigh * dbHour * h, reservable: 'aurora',
    },
    fixed('Aurora storage and I/O', `${s.database.storageGbEstimate} GB, ${s.database.ioRequestsMillionsPerMonthEstimate} M I/O`,
      s.database.storageGbEstimate * P.auroraStoragePerGbMonth + s.database.ioRequestsMillionsPerMonthEstimate * P.auroraIoPerMillion),
    {
      item: 'RDS Proxy', basis: `${dbVcpu} vCPU per Aurora instance`,
      low: instancesLow * dbVcpu * P.rdsProxyPerVcpuHour * h, high: instancesHigh * dbVcpu * P.rdsProxyPerVcpuHour * h,
    },
    fixed('ElastiCache Redis', `${s.redis.nodes} x ${s.redis.nodeType}`, s.redis.nodes * redisHour * h, 'elasticache'),
    fixed('NAT gateways', `${s.network.natGateways} x, ${s.app.natGbEstimate} GB`, s.network.natGateways * P.natPerHour * h + s.app.natGbEstimate * P.natPerGb),
    fixed('Application Load Balancer', `1 ALB, ${s.app.albLcuEstimate} LCU average`, P.albPerHour * h + s.app.albLcuEstimate * P.albPerLcuHour * h),
    fixed('Data transfer out (API)', `${s.app.egressGbEstimate} GB`, s.app.egressGbEstimate * P.dataTransferOutPerGb),
    fixed('S3 (uploads + assets)', `${s.storage.uploadsGbEstimate + s.storage.staticGbEstimate} GB`,
      (s.storage.uploadsGbEstimate + s.storage.staticGbEstimate) * P.s3StandardPerGbMonth),
    fixed('CloudFront', `${s.storage.cdnEgressGbEstimate} GB to viewers in Japan`, s.storage.cdnEgressGbEstimate * P.cloudfrontJapanPerGb),
    fixed('CloudWatch', `${s.app.logsGbEstimate} GB logs, ${alarmMetrics} alarm metrics`,
      s.app.logsGbEstimate * P.cloudwatchLogsIngestPerGb + alarmMetrics * P.cloudwatchAlarmPerMetric + P.cloudwatchOtherPerMonth),
    fixed('Secrets Manager + KMS', `${secrets} secrets, 1 key`, secrets * P.secretsManagerPerSecretMonth + P.kmsKeyPerMonth),
  ];
  const round = (x: number) => Math.round(x * 100) / 100;
  const rounded = lines.map((l) => ({ ...l, low: round(l.low), high: round(l.high) }));
  const reservedSavings = rounded.reduce((sum, l) => (l.reservable ? sum + l.low * RESERVED_DISCOUNT[l.reservable] : sum), 0);
  return {
    lines: rounded,
    low: round(rounded.reduce((sum, l) => sum + l.low, 0)),
    high: round(rounded.reduce((sum, l) => sum + l.high, 0)),
    reservedSavings: round(reservedSavings),
  };
}

export function formatCostReport(stack: string, report: CostReport): string {
  const usd = (x: number) => `$${x.toLocaleString('en-US', { minimumFractionDigits: 0, maximumFractionDigits: 0 })}`;
  const rows = report.lines.map((l) => `| ${l.item} | ${l.basis} | ${usd(l.low)} | ${usd(l.high)} |`);
  return [
    `Monthly cost of the ${stack} stack, Tokyo (ap-northeast-1), on demand`,
    '',
    '| item | basis | floor | ceiling |',
    '|---|---|---:|---:|',
    ...rows,
    `| **total** | | **${usd(report.low)}** | **${usd(report.high)}** |`,
    `| plan's estimate (production) | | ${usd(PLAN_TOTAL.low)} | ${usd(PLAN_TOTAL.high)} |`,
    `| with 1-year reservations of the floor | EC2 Savings Plan, RDS + ElastiCache reserved | ${usd(report.low - report.reservedSavings)} | ${usd(report.high - report.reservedSavings)} |`,
    '',
    `Reserved capacity saves about ${usd(report.reservedSavings)} a month (${usd(report.reservedSavings * 12)} a year).`,
  ].join('\n');
}
