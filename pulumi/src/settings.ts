/**
 * Stack settings: everything that differs between staging and production, read once from the stack's
 * config (Pulumi.<stack>.yaml, namespace `dandori`) and checked before any resource is declared.
 * Pure: the cost model and the tests read the same YAML files through `parseSettings`.
 */
export type StackName = 'staging' | 'production';

export interface ClusterSettings {
  version: string;
  instanceType: string;
  capacityType: 'ON_DEMAND' | 'SPOT';
  /**
   * Nodes kept in each zone's node group when idle. The maximum is not a setting: the capacity plan
   * derives it from the HPA maximum, the rollout surge, the workers and the add-ons (capacity.ts).
   */
  minNodesPerZone: number;
  nodeDiskGb: number;
  /** Who may reach the public Kubernetes API endpoint (CI and operators). */
  publicAccessCidrs: string[];
}

export interface DatabaseSettings {
  engineVersion: string;
  instanceClass: string;
  /** Readers created at deploy time; the auto scaling maximum is derived by the capacity plan. */
  readerMin: number;
  readerCpuTargetPercent: number;
  /** Set in the cluster parameter group, so the connection alarm's 80 % is of a known number. */
  maxConnections: number;
  backupRetentionDays: number;
  deletionProtection: boolean;
  performanceInsightsRetentionDays: number;
  /** For the cost model only. */
  storageGbEstimate: number;
  ioRequestsMillionsPerMonthEstimate: number;
}

export interface RedisSettings {
  engineVersion: string;
  nodeType: string;
  /** Primary plus replicas, one per zone (>= 2 for Multi-AZ with automatic failover). */
  nodes: number;
  snapshotRetentionDays: number;
}

export interface StorageSettings {
  cloudfrontPriceClass: 'PriceClass_All' | 'PriceClass_200' | 'PriceClass_100';
  /** How long monthly database exports stay in the backup bucket (Glacier after 30 days). */
  backupRetentionDays: number;
  /** For the cost model only. */
  uploadsGbEstimate: number;
  staticGbEstimate: number;
  cdnEgressGbEstimate: number;
  /** Database exports kept in the backup bucket (Glacier), and exported each month. */
  backupArchiveGbEstimate: number;
  backupExportGbPerMonthEstimate: number;
}

/**
 * What the stack must carry and may cost: the inputs of the capacity plan (capacity.ts), which
 * derives the HPA maximum, the node and reader maxima and the cost ceiling from them.
 */
export interface CapacitySettings {
  /** The plan's daily users (for cost per 1,000 daily users and the request-priced items). */
  dailyActiveUsers: number;
  /** The plan's peak: users connected at once ... */
  peakConcurrentUsers: number;
  /** ... each sending at most this many requests a second (seed-peak profile: a query, then 1 s of think time). */
  requestsPerUserPerSecond: number;
  /** Requests one daily user sends in a day, and business days a month: CloudFront and WAF price requests. */
  requestsPerDailyUser: number;
  businessDaysPerMonth: number;
  /** PostgreSQL and Redis traffic per request, both directions (cross-zone data transfer). */
  dataStoreKbPerRequest: number;
  /** The cost ceiling (every autoscaler at its maximum) must stay at or under this, on demand. */
  budgetUsdPerMonth: number;
}

export interface AppSettings {
  /** The kustomize overlay under k8s/overlays deployed onto the cluster. */
  overlay: string;
  /** Overrides the overlay's image (e.g. a tag set by CI); empty keeps the overlay's. */
  image: string;
  /** ACM certificate (in the stack's region) for the ALB's HTTPS listener. */
  certificateArn: string;
  /** ACM certificate in us-east-1 (CloudFront's region) for the API's host name on CloudFront. */
  cdnCertificateArn: string;
  /** WAF rate-based rule: requests one client address may send in 5 minutes (a whole office behind one NAT). */
  wafRequestsPer5MinPerIp: number;
  /** IAM policy for the AWS Load Balancer Controller, created once per account from the controller's docs. */
  loadBalancerControllerPolicyArn: string;
  alarmEmail: string;
  /** How long the EKS control plane and Aurora log groups keep their logs (they never expire otherwise). */
  logRetentionDays: number;
  /** For the cost model only. */
  albLcuEstimate: number;
  egressGbEstimate: number;
  natGbEstimate: number;
  logsGbEstimate: number;
}

export interface NetworkSettings {
  vpcCidr: string;
  availabilityZones: string[];
  /** 1 (cheaper, one zone's NAT is a single point of failure for egress) or one per zone. */
  natGateways: number;
}

export interface Settings {
  stack: StackName;
  region: string;
  network: NetworkSettings;
  cluster: ClusterSettings;
  database: DatabaseSettings;
  redis: RedisSettings;
  storage: StorageSettings;
  app: AppSettings;
  capacity: CapacitySettings;
}

/** The retention periods CloudWatch Logs accepts (days), up to two years. */
export const LOG_RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731] as const;

/** Reads one config key: the value as Pulumi would give it for `<namespace>:<key>` (objects parsed). */
export type ConfigReader = (namespace: string, key: string) => unknown;

export class SettingsError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid stack config:\n  - ${problems.join('\n  - ')}`);
  }
}

export function parseSettings(stack: string, read: ConfigReader): Settings {
  const problems: string[] = [];
  if (stack !== 'staging' && stack !== 'production') problems.push(`stack must be staging or production, got '${stack}'`);

  const section = (key: string): Record<string, unknown> => {
    const value = read('dandori', key);
    if (value === undefined || value === null || typeof value !== 'object' || Array.isArray(value)) {
      problems.push(`dandori:${key} must be an object, got ${JSON.stringify(value)}`);
      return {};
    }
    return value as Record<string, unknown>;
  };
  const str = (obj: Record<string, unknown>, where: string, key: string, fallback?: string): string => {
    const v = obj[key] ?? fallback;
    if (typeof v !== 'string') problems.push(`${where}.${key} must be a string, got ${JSON.stringify(v)}`);
    return String(v ?? '');
  };
  const num = (obj: Record<string, unknown>, where: string, key: string, min: number, max: number, fallback?: number): number => {
    const v = obj[key] ?? fallback;
    if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max) {
      problems.push(`${where}.${key} must be a number in [${min}, ${max}], got ${JSON.stringify(v)}`);
      return min;
    }
    return v;
  };
  const bool = (obj: Record<string, unknown>, where: string, key: string): boolean => {
    const v = obj[key];
    if (typeof v !== 'boolean') problems.push(`${where}.${key} must be true or false, got ${JSON.stringify(v)}`);
    return v === true;
  };
  const oneOf = <T extends string>(obj: Record<string, unknown>, where: string, key: string, allowed: readonly T[]): T => {
    const v = obj[key];
    if (!allowed.includes(v as T)) problems.push(`${where}.${key} must be one of ${allowed.join(', ')}, got ${JSON.stringify(v)}`);
    return (allowed.includes(v as T) ? v : allowed[0]) as T;
  };
  const oneOfNumbers = (obj: Record<string, unknown>, where: string, key: string, allowed: readonly number[]): number => {
    const v = obj[key];
    if (!allowed.includes(v as number)) problems.push(`${where}.${key} must be one of ${allowed.join(', ')}, got ${JSON.stringify(v)}`);
    return allowed.includes(v as number) ? (v as number) : allowed[0]!;
  };
  const strings = (obj: Record<string, unknown>, where: string, key: string): string[] => {
    const v = obj[key];
    if (!Array.isArray(v) || v.some((s) => typeof s !== 'string')) {
      problems.push(`${where}.${key} must be a list of strings, got ${JSON.stringify(v)}`);
      return [];
    }
    return v as string[];
  };

  const region = read('aws', 'region');
  if (typeof region !== 'string' || region === '') problems.push(`aws:region must be set, got ${JSON.stringify(region)}`);

  const n = section('network');
  const network: NetworkSettings = {
    vpcCidr: str(n, 'network', 'vpcCidr'),
    availabilityZones: strings(n, 'network', 'availabilityZones'),
    natGateways: num(n, 'network', 'natGateways', 1, 3),
  };
  if (!/^10\.\d{1,3}\.0\.0\/16$/.test(network.vpcCidr)) problems.push(`network.vpcCidr must be a 10.x.0.0/16, got '${network.vpcCidr}'`);
  if (network.availabilityZones.length !== 3) problems.push(`network.availabilityZones must list 3 zones, got ${network.availabilityZones.length}`);

  const c = section('cluster');
  const cluster: ClusterSettings = {
    version: str(c, 'cluster', 'version'),
    instanceType: str(c, 'cluster', 'instanceType'),
    capacityType: oneOf(c, 'cluster', 'capacityType', ['ON_DEMAND', 'SPOT'] as const),
    minNodesPerZone: num(c, 'cluster', 'minNodesPerZone', 1, 10),
    nodeDiskGb: num(c, 'cluster', 'nodeDiskGb', 20, 500, 50),
    publicAccessCidrs: strings(c, 'cluster', 'publicAccessCidrs'),
  };

  const d = section('database');
  const database: DatabaseSettings = {
    engineVersion: str(d, 'database', 'engineVersion'),
    instanceClass: str(d, 'database', 'instanceClass'),
    readerMin: num(d, 'database', 'readerMin', 1, 15),
    readerCpuTargetPercent: num(d, 'database', 'readerCpuTargetPercent', 10, 90, 70),
    maxConnections: num(d, 'database', 'maxConnections', 50, 5000),
    backupRetentionDays: num(d, 'database', 'backupRetentionDays', 1, 35),
    deletionProtection: bool(d, 'database', 'deletionProtection'),
    performanceInsightsRetentionDays: num(d, 'database', 'performanceInsightsRetentionDays', 7, 731, 7),
    storageGbEstimate: num(d, 'database', 'storageGbEstimate', 0, 100000, 20),
    ioRequestsMillionsPerMonthEstimate: num(d, 'database', 'ioRequestsMillionsPerMonthEstimate', 0, 100000, 10),
  };

  const r = section('redis');
  const redis: RedisSettings = {
    engineVersion: str(r, 'redis', 'engineVersion'),
    nodeType: str(r, 'redis', 'nodeType'),
    nodes: num(r, 'redis', 'nodes', 2, 6),
    snapshotRetentionDays: num(r, 'redis', 'snapshotRetentionDays', 0, 35),
  };

  const s = section('storage');
  const storage: StorageSettings = {
    cloudfrontPriceClass: oneOf(s, 'storage', 'cloudfrontPriceClass', ['PriceClass_200', 'PriceClass_All', 'PriceClass_100'] as const),
    backupRetentionDays: num(s, 'storage', 'backupRetentionDays', 31, 3650),
    uploadsGbEstimate: num(s, 'storage', 'uploadsGbEstimate', 0, 1e6, 10),
    staticGbEstimate: num(s, 'storage', 'staticGbEstimate', 0, 1e6, 1),
    cdnEgressGbEstimate: num(s, 'storage', 'cdnEgressGbEstimate', 0, 1e6, 10),
    backupArchiveGbEstimate: num(s, 'storage', 'backupArchiveGbEstimate', 0, 1e6, 0),
    backupExportGbPerMonthEstimate: num(s, 'storage', 'backupExportGbPerMonthEstimate', 0, 1e6, 0),
  };

  const a = section('app');
  const app: AppSettings = {
    overlay: str(a, 'app', 'overlay'),
    image: str(a, 'app', 'image', ''),
    certificateArn: str(a, 'app', 'certificateArn'),
    cdnCertificateArn: str(a, 'app', 'cdnCertificateArn'),
    wafRequestsPer5MinPerIp: num(a, 'app', 'wafRequestsPer5MinPerIp', 100, 2e9),
    loadBalancerControllerPolicyArn: str(a, 'app', 'loadBalancerControllerPolicyArn'),
    alarmEmail: str(a, 'app', 'alarmEmail', ''),
    logRetentionDays: oneOfNumbers(a, 'app', 'logRetentionDays', LOG_RETENTION_DAYS),
    albLcuEstimate: num(a, 'app', 'albLcuEstimate', 0, 1000, 2),
    egressGbEstimate: num(a, 'app', 'egressGbEstimate', 0, 1e6, 10),
    natGbEstimate: num(a, 'app', 'natGbEstimate', 0, 1e6, 10),
    logsGbEstimate: num(a, 'app', 'logsGbEstimate', 0, 1e6, 5),
  };
  if (!/^arn:aws:acm:/.test(app.certificateArn)) problems.push(`app.certificateArn must be an ACM certificate ARN, got '${app.certificateArn}'`);
  if (!/^arn:aws:acm:us-east-1:/.test(app.cdnCertificateArn)) {
    problems.push(`app.cdnCertificateArn must be an ACM certificate ARN in us-east-1 (CloudFront's), got '${app.cdnCertificateArn}'`);
  }
  if (!/^arn:aws:iam::\d{12}:policy\//.test(app.loadBalancerControllerPolicyArn)) {
    problems.push(`app.loadBalancerControllerPolicyArn must be an IAM policy ARN, got '${app.loadBalancerControllerPolicyArn}'`);
  }

  const k = section('capacity');
  const capacity: CapacitySettings = {
    dailyActiveUsers: num(k, 'capacity', 'dailyActiveUsers', 1, 1e7),
    peakConcurrentUsers: num(k, 'capacity', 'peakConcurrentUsers', 1, 1e7),
    requestsPerUserPerSecond: num(k, 'capacity', 'requestsPerUserPerSecond', 0.001, 100),
    requestsPerDailyUser: num(k, 'capacity', 'requestsPerDailyUser', 1, 1e6),
    businessDaysPerMonth: num(k, 'capacity', 'businessDaysPerMonth', 1, 31),
    dataStoreKbPerRequest: num(k, 'capacity', 'dataStoreKbPerRequest', 0, 1e4),
    budgetUsdPerMonth: num(k, 'capacity', 'budgetUsdPerMonth', 1, 1e6),
  };

  if (problems.length > 0) throw new SettingsError(problems);
  return { stack: stack as StackName, region: region as string, network, cluster, database, redis, storage, app, capacity };
}
