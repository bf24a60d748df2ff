/**
 * The platform: node groups the Cluster Autoscaler may scale (and may scale only), the HPA's maximum
 * fitting on the nodes' maximum with every pod's requests as the program deploys them, the
 * request-rate signal, readiness and rollouts, alarms and log retention.
 */
import { expect, it } from 'vitest';
import { ADDON_PODS, PER_NODE_PODS } from '../../../pulumi/src/addon-pods';
import { CHARTS, PROMETHEUS } from '../../../pulumi/src/addons';
import { ALARM_METRICS } from '../../../pulumi/src/cost';
import { PACKING_HEADROOM, type PodRequest, allocatableOf, fits, parseCpu, parseMemoryMi, surgeOf } from '../../../pulumi/src/capacity';
import { type RecordedResource, type StackRun, findObj, objsOf, ofType, one, policyStatements } from './pulumi-harness.js';
import type { StackContext } from './stack-assertions.js';

const ZONES = ['ap-northeast-1a', 'ap-northeast-1c', 'ap-northeast-1d'];

const release = (run: StackRun, chart: string): RecordedResource => {
  const found = ofType(run, 'kubernetes:helm.sh/v3:Release').filter((r) => r.inputs.chart === chart);
  if (found.length !== 1) throw new Error(`expected one Helm release of ${chart}, found ${found.length}`);
  return found[0]!;
};

/** `count` pods of `requests` ({cpu, memory} strings as deployed). */
function pods(name: string, count: number, requests: { cpu: string; memory: string }, zone?: number): PodRequest[] {
  return Array.from({ length: count }, (_, i) => ({
    name, cpu: parseCpu(requests.cpu, name), memoryMi: parseMemoryMi(requests.memory, name), ...(zone !== undefined && { zone: (zone + i) % 3 }),
  }));
}

/**
 * Every pod running with the HPA at its maximum during a release, read from what the program
 * deploys: the rendered and customised workloads, the Helm values, the EBS CSI add-on's
 * configuration. Only what EKS itself runs (CoreDNS, kube-proxy, the VPC CNI) comes from addon-pods.ts.
 */
function deployedPodsAtCeiling(run: StackRun): { pods: PodRequest[]; perNode: { cpu: number; memoryMi: number } } {
  const workloads = objsOf(one(run, 'kubernetes:yaml/v2:ConfigGroup', '-workloads'));
  const api = findObj(workloads, 'Deployment', 'dandori-api');
  const worker = findObj(workloads, 'Deployment', 'dandori-worker');
  const hpa = findObj(workloads, 'HorizontalPodAutoscaler', 'dandori-api');
  const job = findObj(objsOf(one(run, 'kubernetes:yaml/v2:ConfigGroup', '-migrations')), 'Job');
  const requests = (o: Record<string, any>) => o.spec.template.spec.containers[0].resources.requests;
  const max = hpa.spec.maxReplicas as number;
  const values = (chart: string) => release(run, chart).inputs.values;
  const prometheus = values('prometheus');
  const sum = (a: { cpu: string; memory: string }, b: { cpu: string; memory: string }) =>
    ({ cpu: `${parseCpu(a.cpu, 'a') + parseCpu(b.cpu, 'b')}m`, memory: `${parseMemoryMi(a.memory, 'a') + parseMemoryMi(b.memory, 'b')}Mi` });
  const ebs = JSON.parse(one(run, 'aws:eks/addon:Addon', '-ebs-csi').inputs.configurationValues);
  const times = (r: { cpu: string; memory: string }, n: number) => ({ cpu: `${parseCpu(r.cpu, 'x') * n}m`, memory: `${parseMemoryMi(r.memory, 'x') * n}Mi` });
  const eks = (p: { replicas: number; cpu: number; memoryMi: number }) => ({ cpu: `${p.cpu}m`, memory: `${p.memoryMi}Mi` });
  return {
    pods: [
      ...pods('dandori-api', max, requests(api), 0),
      ...pods('dandori-api (surge)', surgeOf(api.spec.strategy.rollingUpdate.maxSurge, max), requests(api), 0),
      ...pods('dandori-worker', worker.spec.replicas + surgeOf(worker.spec.strategy.rollingUpdate.maxSurge, worker.spec.replicas), requests(worker)),
      ...pods('dandori-migrate', 1, requests(job)),
      ...pods('lb-controller', values('aws-load-balancer-controller').replicaCount, values('aws-load-balancer-controller').resources.requests),
      ...pods('cluster-autoscaler', values('cluster-autoscaler').replicaCount, values('cluster-autoscaler').resources.requests),
      ...pods('metrics-server', values('metrics-server').replicas, values('metrics-server').resources.requests),
      ...pods('prometheus', prometheus.server.replicaCount, sum(prometheus.server.resources.requests, prometheus.configmapReload.prometheus.resources.requests)),
      ...pods('alertmanager', prometheus.alertmanager.replicaCount, prometheus.alertmanager.resources.requests),
      ...pods('kube-state-metrics', 1, prometheus['kube-state-metrics'].resources.requests),
      ...pods('prometheus-adapter', values('prometheus-adapter').replicas, values('prometheus-adapter').resources.requests),
      ...pods('ebs-csi-controller', ebs.controller.replicaCount, times(ebs.controller.resources.requests, 6)),
      ...pods('coredns', ADDON_PODS.coreDns.replicas, eks(ADDON_PODS.coreDns)),
    ],
    perNode: {
      cpu: PER_NODE_PODS.kubeProxy.cpu + PER_NODE_PODS.awsNode.cpu + parseCpu(ebs.node.resources.requests.cpu, 'ebs node') * 3,
      memoryMi: PER_NODE_PODS.kubeProxy.memoryMi + PER_NODE_PODS.awsNode.memoryMi + parseMemoryMi(ebs.node.resources.requests.memory, 'ebs node') * 3,
    },
  };
}

export function platformAssertions({ run, expected, name }: StackContext): void {
  const nodeGroups = () => ofType(run(), 'aws:eks/nodeGroup:NodeGroup');

  it('runs one node group per zone, scaled between the capacity plan\'s bounds', () => {
    expect(nodeGroups().map((g) => g.name)).toEqual(ZONES.map((z) => `${name}-nodes-${z}`));
    nodeGroups().forEach((group, i) => {
      expect(group.inputs).toMatchObject({
        subnetIds: [`${name}-private-${ZONES[i]}-id`],
        instanceTypes: [expected.nodes.instanceType],
        capacityType: expected.nodes.capacityType,
        scalingConfig: { minSize: expected.nodes.minPerZone, desiredSize: expected.nodes.minPerZone, maxSize: run().plan.nodesPerZone.max },
        launchTemplate: { id: `${name}-nodes-id` },
      });
    });
  });

  it('lets the Cluster Autoscaler (IRSA) scale this cluster\'s node groups and nothing else', () => {
    const ca = release(run(), 'cluster-autoscaler').inputs;
    expect(ca).toMatchObject({ namespace: 'kube-system', version: expect.stringMatching(/^9\./) });
    expect(ca.values).toMatchObject({
      cloudProvider: 'aws', awsRegion: 'ap-northeast-1', autoDiscovery: { clusterName: name },
      image: { tag: expect.stringMatching(new RegExp(`^v${run().settings.cluster.version.replace('.', '\\.')}\\.\\d+$`)) },
      extraArgs: { 'balance-similar-node-groups': true, 'skip-nodes-with-local-storage': false },
    });
    const role = one(run(), 'aws:iam/role:Role', '-cluster-autoscaler');
    expect(ca.values.rbac.serviceAccount.annotations['eks.amazonaws.com/role-arn']).toBe(role.state.arn);
    expect(JSON.parse(role.inputs.assumeRolePolicy).Statement[0].Condition.StringEquals['oidc.eks.ap-northeast-1.amazonaws.com/id/MOCK:sub'])
      .toBe(`system:serviceaccount:kube-system:${ca.values.rbac.serviceAccount.name}`);
    const statements = policyStatements(run()).filter((s) => s.policy === `${name}-cluster-autoscaler`).map((s) => s.statement);
    const scaling = statements.find((s) => s.Action.includes('autoscaling:SetDesiredCapacity'))!;
    expect(scaling.Action.sort()).toEqual(['autoscaling:SetDesiredCapacity', 'autoscaling:TerminateInstanceInAutoScalingGroup']);
    expect(scaling.Condition).toEqual({ StringEquals: { [`aws:ResourceTag/k8s.io/cluster-autoscaler/${name}`]: 'owned' } });
    // Everything it may do without that condition only reads.
    for (const s of statements.filter((x) => x !== scaling)) for (const a of s.Action) expect(a).toMatch(/^(autoscaling|ec2|eks):(Describe|Get)/);
  });

  it('fits the HPA\'s maximum, its rollout surge, the workers and every add-on on the nodes\' maximum', () => {
    const { pods: all, perNode } = deployedPodsAtCeiling(run());
    const allocatable = allocatableOf(expected.nodes.instanceType);
    // With the plan's margin for the scheduler's spreading (PACKING_HEADROOM).
    const room = {
      cpu: Math.floor((allocatable.cpu - perNode.cpu) * PACKING_HEADROOM),
      memoryMi: Math.floor((allocatable.memoryMi - perNode.memoryMi) * PACKING_HEADROOM),
      pods: allocatable.pods - 3,
    };
    const perZoneMax = nodeGroups()[0]!.inputs.scalingConfig.maxSize as number;
    const nodesMax = nodeGroups().reduce((n, g) => n + g.inputs.scalingConfig.maxSize, 0);
    expect(findObj(objsOf(one(run(), 'kubernetes:yaml/v2:ConfigGroup', '-workloads')), 'HorizontalPodAutoscaler').spec.maxReplicas).toBe(run().plan.hpa.max);
    // Requests summed ...
    expect(all.reduce((s, p) => s + p.cpu, 0)).toBeLessThanOrEqual(nodesMax * room.cpu);
    expect(all.reduce((s, p) => s + p.memoryMi, 0)).toBeLessThanOrEqual(nodesMax * room.memoryMi);
    // ... and packed node by node, the API pods held to their zones by the spread rule.
    expect(fits(all, perZoneMax, room)).toBe(true);
    // The plan takes no more nodes than it needs: one fewer per zone would not hold them.
    if (perZoneMax > expected.nodes.minPerZone) expect(fits(all, perZoneMax - 1, room)).toBe(false);
  });

  it('scales on GraphQL requests per second (probes excluded), scraped every 15 s over a 1-minute window', () => {
    const hpa = findObj(objsOf(one(run(), 'kubernetes:yaml/v2:ConfigGroup', '-workloads')), 'HorizontalPodAutoscaler');
    expect(hpa.spec.metrics).toContainEqual({
      type: 'Pods', pods: { metric: { name: 'graphql_requests_per_second' }, target: { type: 'AverageValue', averageValue: String(run().plan.podTargetRps) } },
    });
    const rule = release(run(), 'prometheus-adapter').inputs.values.rules;
    expect(rule.default).toBe(false);
    expect(rule.custom).toEqual([expect.objectContaining({
      seriesQuery: expect.stringContaining('route="/graphql"'),
      name: { matches: '^http_requests_total$', as: 'graphql_requests_per_second' },
      metricsQuery: 'sum(rate(<<.Series>>{<<.LabelMatchers>>,route="/graphql"}[1m])) by (<<.GroupBy>>)',
    })]);
    const prometheus = release(run(), 'prometheus').inputs.values;
    expect(prometheus.server).toMatchObject({
      global: { scrape_interval: '15s', evaluation_interval: '15s' },
      replicaCount: 2, statefulSet: { enabled: true },
      persistentVolume: { enabled: true, storageClass: 'gp3-encrypted' },
    });
    const storageClass = one(run(), 'kubernetes:storage.k8s.io/v1:StorageClass').inputs;
    expect(storageClass).toMatchObject({ provisioner: 'ebs.csi.aws.com', parameters: { type: 'gp3', encrypted: 'true', kmsKeyId: one(run(), 'aws:kms/key:Key').state.arn } });
    expect(one(run(), 'aws:eks/addon:Addon', '-ebs-csi').inputs.serviceAccountRoleArn).toBe(one(run(), 'aws:iam/role:Role', '-ebs-csi').state.arn);
  });

  it('lets Prometheus\'s server pods, and nothing else, scrape the API pods\' metrics port', () => {
    const foundation = objsOf(one(run(), 'kubernetes:yaml/v2:ConfigGroup', '-foundation'));
    const workloads = objsOf(one(run(), 'kubernetes:yaml/v2:ConfigGroup', '-workloads'));
    const config = foundation.filter((o) => o.kind === 'ConfigMap' && o.metadata.name.startsWith('dandori-api-config-'));
    expect(config).toHaveLength(1);
    const metricsPort = Number(config[0]!.data.METRICS_PORT);
    const pod = findObj(workloads, 'Deployment', 'dandori-api').spec.template;
    expect(pod.metadata.annotations).toMatchObject({ 'prometheus.io/scrape': 'true', 'prometheus.io/port': String(metricsPort), 'prometheus.io/path': '/metrics' });
    const policy = findObj(foundation, 'NetworkPolicy', 'dandori-api-metrics');
    expect(policy.spec.ingress).toEqual([{
      from: [{
        namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': PROMETHEUS.namespace } },
        podSelector: { matchLabels: PROMETHEUS.serverPodLabels },
      }],
      ports: [{ port: metricsPort, protocol: 'TCP' }],
    }]);
    // Those are the labels the chart gives the server pods of this release: named after the chart
    // and its server component, neither overridden.
    const prometheus = release(run(), 'prometheus').inputs;
    expect({ name: prometheus.name, namespace: prometheus.namespace }).toEqual({ name: PROMETHEUS.release, namespace: PROMETHEUS.namespace });
    expect(PROMETHEUS.serverPodLabels['app.kubernetes.io/name']).toBe(CHARTS.prometheus.chart);
    expect(prometheus.values.nameOverride).toBeUndefined();
    expect(prometheus.values.server.name).toBeUndefined();
    // The chart's own scrape jobs are kept; its kubernetes-pods job follows the annotations above.
    expect(prometheus.values.serverFiles['prometheus.yml']).toBeUndefined();
  });

  it('alerts on dependency health through Alertmanager to the SNS topic', () => {
    const prometheus = release(run(), 'prometheus').inputs.values;
    const groups = prometheus.serverFiles['alerting_rules.yml'].groups as Array<{ rules: Array<{ alert: string; expr: string }> }>;
    const alerts = groups.flatMap((g) => g.rules);
    expect(alerts.map((r) => r.alert)).toEqual(expect.arrayContaining(['DandoriDependencyDown', 'DandoriDependencyUnreachableFromSomePods']));
    expect(alerts.find((r) => r.alert === 'DandoriDependencyDown')!.expr).toContain('dandori_dependency_up');
    const topicArn = one(run(), 'aws:sns/topic:Topic').state.arn;
    expect(prometheus.alertmanager.config.receivers).toEqual([expect.objectContaining({ sns_configs: [expect.objectContaining({ topic_arn: topicArn })] })]);
    const publish = policyStatements(run()).filter((s) => s.policy === `${name}-alertmanager`).map((s) => s.statement).find((s) => s.Action.includes('sns:Publish'))!;
    expect(publish.Resource).toEqual([topicArn]);
  });

  it('keeps readiness to the pod itself, gates it on the ALB, and never rolls below capacity', () => {
    const foundation = objsOf(one(run(), 'kubernetes:yaml/v2:ConfigGroup', '-foundation'));
    expect(findObj(foundation, 'Namespace', 'dandori').metadata.labels['elbv2.k8s.aws/pod-readiness-gate-inject']).toBe('enabled');
    const workloads = objsOf(one(run(), 'kubernetes:yaml/v2:ConfigGroup', '-workloads'));
    const api = findObj(workloads, 'Deployment', 'dandori-api');
    // /readyz answers from the pod's own state (test/server/readiness.test.ts proves it ignores PostgreSQL and Redis).
    expect(api.spec.template.spec.containers[0].readinessProbe.httpGet).toEqual({ path: '/readyz', port: 'http' });
    expect(api.spec.strategy.rollingUpdate.maxUnavailable).toBe(0);
    expect(api.spec.minReadySeconds).toBeGreaterThanOrEqual(10);
    const ingress = findObj(workloads, 'Ingress');
    expect(ingress.metadata.annotations['alb.ingress.kubernetes.io/healthcheck-path']).toBe('/readyz');
    expect(findObj(workloads, 'PodDisruptionBudget', 'dandori-api').spec.maxUnavailable).toBe(1);
    const worker = findObj(workloads, 'Deployment', 'dandori-worker').spec.template.spec.containers[0];
    expect(worker.livenessProbe.exec.command).toEqual(['node', 'dist/src/jobs/worker-probe.js', 'live']);
    expect(worker.readinessProbe.exec.command).toEqual(['node', 'dist/src/jobs/worker-probe.js', 'ready']);
  });

  it('deploys the overlay: the migration Job first (its own identity and Secret), then the workloads', () => {
    const migrations = objsOf(one(run(), 'kubernetes:yaml/v2:ConfigGroup', '-migrations'));
    expect(migrations.map((o) => o.kind)).toEqual(['Job']);
    expect(migrations[0]!.metadata.name).toMatch(/^dandori-migrate-[0-9a-f]{8}$/);
    const jobPod = migrations[0]!.spec.template.spec;
    expect(jobPod.serviceAccountName).toBe('dandori-migrate');
    expect(jobPod.containers[0].envFrom).toContainEqual({ secretRef: { name: 'dandori-migrate-secrets' } });
    expect(jobPod.containers[0].envFrom).not.toContainEqual({ secretRef: { name: 'dandori-api-secrets' } });
    const workloads = objsOf(one(run(), 'kubernetes:yaml/v2:ConfigGroup', '-workloads'));
    expect(workloads.map((o) => o.kind).sort()).toEqual(
      ['Deployment', 'Deployment', 'HorizontalPodAutoscaler', 'Ingress', 'PodDisruptionBudget', 'PodDisruptionBudget', 'Service'],
    );
    const ingress = findObj(workloads, 'Ingress').metadata.annotations;
    expect(ingress['alb.ingress.kubernetes.io/certificate-arn']).toBe(run().settings.app.certificateArn);
    expect(ingress['alb.ingress.kubernetes.io/load-balancer-name']).toBe(`dandori-api-${expected.stack}`);
    expect(ingress['alb.ingress.kubernetes.io/security-groups']).toBe(`sg-${name}-alb`);
    expect(ofType(run(), 'kubernetes:helm.sh/v3:Release').map((r) => r.inputs.chart).sort()).toEqual(
      ['aws-load-balancer-controller', 'cluster-autoscaler', 'metrics-server', 'prometheus', 'prometheus-adapter'],
    );
  });

  it('raises the plan\'s alarms and its own to an SNS topic, with RDS events', () => {
    const topicArn = one(run(), 'aws:sns/topic:Topic').state.arn;
    const lb = `app/dandori-api-${expected.stack}/0123456789abcdef`;
    const alarm = (suffix: string) => one(run(), 'aws:cloudwatch/metricAlarm:MetricAlarm', suffix).inputs;
    expect(alarm('-response-time')).toMatchObject({ namespace: 'AWS/ApplicationELB', metricName: 'TargetResponseTime', dimensions: { LoadBalancer: lb }, threshold: 0.5, evaluationPeriods: 2, period: 60 });
    expect(alarm('-db-connections')).toMatchObject({
      namespace: 'AWS/RDS', metricName: 'DatabaseConnections', dimensions: { DBClusterIdentifier: `${name}-aurora`, Role: 'WRITER' },
      threshold: expected.maxConnections * 0.8, evaluationPeriods: 1, period: 60,
    });
    for (const [suffix, metric] of [['-4xx-rate', 'HTTPCode_Target_4XX_Count'], ['-5xx-rate', 'HTTPCode_Target_5XX_Count']] as const) {
      const a = alarm(suffix);
      expect(a).toMatchObject({ threshold: 1, evaluationPeriods: 3, comparisonOperator: 'GreaterThanThreshold' });
      expect(a.metricQueries.find((q: any) => q.returnData).expression).toBe('IF(requests > 0, 100 * FILL(errors, 0) / requests, 0)');
      expect(a.metricQueries.filter((q: any) => q.metric).map((q: any) => q.metric.metricName)).toEqual([metric, 'RequestCount']);
    }
    expect(alarm('-redis-memory')).toMatchObject({ namespace: 'AWS/ElastiCache', metricName: 'DatabaseMemoryUsagePercentage', threshold: 80, dimensions: { ReplicationGroupId: `${name}-redis-id` } });
    for (const [suffix, role] of [['-proxy-writer', 'READ_WRITE'], ['-proxy-readers', 'READ_ONLY']] as const) {
      expect(alarm(suffix)).toMatchObject({ metricName: 'AvailabilityPercentage', dimensions: { ProxyName: `${name}-proxy`, TargetGroup: 'default', TargetRole: role }, comparisonOperator: 'LessThanThreshold' });
    }
    const alarms = ofType(run(), 'aws:cloudwatch/metricAlarm:MetricAlarm');
    for (const a of alarms) expect(a.inputs.alarmActions, a.name).toEqual([topicArn]);
    // The cost model prices exactly the alarm metrics declared.
    expect(alarms.reduce((n, a) => n + (a.inputs.metricQueries?.filter((q: any) => q.metric).length ?? 1), 0)).toBe(ALARM_METRICS);
    const events = ofType(run(), 'aws:rds/eventSubscription:EventSubscription');
    expect(events.map((e) => [e.inputs.sourceType, e.inputs.snsTopic])).toEqual([['db-cluster', topicArn], ['db-instance', topicArn]]);
    expect(events[0]!.inputs.sourceIds).toEqual([`${name}-aurora`]);
    expect(events[0]!.inputs.eventCategories).toContain('failover');
    expect(ofType(run(), 'aws:sns/topicSubscription:TopicSubscription')).toHaveLength(expected.alarmEmail ? 1 : 0);
  });

  it('keeps the EKS and Aurora logs for the configured time, not forever', () => {
    const groups = ofType(run(), 'aws:cloudwatch/logGroup:LogGroup').map((g) => [g.inputs.name, g.inputs.retentionInDays]);
    expect(groups.sort()).toEqual([
      [`/aws/eks/${name}/cluster`, expected.logRetentionDays],
      [`/aws/rds/cluster/${name}-aurora/postgresql`, expected.logRetentionDays],
    ]);
  });
}
