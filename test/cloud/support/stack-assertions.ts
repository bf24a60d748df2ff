/**
 * The assertions every stack must pass, run by pulumi.staging.test.ts and pulumi.production.test.ts
 * (one stack per file: Pulumi's mock runtime is per process). `expected` states where the stacks differ.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { type RecordedResource, type StackRun, isSecretValue, ofType, one, runStack } from './pulumi-harness.js';

export interface StackExpectations {
  stack: 'staging' | 'production';
  natGateways: number;
  nodes: { min: number; max: number; capacityType: string; instanceType: string };
  hpa: { min: number; max: number };
  readers: { min: number; max: number };
  dbInstanceClass: string;
  maxConnections: number;
  deletionProtection: boolean;
  backupRetentionDays: number;
  redis: { nodeType: string; nodes: number };
  alarmEmail: boolean;
}

const objsOf = (group: RecordedResource) => group.inputs.objs as Array<Record<string, any>>;

export function describeStack(expected: StackExpectations): void {
  describe(`${expected.stack} stack (Pulumi mocks)`, () => {
    let run: StackRun;
    beforeAll(async () => {
      run = await runStack(expected.stack);
    }, 60_000);

    const name = `dandori-${expected.stack}`;
    const workloads = () => objsOf(one(run, 'kubernetes:yaml/v2:ConfigGroup', '-workloads'));
    const find = (objs: Array<Record<string, any>>, kind: string, objName?: string) => {
      const found = objs.filter((o) => o.kind === kind && (objName === undefined || o.metadata.name === objName));
      expect(found, `${kind} ${objName ?? ''}`).toHaveLength(1);
      return found[0]!;
    };

    it('loads its own Pulumi.<stack>.yaml', () => {
      expect(run.settings.stack).toBe(expected.stack);
      expect(run.settings.region).toBe('ap-northeast-1');
      expect(run.outputs.clusterName).toBe(name);
    });

    it('encrypts everything at rest and in transit', () => {
      const keyArn = one(run, 'aws:kms/key:Key').state.arn;
      expect(one(run, 'aws:kms/key:Key').inputs.enableKeyRotation).toBe(true);
      const aurora = one(run, 'aws:rds/cluster:Cluster');
      expect(aurora.inputs).toMatchObject({ storageEncrypted: true, kmsKeyId: keyArn });
      for (const instance of ofType(run, 'aws:rds/clusterInstance:ClusterInstance')) {
        expect(instance.inputs).toMatchObject({ performanceInsightsEnabled: true, performanceInsightsKmsKeyId: keyArn });
      }
      expect(one(run, 'aws:rds/proxy:Proxy').inputs.requireTls).toBe(true);
      const params = one(run, 'aws:rds/clusterParameterGroup:ClusterParameterGroup').inputs.parameters as Array<{ name: string; value: string }>;
      expect(params).toContainEqual(expect.objectContaining({ name: 'rds.force_ssl', value: '1' }));
      expect(one(run, 'aws:elasticache/replicationGroup:ReplicationGroup').inputs).toMatchObject({
        atRestEncryptionEnabled: true, transitEncryptionEnabled: true, kmsKeyId: keyArn,
      });
      const buckets = ofType(run, 'aws:s3/bucket:Bucket');
      const sse = ofType(run, 'aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration');
      expect(sse.map((s) => s.inputs.bucket).sort()).toEqual(buckets.map((b) => b.state.id ?? `${b.name}-id`).sort());
      const uploadsSse = sse.find((s) => s.name.endsWith('-uploads'))!;
      expect(uploadsSse.inputs.rules[0].applyServerSideEncryptionByDefault).toEqual({ sseAlgorithm: 'aws:kms', kmsMasterKeyId: keyArn });
      for (const secret of ofType(run, 'aws:secretsmanager/secret:Secret')) expect(secret.inputs.kmsKeyId).toBe(keyArn);
      expect(one(run, 'aws:sns/topic:Topic').inputs.kmsMasterKeyId).toBe(one(run, 'aws:kms/key:Key').state.id ?? `${name}-key-id`);
      const disk = one(run, 'aws:ec2/launchTemplate:LaunchTemplate').inputs.blockDeviceMappings[0].ebs;
      expect(disk).toMatchObject({ encrypted: 'true', kmsKeyId: keyArn });
      expect(one(run, 'eks:index:Cluster').inputs.encryptionConfigKeyArn).toBe(keyArn);
    });

    it('keeps the database and Redis private, in subnets with no route out', () => {
      for (const instance of ofType(run, 'aws:rds/clusterInstance:ClusterInstance')) expect(instance.inputs.publiclyAccessible).toBe(false);
      const dataSubnets = ofType(run, 'aws:ec2/subnet:Subnet').filter((s) => s.name.includes('-data-'));
      expect(dataSubnets).toHaveLength(3);
      for (const s of dataSubnets) expect(s.inputs.mapPublicIpOnLaunch).toBe(false);
      const dataIds = dataSubnets.map((s) => `${s.name}-id`).sort();
      expect([...one(run, 'aws:rds/subnetGroup:SubnetGroup').inputs.subnetIds].sort()).toEqual(dataIds);
      expect([...one(run, 'aws:elasticache/subnetGroup:SubnetGroup').inputs.subnetIds].sort()).toEqual(dataIds);
      expect(one(run, 'aws:ec2/routeTable:RouteTable', '-data').inputs.routes ?? []).toEqual([]);
      const dataAssociations = ofType(run, 'aws:ec2/routeTableAssociation:RouteTableAssociation').filter((a) => a.name.includes('-data-'));
      expect(new Set(dataAssociations.map((a) => a.inputs.routeTableId))).toEqual(new Set([`${name}-data-id`]));
    });

    it('lets only the cluster nodes reach the proxy and Redis, and only the proxy reach Aurora', () => {
      const sg = (suffix: string) => `sg-${name}-${suffix}`;
      for (const group of ofType(run, 'aws:ec2/securityGroup:SecurityGroup')) {
        expect(group.inputs.ingress ?? [], group.name).toEqual([]);
        expect(group.inputs.egress ?? [], group.name).toEqual([]);
      }
      const rule = (r: RecordedResource) => `${r.inputs.securityGroupId} <- ${r.inputs.referencedSecurityGroupId ?? r.inputs.cidrIpv4} ${r.inputs.ipProtocol}/${r.inputs.fromPort}-${r.inputs.toPort}`;
      expect(ofType(run, 'aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule').map(rule).sort()).toEqual([
        `${sg('aurora')} <- ${sg('rds-proxy')} tcp/5432-5432`,
        `${sg('rds-proxy')} <- ${sg('nodes')} tcp/5432-5432`,
        `${sg('redis')} <- ${sg('nodes')} tcp/6379-6379`,
      ]);
      expect(ofType(run, 'aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule').map(rule)).toEqual([
        `${sg('rds-proxy')} <- ${sg('aurora')} tcp/5432-5432`,
      ]);
      expect(one(run, 'aws:rds/cluster:Cluster').inputs.vpcSecurityGroupIds).toEqual([sg('aurora')]);
      expect(one(run, 'aws:rds/proxy:Proxy').inputs.vpcSecurityGroupIds).toEqual([sg('rds-proxy')]);
      expect(one(run, 'aws:elasticache/replicationGroup:ReplicationGroup').inputs.securityGroupIds).toEqual([sg('redis')]);
      // Every node carries the node security group.
      expect(one(run, 'aws:ec2/launchTemplate:LaunchTemplate').inputs.vpcSecurityGroupIds).toContain(sg('nodes'));
      expect(one(run, 'eks:index:ManagedNodeGroup').inputs.launchTemplate.id).toBe(`${name}-nodes-id`);
    });

    it('runs Redis as a Multi-AZ replication group with failover and an auth token', () => {
      expect(one(run, 'aws:elasticache/replicationGroup:ReplicationGroup').inputs).toMatchObject({
        automaticFailoverEnabled: true, multiAzEnabled: true, numCacheClusters: expected.redis.nodes, nodeType: expected.redis.nodeType,
        authToken: expect.stringMatching(/^[A-Za-z0-9]{16,128}$/),
      });
    });

    it('sizes the VPC, nodes and database for the stack', () => {
      expect(ofType(run, 'aws:ec2/natGateway:NatGateway')).toHaveLength(expected.natGateways);
      expect(ofType(run, 'aws:ec2/subnet:Subnet').map((s) => s.inputs.availabilityZone)).toEqual(expect.arrayContaining(['ap-northeast-1a', 'ap-northeast-1c', 'ap-northeast-1d']));
      expect(one(run, 'eks:index:ManagedNodeGroup').inputs).toMatchObject({
        scalingConfig: { minSize: expected.nodes.min, maxSize: expected.nodes.max },
        capacityType: expected.nodes.capacityType,
        instanceTypes: [expected.nodes.instanceType],
      });
      for (const instance of ofType(run, 'aws:rds/clusterInstance:ClusterInstance')) expect(instance.inputs.instanceClass).toBe(expected.dbInstanceClass);
      expect(one(run, 'aws:rds/cluster:Cluster').inputs.backupRetentionPeriod).toBe(expected.backupRetentionDays);
      const params = one(run, 'aws:rds/clusterParameterGroup:ClusterParameterGroup').inputs.parameters as Array<{ name: string; value: string }>;
      expect(params).toContainEqual(expect.objectContaining({ name: 'max_connections', value: String(expected.maxConnections) }));
    });

    it(`${expected.deletionProtection ? 'protects' : 'does not protect'} the database from deletion`, () => {
      expect(one(run, 'aws:rds/cluster:Cluster').inputs).toMatchObject({
        deletionProtection: expected.deletionProtection,
        skipFinalSnapshot: !expected.deletionProtection,
      });
    });

    it('scales Aurora readers on CPU within the configured bounds', () => {
      const readers = ofType(run, 'aws:rds/clusterInstance:ClusterInstance').filter((r) => r.name.includes('-reader-'));
      expect(readers).toHaveLength(expected.readers.min);
      expect(one(run, 'aws:appautoscaling/target:Target').inputs).toMatchObject({
        serviceNamespace: 'rds', scalableDimension: 'rds:cluster:ReadReplicaCount', resourceId: `cluster:${name}-aurora-id`,
        minCapacity: expected.readers.min, maxCapacity: expected.readers.max,
      });
      expect(one(run, 'aws:appautoscaling/policy:Policy').inputs.targetTrackingScalingPolicyConfiguration).toMatchObject({
        predefinedMetricSpecification: { predefinedMetricType: 'RDSReaderAverageCPUUtilization' },
        targetValue: 70,
      });
    });

    it('puts RDS Proxy in front of Aurora, with a read-only endpoint for the replica URL', () => {
      expect(one(run, 'aws:rds/proxy:Proxy').inputs.auths[0]).toMatchObject({ authScheme: 'SECRETS', secretArn: one(run, 'aws:secretsmanager/secret:Secret', '-db-credentials').state.arn });
      expect(one(run, 'aws:rds/proxyEndpoint:ProxyEndpoint').inputs.targetRole).toBe('READ_ONLY');
      const secret = one(run, 'kubernetes:core/v1:Secret').inputs;
      expect(secret.metadata).toEqual({ name: 'dandori-api-secrets', namespace: 'dandori' });
      expect(Object.keys(secret.stringData).sort()).toEqual(['DATABASE_REPLICA_URL', 'DATABASE_URL', 'JWT_SECRET', 'REDIS_URL']);
      expect(secret.stringData.DATABASE_URL).toMatch(new RegExp(`@${name}-proxy\\.proxy\\.mock:5432/dandori\\?sslmode=require$`));
      expect(secret.stringData.DATABASE_REPLICA_URL).toMatch(new RegExp(`@${name}-proxy-read\\.proxy-ro\\.mock:5432/`));
      expect(secret.stringData.REDIS_URL).toMatch(new RegExp(`^rediss://:[A-Za-z0-9]+@${name}-redis\\.cache\\.mock:6379$`));
      expect(secret.stringData.JWT_SECRET.length).toBeGreaterThanOrEqual(32);
      // Credentials stay encrypted in Pulumi's state.
      const raw = one(run, 'kubernetes:core/v1:Secret').rawInputs.stringData;
      for (const key of ['DATABASE_URL', 'DATABASE_REPLICA_URL', 'REDIS_URL']) expect(isSecretValue(raw) || isSecretValue(raw[key]), key).toBe(true);
    });

    it('keeps both buckets private; uploads versioned with Intelligent-Tiering; assets only through CloudFront OAC', () => {
      for (const block of ofType(run, 'aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock')) {
        expect(block.inputs).toMatchObject({ blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true });
      }
      expect(ofType(run, 'aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock')).toHaveLength(2);
      expect(one(run, 'aws:s3/bucketVersioning:BucketVersioning', '-uploads').inputs.versioningConfiguration.status).toBe('Enabled');
      const rules = one(run, 'aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration').inputs.rules;
      expect(rules).toContainEqual(expect.objectContaining({ status: 'Enabled', transitions: [{ days: 0, storageClass: 'INTELLIGENT_TIERING' }] }));
      const distribution = one(run, 'aws:cloudfront/distribution:Distribution').inputs;
      expect(distribution.origins[0].originAccessControlId).toBe(`${name}-assets-id`);
      expect(distribution.defaultCacheBehavior.viewerProtocolPolicy).toBe('redirect-to-https');
      const policy = JSON.parse(one(run, 'aws:s3/bucketPolicy:BucketPolicy', '-assets').inputs.policy);
      expect(policy.Statement[0]).toMatchObject({
        Principal: { Service: 'cloudfront.amazonaws.com' }, Action: 's3:GetObject',
        Condition: { StringEquals: { 'AWS:SourceArn': one(run, 'aws:cloudfront/distribution:Distribution').state.arn } },
      });
    });

    it('gives the app pods (IRSA) access to the uploads bucket only', () => {
      const role = one(run, 'aws:iam/role:Role', '-app');
      const trust = JSON.parse(role.inputs.assumeRolePolicy);
      expect(trust.Statement[0].Condition.StringEquals['oidc.eks.ap-northeast-1.amazonaws.com/id/MOCK:sub']).toBe('system:serviceaccount:dandori:dandori-api');
      const policy = JSON.parse(one(run, 'aws:iam/rolePolicy:RolePolicy', '-app-s3').inputs.policy);
      const uploadsArn = one(run, 'aws:s3/bucket:Bucket', '-uploads').state.arn;
      const s3Resources = policy.Statement.filter((s: any) => s.Action.some((a: string) => a.startsWith('s3:'))).flatMap((s: any) => s.Resource);
      expect(s3Resources.sort()).toEqual([uploadsArn, `${uploadsArn}/*`].sort());
      const sa = find(objsOf(one(run, 'kubernetes:yaml/v2:ConfigGroup', '-foundation')), 'ServiceAccount', 'dandori-api');
      expect(sa.metadata.annotations['eks.amazonaws.com/role-arn']).toBe(role.state.arn);
      expect(one(run, 'kubernetes:core/v1:ConfigMap').inputs.data.S3_UPLOAD_BUCKET).toBe(`${name}-uploads`);
    });

    it('deploys the kustomize overlay: migrations first, then the workloads with the plan\'s HPA', () => {
      const migrations = objsOf(one(run, 'kubernetes:yaml/v2:ConfigGroup', '-migrations'));
      expect(migrations.map((o) => o.kind)).toEqual(['Job']);
      expect(migrations[0]!.metadata.name).toMatch(/^dandori-migrate-[0-9a-f]{8}$/);
      const hpa = find(workloads(), 'HorizontalPodAutoscaler');
      expect({ min: hpa.spec.minReplicas, max: hpa.spec.maxReplicas }).toEqual(expected.hpa);
      expect(workloads().map((o) => o.kind).sort()).toEqual(
        ['Deployment', 'Deployment', 'HorizontalPodAutoscaler', 'Ingress', 'PodDisruptionBudget', 'PodDisruptionBudget', 'Service'],
      );
      const ingress = find(workloads(), 'Ingress');
      expect(ingress.metadata.annotations['alb.ingress.kubernetes.io/certificate-arn']).toBe(run.settings.app.certificateArn);
      expect(ingress.metadata.annotations['alb.ingress.kubernetes.io/load-balancer-name']).toBe(`dandori-api-${expected.stack}`);
      expect(ofType(run, 'kubernetes:helm.sh/v3:Release').map((r) => r.inputs.chart).sort()).toEqual(
        ['aws-load-balancer-controller', 'metrics-server', 'prometheus', 'prometheus-adapter'],
      );
    });

    it('raises the plan\'s alarms to an SNS topic', () => {
      const topicArn = one(run, 'aws:sns/topic:Topic').state.arn;
      const lb = `app/dandori-api-${expected.stack}/0123456789abcdef`;
      const responseTime = one(run, 'aws:cloudwatch/metricAlarm:MetricAlarm', '-response-time').inputs;
      expect(responseTime).toMatchObject({
        namespace: 'AWS/ApplicationELB', metricName: 'TargetResponseTime', dimensions: { LoadBalancer: lb },
        threshold: 0.5, evaluationPeriods: 2, period: 60, comparisonOperator: 'GreaterThanThreshold',
      });
      const connections = one(run, 'aws:cloudwatch/metricAlarm:MetricAlarm', '-db-connections').inputs;
      expect(connections).toMatchObject({
        namespace: 'AWS/RDS', metricName: 'DatabaseConnections', dimensions: { DBClusterIdentifier: `${name}-aurora`, Role: 'WRITER' },
        threshold: expected.maxConnections * 0.8, evaluationPeriods: 1, period: 60,
      });
      const clientErrors = one(run, 'aws:cloudwatch/metricAlarm:MetricAlarm', '-4xx-rate').inputs;
      expect(clientErrors).toMatchObject({ threshold: 1, evaluationPeriods: 3, comparisonOperator: 'GreaterThanThreshold' });
      const rate = clientErrors.metricQueries.find((q: any) => q.returnData);
      expect(rate.expression).toBe('IF(requests > 0, 100 * FILL(errors, 0) / requests, 0)');
      expect(clientErrors.metricQueries.filter((q: any) => q.metric).map((q: any) => [q.id, q.metric.metricName, q.metric.period])).toEqual([
        ['errors', 'HTTPCode_Target_4XX_Count', 60], ['requests', 'RequestCount', 60],
      ]);
      for (const alarm of ofType(run, 'aws:cloudwatch/metricAlarm:MetricAlarm')) expect(alarm.inputs.alarmActions).toEqual([topicArn]);
      expect(ofType(run, 'aws:sns/topicSubscription:TopicSubscription')).toHaveLength(expected.alarmEmail ? 1 : 0);
    });
  });
}
