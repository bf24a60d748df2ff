import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';

/** The plan's alarms. Periods are one minute each. */
export const PLAN_ALARMS = {
  responseTime: { thresholdSeconds: 0.5, evaluationPeriods: 2 },
  databaseConnections: { thresholdPercent: 80, evaluationPeriods: 1 },
  clientErrorRate: { thresholdPercent: 1, evaluationPeriods: 3 },
  periodSeconds: 60,
} as const;

export interface AlarmTargets {
  /** e.g. app/dandori-api-production/0123456789abcdef — the ALB made by the Load Balancer Controller. */
  loadBalancerArnSuffix: pulumi.Input<string>;
  dbClusterIdentifier: pulumi.Input<string>;
  dbMaxConnections: number;
  alarmEmail: string;
}

export function createAlarms(name: string, targets: AlarmTargets, key: aws.kms.Key): aws.sns.Topic {
  const topic = new aws.sns.Topic(`${name}-alarms`, { kmsMasterKeyId: key.id });
  if (targets.alarmEmail !== '') {
    new aws.sns.TopicSubscription(`${name}-alarms-email`, { topic: topic.arn, protocol: 'email', endpoint: targets.alarmEmail });
  }
  const actions = { alarmActions: [topic.arn], okActions: [topic.arn] };
  const period = PLAN_ALARMS.periodSeconds;

  new aws.cloudwatch.MetricAlarm(`${name}-response-time`, {
    alarmDescription: 'p95 response time above 500 ms for 2 minutes (plan; target p95 < 200 ms)',
    namespace: 'AWS/ApplicationELB',
    metricName: 'TargetResponseTime',
    dimensions: { LoadBalancer: targets.loadBalancerArnSuffix },
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
    metric: { namespace: 'AWS/ApplicationELB', metricName, dimensions: { LoadBalancer: targets.loadBalancerArnSuffix }, period, stat: 'Sum' },
  });
  new aws.cloudwatch.MetricAlarm(`${name}-4xx-rate`, {
    alarmDescription: '4XX responses above 1 % of requests for 3 minutes',
    metricQueries: [
      albMetric('errors', 'HTTPCode_Target_4XX_Count'),
      albMetric('requests', 'RequestCount'),
      { id: 'rate', expression: 'IF(requests > 0, 100 * FILL(errors, 0) / requests, 0)', label: '4XX rate (%)', returnData: true },
    ],
    evaluationPeriods: PLAN_ALARMS.clientErrorRate.evaluationPeriods,
    datapointsToAlarm: PLAN_ALARMS.clientErrorRate.evaluationPeriods,
    threshold: PLAN_ALARMS.clientErrorRate.thresholdPercent,
    comparisonOperator: 'GreaterThanThreshold',
    treatMissingData: 'notBreaching',
    ...actions,
  });
  return topic;
}
