/**
 * Monthly cost of a stack, priced from its own settings and the scale its capacity plan allows
 * (capacity.ts). Prices: AWS list prices for Tokyo (ap-northeast-1), on demand, USD, as typed in on
 * 2026-11 from the AWS pricing pages; check them against the AWS Pricing Calculator before a budget
 * decision. 730 hours a month.
 */
import { ADDON_PODS, PROMETHEUS_VOLUME_GB } from './addon-pods';
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
  /** Exporting a snapshot or cluster to S3 (Parquet), per GB of data exported. */
  rdsExportPerGb: 0.011,
  elasticachePerHour: { 'cache.t4g.small': 0.041, 'cache.t4g.medium': 0.082, 'cache.m7g.large': 0.196, 'cache.r7g.large': 0.263 } as Record<string, number>,
  natPerHour: 0.062,
  natPerGb: 0.062,
  /** Every public IPv4 address (here: the NAT gateways' Elastic IPs; the ALB is internal). */
  publicIpv4PerHour: 0.005,
  albPerHour: 0.0243,
  albPerLcuHour: 0.008,
  /** Between zones of the region, charged on both sides. */
  crossAzPerGbEachWay: 0.01,
  s3StandardPerGbMonth: 0.025,
  s3GlacierPerGbMonth: 0.0045,
  cloudfrontJapanPerGb: 0.114,
  cloudfrontJapanPerTenThousandHttps: 0.012,
  wafWebAclPerMonth: 5.0,
  wafRulePerMonth: 1.0,
  wafPerMillionRequests: 0.60,
  cloudwatchLogsIngestPerGb: 0.76,
  cloudwatchLogsStoragePerGbMonth: 0.033,
  cloudwatchAlarmPerMetric: 0.10,
  /** Metrics, dashboards and API calls on top of logs and alarms: a flat allowance. */
  cloudwatchOtherPerMonth: 10,
  secretsManagerPerSecretMonth: 0.40,
  kmsKeyPerMonth: 1.0,
} as const;

/** 1-year, no upfront: EC2 Compute Savings Plan, RDS and ElastiCache reserved nodes (approximate). */
export const RESERVED_DISCOUNT = { ec2: 0.28, aurora: 0.31, elasticache: 0.31 } as const;

/**
 * CloudWatch metric alarms and the metrics they read (alarms.ts; a test counts the alarms the
 * program declares): response time, writer connections, 4XX rate (2), 5XX rate (2), Redis memory,
 * RDS Proxy availability of the writer and the readers (2).
 */
export const ALARM_METRICS = 9;
/** WAF rules billed per month: three AWS managed rule groups and the rate-based rule (storage.ts). */
export const WAF_RULES = 4;
/** Secrets Manager: the database's master and app credentials, the Redis token. */
export const SECRETS = 3;

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
  /** Requests a month (CloudFront, WAF, cross-zone traffic are priced per request). */
  monthlyRequests: number;
  /** Monthly cost per 1,000 daily users, at the floor and the ceiling. */
  perThousandDailyUsers: { low: number; high: number };
}

/** The autoscalers' bounds the cost is taken at. */
export interface Scale {
  nodes: { min: number; max: number };
  readers: { min: number; max: number };
}

/** The plan's monthly estimate for production. */
export const PLAN_TOTAL = { low: 1125, high: 2075 } as const;

function price(table: Record<string, number>, key: string, what: string): number {
  const p = table[key];
  if (p === undefined) throw new Error(`no Tokyo price for ${what} '${key}': add it to TOKYO_PRICES`);
  return p;
}

export function auroraVcpusOf(instanceClass: string): number {
  return price(TOKYO_PRICES.auroraVcpus, instanceClass, 'Aurora instance class');
}

export function estimateMonthlyCost(s: Settings, scale: Scale): CostReport {
  const P = TOKYO_PRICES;
  const h = HOURS_PER_MONTH;
  const ec2Hour = price(P.ec2PerHour, s.cluster.instanceType, 'EC2 instance type') * (s.cluster.capacityType === 'SPOT' ? 1 - P.spotDiscount : 1);
  const dbHour = price(P.auroraPerHour, s.database.instanceClass, 'Aurora instance class');
  const dbVcpu = auroraVcpusOf(s.database.instanceClass);
  const redisHour = price(P.elasticachePerHour, s.redis.nodeType, 'ElastiCache node type');
  const instancesLow = 1 + scale.readers.min;
  const instancesHigh = 1 + scale.readers.max;
  const k = s.capacity;
  const monthlyRequests = k.dailyActiveUsers * k.requestsPerDailyUser * k.businessDaysPerMonth;
  const millions = monthlyRequests / 1e6;
  // Pods and data stores are spread over three zones: about two thirds of their traffic crosses one.
  const crossAzGb = (monthlyRequests * k.dataStoreKbPerRequest) / 1e6;
  const prometheusGb = ADDON_PODS.prometheusServer.replicas * PROMETHEUS_VOLUME_GB; // one volume per replica
  const storedLogsGb = (s.app.logsGbEstimate * s.app.logRetentionDays) / 30;

  const fixed = (item: string, basis: string, value: number, reservable?: CostLine['reservable']): CostLine =>
    ({ item, basis, low: value, high: value, ...(reservable ? { reservable } : {}) });
  const lines: CostLine[] = [
    fixed('EKS control plane', '1 cluster', P.eksControlPlanePerHour * h),
    {
      item: 'EC2 nodes', basis: `${scale.nodes.min}-${scale.nodes.max} x ${s.cluster.instanceType} ${s.cluster.capacityType}`,
      low: scale.nodes.min * ec2Hour * h, high: scale.nodes.max * ec2Hour * h,
      ...(s.cluster.capacityType === 'ON_DEMAND' ? { reservable: 'ec2' as const } : {}),
    },
    {
      item: 'EBS (node disks, Prometheus)', basis: `${s.cluster.nodeDiskGb} GB gp3 per node, ${prometheusGb} GB`,
      low: (scale.nodes.min * s.cluster.nodeDiskGb + prometheusGb) * P.ebsGp3PerGbMonth,
      high: (scale.nodes.max * s.cluster.nodeDiskGb + prometheusGb) * P.ebsGp3PerGbMonth,
    },
    {
      item: 'Aurora instances', basis: `writer + ${scale.readers.min}-${scale.readers.max} readers, ${s.database.instanceClass}`,
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
    fixed('Public IPv4 addresses', `${s.network.natGateways} (NAT; the ALB is internal)`, s.network.natGateways * P.publicIpv4PerHour * h),
    fixed('Application Load Balancer', `1 internal ALB, ${s.app.albLcuEstimate} LCU average`, P.albPerHour * h + s.app.albLcuEstimate * P.albPerLcuHour * h),
    fixed('CloudFront (API + assets)', `${millions.toFixed(0)} M HTTPS requests, ${s.app.egressGbEstimate + s.storage.cdnEgressGbEstimate} GB to Japan`,
      (monthlyRequests / 1e4) * P.cloudfrontJapanPerTenThousandHttps + (s.app.egressGbEstimate + s.storage.cdnEgressGbEstimate) * P.cloudfrontJapanPerGb),
    fixed('AWS WAF', `1 web ACL, ${WAF_RULES} rules, ${millions.toFixed(0)} M requests`,
      P.wafWebAclPerMonth + WAF_RULES * P.wafRulePerMonth + millions * P.wafPerMillionRequests),
    fixed('Cross-zone data transfer', `${Math.round(crossAzGb).toLocaleString('en-US')} GB to PostgreSQL and Redis, 2/3 crossing`, crossAzGb * (2 / 3) * 2 * P.crossAzPerGbEachWay),
    fixed('S3 (uploads, assets, backups)',
      `${s.storage.uploadsGbEstimate + s.storage.staticGbEstimate} GB standard, ${s.storage.backupArchiveGbEstimate} GB Glacier, ${s.storage.backupExportGbPerMonthEstimate} GB exported`,
      (s.storage.uploadsGbEstimate + s.storage.staticGbEstimate) * P.s3StandardPerGbMonth
        + s.storage.backupArchiveGbEstimate * P.s3GlacierPerGbMonth + s.storage.backupExportGbPerMonthEstimate * P.rdsExportPerGb),
    fixed('CloudWatch', `${s.app.logsGbEstimate} GB logs kept ${s.app.logRetentionDays} days, ${ALARM_METRICS} alarm metrics`,
      s.app.logsGbEstimate * P.cloudwatchLogsIngestPerGb + storedLogsGb * P.cloudwatchLogsStoragePerGbMonth
        + ALARM_METRICS * P.cloudwatchAlarmPerMetric + P.cloudwatchOtherPerMonth),
    fixed('Secrets Manager + KMS', `${SECRETS} secrets, 1 key`, SECRETS * P.secretsManagerPerSecretMonth + P.kmsKeyPerMonth),
  ];
  const round = (x: number) => Math.round(x * 100) / 100;
  const rounded = lines.map((l) => ({ ...l, low: round(l.low), high: round(l.high) }));
  const reservedSavings = rounded.reduce((sum, l) => (l.reservable ? sum + l.low * RESERVED_DISCOUNT[l.reservable] : sum), 0);
  const low = round(rounded.reduce((sum, l) => sum + l.low, 0));
  const high = round(rounded.reduce((sum, l) => sum + l.high, 0));
  const thousands = k.dailyActiveUsers / 1000;
  return {
    lines: rounded,
    low,
    high,
    reservedSavings: round(reservedSavings),
    monthlyRequests,
    perThousandDailyUsers: { low: round(low / thousands), high: round(high / thousands) },
  };
}
