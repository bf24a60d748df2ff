import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';

/** The plan's alarms, and ours. Periods are one minute each. */
export const PLAN_ALARMS = {
  responseTime: { thresholdSeconds: 0.5, evaluationPeriods: 2 },
  databaseConnections: { thresholdPercent: 80, evaluationPeriods: 1 },
  clientErrorRate: { thresholdPercent: 1, evaluationPeriods: 3 },
  /** The target's error budget is 0.1 %: 1 % for 3 minutes is an incident. */
  serverErrorRate: { thresholdPercent: 1, evaluationPeriods: 3 },
  /** Redis never evicts (cache.ts): writes fail at 100 %, so warn well before. */
  redisMemory: { thresholdPercent: 80, evaluationPeriods: 5 },
  /** RDS Proxy could not reach a target for 2 minutes: a failover that is not finishing. */
  proxyAvailability: { thresholdPercent: 100, evaluationPeriods: 2 },
  periodSeconds: 60,
} as const;

/** RDS events that page: failovers, failures, instances becoming unavailable. */
export const RDS_EVENT_CATEGORIES = {
  'db-cluster': ['failover', 'failure', 'maintenance', 'notification'],
  'db-instance': ['availability', 'failover', 'failure', 'recovery', 'low storage'],
} as const;

/** The topic's name is fixed, so the key policy can name it (kms.ts). */
export function alarmTopicName(name: string): string {
  return `${name}-alarms`;
}

export function createAlarmTopic(name: string, key: aws.kms.Key, alarmEmail: string): aws.sns.Topic {
  const topic = new aws.sns.Topic(`${name}-alarms`, { name: alarmTopicName(name), kmsMasterKeyId: key.id });
  if (alarmEmail !== '') {
    new aws.sns.TopicSubscription(`${name}-alarms-email`, { topic: topic.arn, protocol: 'email', endpoint: alarmEmail });
  }
  return topic;
}

export interface AlarmTargets {
  topic: aws.sns.Topic;
  /** e.g. app/dandori-api-production/0123456789abcdef — the ALB made by the Load Balancer Controller. */
  loadBalancerArnSuffix: pulumi.Input<string>;
  dbClusterIdentifier: pulumi.Input<string>;
  dbMaxConnections: number;
  proxyName: pulumi.Input<string>;
  redisReplicationGroupId: pulumi.Input<string>;
  /** The instances Pulumi creates (writer and the minimum readers); readers added by auto scaling come and go. */
  dbInstanceIdentifiers: pulumi.Input<string>[];
}

/**
 * CloudWatch alarms and RDS events to the SNS topic. Dependency health that only the app sees
 * (`dandori_dependency_up`) is alerted on by Prometheus (pulumi/rules/), through the same topic.
 */
export function createAlarms(name: string, targets: AlarmTargets): void {
  const actions = { alarmActions: [targets.topic.arn], okActions: [targets.topic.arn] };
  const period = PLAN_ALARMS.periodSeconds;
  const lb = { LoadBalancer: targets.loadBalancerArnSuffix };

  new aws.cloudwatch.MetricAlarm(`${name}-response-time`, {
    alarmDescription: 'p95 response time above 500 ms for 2 minutes (plan; target p95 < 200 ms)',
    namespace: 'AWS/ApplicationELB',
    metricName: 'TargetResponseTime',
    dimensions: lb,
    extendedStatistic: 'p95',
    period,
    evaluationPeriods: PLAN_ALARMS.responseTime.evaluationPeriods,
    datapointsToAlarm: PLAN_ALARMS.responseTime.evaluationPeriods,
    threshold: PLAN_ALARMS.responseTime.thresholdSeconds,
    comparisonOperator: 'GreaterThanThreshold',
    treatMissingData: 'notBreaching',
    ...actions,
  });

  new aws.cloudwatch.MetricAlarm(`${name}-db-connections`, {
    alarmDescription: `writer connections above 80 % of max_connections (${targets.dbMaxConnections})`,
    namespace: 'AWS/RDS',
    metricName: 'DatabaseConnections',
    dimensions: { DBClusterIdentifier: targets.dbClusterIdentifier, Role: 'WRITER' },
    statistic: 'Maximum',
    period,
    evaluationPeriods: PLAN_ALARMS.databaseConnections.evaluationPeriods,
    threshold: Math.floor((targets.dbMaxConnections * PLAN_ALARMS.databaseConnections.thresholdPercent) / 100),
    comparisonOperator: 'GreaterThanThreshold',
    treatMissingData: 'breaching',
    ...actions,
  });

  const albMetric = (id: string, metricName: string) => ({
    id,
    returnData: false,
    metric: { namespace: 'AWS/ApplicationELB', metricName, dimensions: lb, period, stat: 'Sum' },
  });
  const errorRate = (id: string, description: string, metricName: string, rule: { thresholdPercent: number; evaluationPeriods: number }) =>
    new aws.cloudwatch.MetricAlarm(`${name}-${id}`, {
      alarmDescription: description,
      metricQueries: [
        albMetric('errors', metricName),
        albMetric('requests', 'RequestCount'),
        { id: 'rate', expression: 'IF(requests > 0, 100 * FILL(errors, 0) / requests, 0)', label: `${id} (%)`, returnData: true },
      ],
      evaluationPeriods: rule.evaluationPeriods,
      datapointsToAlarm: rule.evaluationPeriods,
      threshold: rule.thresholdPercent,
      comparisonOperator: 'GreaterThanThreshold',
      treatMissingData: 'notBreaching',
      ...actions,
    });
  errorRate('4xx-rate', '4XX responses above 1 % of requests for 3 minutes', 'HTTPCode_Target_4XX_Count', PLAN_ALARMS.clientErrorRate);
  // The app answers 503 per request while a dependency is down (readiness stays up): this is where it shows.
  errorRate('5xx-rate', '5XX responses above 1 % of requests for 3 minutes (dependency outage, or the app failing)', 'HTTPCode_Target_5XX_Count', PLAN_ALARMS.serverErrorRate);

  new aws.cloudwatch.MetricAlarm(`${name}-redis-memory`, {
    alarmDescription: 'Redis memory above 80 % for 5 minutes: with noeviction, writes (sessions, jobs) fail when it is full',
    namespace: 'AWS/ElastiCache',
    metricName: 'DatabaseMemoryUsagePercentage',
    dimensions: { ReplicationGroupId: targets.redisReplicationGroupId },
    statistic: 'Maximum',
    period,
    evaluationPeriods: PLAN_ALARMS.redisMemory.evaluationPeriods,
    threshold: PLAN_ALARMS.redisMemory.thresholdPercent,
    comparisonOperator: 'GreaterThanThreshold',
    treatMissingData: 'breaching',
    ...actions,
  });

  for (const role of ['READ_WRITE', 'READ_ONLY'] as const) {
    new aws.cloudwatch.MetricAlarm(`${name}-proxy-${role === 'READ_WRITE' ? 'writer' : 'readers'}`, {
      alarmDescription: `RDS Proxy could not reach its ${role === 'READ_WRITE' ? 'writer' : 'readers'} for 2 minutes (a failover that is not finishing)`,
      namespace: 'AWS/RDS',
      metricName: 'AvailabilityPercentage',
      dimensions: { ProxyName: targets.proxyName, TargetGroup: 'default', TargetRole: role },
      statistic: 'Minimum',
      period,
      evaluationPeriods: PLAN_ALARMS.proxyAvailability.evaluationPeriods,
      datapointsToAlarm: PLAN_ALARMS.proxyAvailability.evaluationPeriods,
      threshold: PLAN_ALARMS.proxyAvailability.thresholdPercent,
      comparisonOperator: 'LessThanThreshold',
      treatMissingData: 'breaching',
      ...actions,
    });
  }

  const sources = { 'db-cluster': [targets.dbClusterIdentifier], 'db-instance': targets.dbInstanceIdentifiers };
  for (const [sourceType, categories] of Object.entries(RDS_EVENT_CATEGORIES)) {
    new aws.rds.EventSubscription(`${name}-rds-${sourceType}`, {
      snsTopic: targets.topic.arn,
      sourceType,
      sourceIds: sources[sourceType as keyof typeof sources],
      eventCategories: [...categories],
    });
  }
}
