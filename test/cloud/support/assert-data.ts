/**
 * Data and security: encryption, private networks, security groups, Redis that keeps its data
 * across a node failure, Aurora pinned and reached through RDS Proxy by a least-privilege login
 * role over verified TLS, long-term backups, and KMS used only through the services that need it.
 */
import { expect, it } from 'vitest';
import { subnetPlan } from '../../../pulumi/src/network';
import { APP_DATABASE_USER, DATABASE_CA_BUNDLE, DATABASE_USER } from '../../../pulumi/src/database';
import { BACKUP_DEEP_ARCHIVE_AFTER_DAYS, BACKUP_GLACIER_AFTER_DAYS } from '../../../pulumi/src/backups';
import { type RecordedResource, isSecretValue, objsOf, findObj, ofType, one, policyStatements } from './pulumi-harness.js';
import type { StackContext } from './stack-assertions.js';

export function dataAssertions({ run, expected, name }: StackContext): void {
  const keyArn = () => one(run(), 'aws:kms/key:Key').state.arn;

  it('encrypts everything at rest and in transit', () => {
    expect(one(run(), 'aws:kms/key:Key').inputs.enableKeyRotation).toBe(true);
    expect(one(run(), 'aws:rds/cluster:Cluster').inputs).toMatchObject({ storageEncrypted: true, kmsKeyId: keyArn() });
    for (const instance of ofType(run(), 'aws:rds/clusterInstance:ClusterInstance')) {
      expect(instance.inputs).toMatchObject({ performanceInsightsEnabled: true, performanceInsightsKmsKeyId: keyArn() });
    }
    expect(one(run(), 'aws:rds/proxy:Proxy').inputs.requireTls).toBe(true);
    const params = one(run(), 'aws:rds/clusterParameterGroup:ClusterParameterGroup').inputs.parameters as Array<{ name: string; value: string }>;
    expect(params).toContainEqual(expect.objectContaining({ name: 'rds.force_ssl', value: '1' }));
    expect(one(run(), 'aws:elasticache/replicationGroup:ReplicationGroup').inputs).toMatchObject({
      atRestEncryptionEnabled: true, transitEncryptionEnabled: true, kmsKeyId: keyArn(),
    });
    const buckets = ofType(run(), 'aws:s3/bucket:Bucket');
    expect(buckets.map((b) => b.name).sort()).toEqual([`${name}-assets`, `${name}-backups`, `${name}-uploads`]);
    const sse = ofType(run(), 'aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration');
    expect(sse.map((s) => s.inputs.bucket).sort()).toEqual(buckets.map((b) => b.state.id ?? `${b.name}-id`).sort());
    for (const bucket of ['-uploads', '-backups']) {
      expect(sse.find((s) => s.name.endsWith(bucket))!.inputs.rules[0].applyServerSideEncryptionByDefault).toEqual({ sseAlgorithm: 'aws:kms', kmsMasterKeyId: keyArn() });
    }
    for (const secret of ofType(run(), 'aws:secretsmanager/secret:Secret')) expect(secret.inputs.kmsKeyId).toBe(keyArn());
    expect(one(run(), 'aws:sns/topic:Topic').inputs.kmsMasterKeyId).toBe(`${name}-key-id`);
    for (const template of ofType(run(), 'aws:ec2/launchTemplate:LaunchTemplate')) {
      expect(template.inputs.blockDeviceMappings[0].ebs).toMatchObject({ encrypted: 'true', kmsKeyId: keyArn() });
    }
    expect(one(run(), 'eks:index:Cluster').inputs.encryptionConfigKeyArn).toBe(keyArn());
  });

  it('keeps the database, the proxy and Redis in data subnets, and the ALB in ingress subnets, neither with a route out', () => {
    for (const instance of ofType(run(), 'aws:rds/clusterInstance:ClusterInstance')) expect(instance.inputs.publiclyAccessible).toBe(false);
    const subnets = (kind: string) => ofType(run(), 'aws:ec2/subnet:Subnet').filter((s) => s.name.startsWith(`${name}-${kind}-`));
    const plan = subnetPlan(run().settings.network.vpcCidr, 3);
    expect(subnets('data').map((s) => s.inputs.cidrBlock)).toEqual(plan.data);
    expect(subnets('ingress').map((s) => s.inputs.cidrBlock)).toEqual(plan.ingress);
    const dataIds = subnets('data').map((s) => `${s.name}-id`).sort();
    expect([...one(run(), 'aws:rds/subnetGroup:SubnetGroup').inputs.subnetIds].sort()).toEqual(dataIds);
    expect([...one(run(), 'aws:elasticache/subnetGroup:SubnetGroup').inputs.subnetIds].sort()).toEqual(dataIds);
    expect([...one(run(), 'aws:rds/proxy:Proxy').inputs.vpcSubnetIds].sort()).toEqual(dataIds);
    expect([...one(run(), 'aws:rds/proxyEndpoint:ProxyEndpoint').inputs.vpcSubnetIds].sort()).toEqual(dataIds);
    expect(one(run(), 'aws:ec2/routeTable:RouteTable', '-data').inputs.routes ?? []).toEqual([]);
    const isolated = ofType(run(), 'aws:ec2/routeTableAssociation:RouteTableAssociation').filter((a) => /-(data|ingress)-/.test(a.name));
    expect(isolated).toHaveLength(6);
    expect(new Set(isolated.map((a) => a.inputs.routeTableId))).toEqual(new Set([`${name}-data-id`]));
    // Only the ingress subnets may hold a load balancer, and only an internal one.
    for (const s of ofType(run(), 'aws:ec2/subnet:Subnet')) {
      expect(s.inputs.mapPublicIpOnLaunch, s.name).toBe(false);
      expect(s.inputs.tags['kubernetes.io/role/elb'], s.name).toBeUndefined();
      expect(s.inputs.tags['kubernetes.io/role/internal-elb'], s.name).toBe(s.name.includes('-ingress-') ? '1' : undefined);
    }
  });

  it('lets only the nodes reach the proxy and Redis, only the proxy reach Aurora, only CloudFront reach the ALB', () => {
    const sg = (suffix: string) => `sg-${name}-${suffix}`;
    for (const group of ofType(run(), 'aws:ec2/securityGroup:SecurityGroup')) {
      expect(group.inputs.ingress ?? [], group.name).toEqual([]);
      expect(group.inputs.egress ?? [], group.name).toEqual([]);
    }
    const rule = (r: RecordedResource) =>
      `${r.inputs.securityGroupId} <- ${r.inputs.referencedSecurityGroupId ?? r.inputs.prefixListId ?? r.inputs.cidrIpv4} ${r.inputs.ipProtocol}/${r.inputs.fromPort}-${r.inputs.toPort}`;
    expect(ofType(run(), 'aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule').map(rule).sort()).toEqual([
      `${sg('alb')} <- pl-cloudfront tcp/443-443`,
      `${sg('aurora')} <- ${sg('rds-proxy')} tcp/5432-5432`,
      `${sg('rds-proxy')} <- ${sg('nodes')} tcp/5432-5432`,
      `${sg('redis')} <- ${sg('nodes')} tcp/6379-6379`,
    ]);
    expect(run().invokes.find((i) => i.token === 'aws:ec2/getManagedPrefixList:getManagedPrefixList')?.inputs.name).toBe('com.amazonaws.global.cloudfront.origin-facing');
    expect(ofType(run(), 'aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule').map(rule)).toEqual([`${sg('rds-proxy')} <- ${sg('aurora')} tcp/5432-5432`]);
    expect(one(run(), 'aws:rds/cluster:Cluster').inputs.vpcSecurityGroupIds).toEqual([sg('aurora')]);
    expect(one(run(), 'aws:rds/proxy:Proxy').inputs.vpcSecurityGroupIds).toEqual([sg('rds-proxy')]);
    expect(one(run(), 'aws:elasticache/replicationGroup:ReplicationGroup').inputs.securityGroupIds).toEqual([sg('redis')]);
    // Every node carries the node security group.
    expect(one(run(), 'aws:ec2/launchTemplate:LaunchTemplate').inputs.vpcSecurityGroupIds).toContain(sg('nodes'));
  });

  it('keeps sessions and jobs across a Redis node failure: a replica in another zone, automatic failover, noeviction, snapshots', () => {
    const group = one(run(), 'aws:elasticache/replicationGroup:ReplicationGroup').inputs;
    expect(group).toMatchObject({
      automaticFailoverEnabled: true, multiAzEnabled: true, numCacheClusters: expected.redis.nodes, nodeType: expected.redis.nodeType,
      authToken: expect.stringMatching(/^[A-Za-z0-9]{16,128}$/),
      snapshotRetentionLimit: expect.any(Number),
    });
    expect(group.numCacheClusters).toBeGreaterThanOrEqual(2);
    expect(new Set(group.preferredCacheClusterAzs).size).toBe(group.numCacheClusters); // one copy per zone
    expect(group.snapshotRetentionLimit).toBeGreaterThanOrEqual(1);
    expect(group.finalSnapshotIdentifier).toBe(expected.deletionProtection ? `${name}-redis-final` : undefined);
    // Not the default group (volatile-lru): BullMQ and the sessions need noeviction.
    const parameters = one(run(), 'aws:elasticache/parameterGroup:ParameterGroup');
    expect(group.parameterGroupName).toBe(parameters.state.name);
    expect(parameters.inputs.family).toBe(`redis${run().settings.redis.engineVersion.split('.')[0]}`);
    expect(parameters.inputs.parameters).toEqual([{ name: 'maxmemory-policy', value: 'noeviction' }]);
  });

  it('pins the Aurora engine version and scales readers on CPU up to the capacity plan\'s maximum', () => {
    const cluster = one(run(), 'aws:rds/cluster:Cluster').inputs;
    expect(cluster).toMatchObject({ engineVersion: run().settings.database.engineVersion, clusterIdentifier: `${name}-aurora` });
    expect(cluster).toMatchObject({ deletionProtection: expected.deletionProtection, skipFinalSnapshot: !expected.deletionProtection, backupRetentionPeriod: expected.backupRetentionDays });
    for (const instance of ofType(run(), 'aws:rds/clusterInstance:ClusterInstance')) {
      expect(instance.inputs).toMatchObject({ autoMinorVersionUpgrade: false, instanceClass: expected.dbInstanceClass });
    }
    const params = one(run(), 'aws:rds/clusterParameterGroup:ClusterParameterGroup').inputs.parameters as Array<{ name: string; value: string }>;
    expect(params).toContainEqual(expect.objectContaining({ name: 'max_connections', value: String(expected.maxConnections) }));
    const readers = ofType(run(), 'aws:rds/clusterInstance:ClusterInstance').filter((r) => r.name.includes('-reader-'));
    expect(readers).toHaveLength(run().plan.readers.min);
    expect(one(run(), 'aws:appautoscaling/target:Target').inputs).toMatchObject({
      serviceNamespace: 'rds', scalableDimension: 'rds:cluster:ReadReplicaCount', resourceId: `cluster:${name}-aurora-id`,
      minCapacity: run().plan.readers.min, maxCapacity: run().plan.readers.max,
    });
    expect(one(run(), 'aws:appautoscaling/policy:Policy').inputs.targetTrackingScalingPolicyConfiguration).toMatchObject({
      predefinedMetricSpecification: { predefinedMetricType: 'RDSReaderAverageCPUUtilization' }, targetValue: 70,
    });
  });

  it('connects the app as a login role that is not the master user, verifying the server certificate', () => {
    const secret = one(run(), 'kubernetes:core/v1:Secret', '-app-secrets');
    expect(secret.inputs.metadata).toEqual({ name: 'dandori-api-secrets', namespace: 'dandori' });
    const data = secret.inputs.stringData as Record<string, string>;
    expect(Object.keys(data).sort()).toEqual(['DATABASE_REPLICA_URL', 'DATABASE_URL', 'JWT_SECRET', 'REDIS_URL']);
    const writer = new URL(data.DATABASE_URL!);
    const reader = new URL(data.DATABASE_REPLICA_URL!);
    expect(one(run(), 'aws:rds/cluster:Cluster').inputs.masterUsername).toBe(DATABASE_USER);
    for (const url of [writer, reader]) {
      expect(url.username).toBe(APP_DATABASE_USER);
      expect(url.username).not.toBe(DATABASE_USER);
      expect(Object.fromEntries(url.searchParams)).toEqual({ sslmode: 'verify-full', sslrootcert: DATABASE_CA_BUNDLE });
    }
    expect(writer.host).toBe(`${name}-proxy.proxy.mock:5432`);
    expect(reader.host).toBe(`${name}-proxy-read.proxy-ro.mock:5432`);
    expect(data.REDIS_URL).toMatch(new RegExp(`^rediss://:[A-Za-z0-9]+@${name}-redis\\.cache\\.mock:6379$`));
    expect(data.JWT_SECRET!.length).toBeGreaterThanOrEqual(32);
    // The master user's URL goes to the migration Job's own Secret, with what it needs to set up the login role.
    const migrate = one(run(), 'kubernetes:core/v1:Secret', '-migrate-secrets').inputs.stringData as Record<string, string>;
    expect(new URL(migrate.DATABASE_URL!).username).toBe(DATABASE_USER);
    expect(migrate.APP_DATABASE_USER).toBe(APP_DATABASE_USER);
    expect(migrate.APP_DATABASE_PASSWORD).toBe(writer.password);
    // RDS Proxy authenticates both users from their own secrets.
    const secretArn = (suffix: string) => one(run(), 'aws:secretsmanager/secret:Secret', suffix).state.arn;
    expect(one(run(), 'aws:rds/proxy:Proxy').inputs.auths.map((a: any) => a.secretArn)).toEqual([secretArn('-db-credentials'), secretArn('-db-app-credentials')]);
    expect(JSON.parse(one(run(), 'aws:secretsmanager/secretVersion:SecretVersion', '-db-app-credentials').inputs.secretString).username).toBe(APP_DATABASE_USER);
    // Credentials stay encrypted in Pulumi's state.
    for (const s of ['-app-secrets', '-migrate-secrets']) {
      const raw = one(run(), 'kubernetes:core/v1:Secret', s).rawInputs.stringData;
      expect(isSecretValue(raw) || Object.values(raw).every(isSecretValue), s).toBe(true);
    }
  });

  it('keeps the buckets private; uploads versioned with Intelligent-Tiering; assets only through CloudFront OAC', () => {
    for (const block of ofType(run(), 'aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock')) {
      expect(block.inputs).toMatchObject({ blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true });
    }
    for (const bucket of ['-uploads', '-backups']) {
      expect(one(run(), 'aws:s3/bucketVersioning:BucketVersioning', bucket).inputs.versioningConfiguration.status).toBe('Enabled');
    }
    const rules = one(run(), 'aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration', '-uploads').inputs.rules;
    expect(rules).toContainEqual(expect.objectContaining({ status: 'Enabled', transitions: [{ days: 0, storageClass: 'INTELLIGENT_TIERING' }] }));
    const distribution = one(run(), 'aws:cloudfront/distribution:Distribution', '-assets');
    expect(distribution.inputs.origins[0].originAccessControlId).toBe(`${name}-assets-id`);
    expect(distribution.inputs.defaultCacheBehavior.viewerProtocolPolicy).toBe('redirect-to-https');
    const policy = JSON.parse(one(run(), 'aws:s3/bucketPolicy:BucketPolicy', '-assets').inputs.policy);
    expect(policy.Statement[0]).toMatchObject({
      Principal: { Service: 'cloudfront.amazonaws.com' }, Action: 's3:GetObject',
      Condition: { StringEquals: { 'AWS:SourceArn': distribution.state.arn } },
    });
    for (const bucket of ['-uploads', '-assets', '-backups']) {
      const statements = JSON.parse(one(run(), 'aws:s3/bucketPolicy:BucketPolicy', bucket).inputs.policy).Statement;
      expect(statements, bucket).toContainEqual(expect.objectContaining({ Sid: 'DenyInsecureTransport', Effect: 'Deny' }));
    }
  });

  it('exports the database each month to a backup bucket that moves to Glacier', () => {
    const rules = one(run(), 'aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration', '-backups').inputs.rules;
    expect(rules).toContainEqual(expect.objectContaining({
      status: 'Enabled',
      transitions: [{ days: BACKUP_GLACIER_AFTER_DAYS, storageClass: 'GLACIER' }, { days: BACKUP_DEEP_ARCHIVE_AFTER_DAYS, storageClass: 'DEEP_ARCHIVE' }],
      expiration: { days: run().settings.storage.backupRetentionDays },
    }));
    expect(ofType(run(), 'aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock')).toHaveLength(3);
    const schedule = one(run(), 'aws:scheduler/schedule:Schedule').inputs;
    expect(schedule.target.arn).toBe('arn:aws:scheduler:::aws-sdk:rds:startExportTask');
    const input = JSON.parse(schedule.target.input);
    expect(input).toMatchObject({
      SourceArn: one(run(), 'aws:rds/cluster:Cluster').state.arn, S3BucketName: `${name}-backups`,
      IamRoleArn: one(run(), 'aws:iam/role:Role', '-db-export').state.arn, KmsKeyId: keyArn(),
    });
    expect(input.ExportTaskIdentifier).toMatch(/^[a-z][a-z0-9-]*<aws\.scheduler\.execution-id>$/);
    expect(JSON.parse(one(run(), 'aws:iam/role:Role', '-db-export').inputs.assumeRolePolicy).Statement[0].Principal).toEqual({ Service: 'export.rds.amazonaws.com' });
    const scheduler = policyStatements(run()).filter((s) => s.policy === `${name}-db-export-scheduler`).map((s) => s.statement);
    expect(scheduler.find((s) => s.Action.includes('rds:StartExportTask'))!.Resource).toEqual([one(run(), 'aws:rds/cluster:Cluster').state.arn]);
  });

  it('uses the key only through the service that needs it (kms:ViaService), and names service principals narrowly', () => {
    const kmsStatements = policyStatements(run()).filter(({ statement }) => [statement.Action].flat().some((a: string) => a.startsWith('kms:')));
    expect(kmsStatements.length).toBeGreaterThanOrEqual(6);
    for (const { policy, statement } of kmsStatements) {
      expect(statement.Resource, policy).toEqual([keyArn()]);
      const via = statement.Condition?.StringEquals?.['kms:ViaService'];
      expect(via, policy).toEqual(expect.arrayContaining([expect.stringMatching(/^(s3|secretsmanager|sns|ec2|rds)\.ap-northeast-1\.amazonaws\.com$/)]));
    }
    const viaOf = (policy: string) => kmsStatements.filter((s) => s.policy === policy).flatMap((s) => s.statement.Condition.StringEquals['kms:ViaService']);
    expect(viaOf(`${name}-app-s3`)).toEqual(['s3.ap-northeast-1.amazonaws.com']);
    expect(viaOf(`${name}-rds-proxy`)).toEqual(['secretsmanager.ap-northeast-1.amazonaws.com']);
    expect(viaOf(`${name}-alertmanager`)).toEqual(['sns.ap-northeast-1.amazonaws.com']);
    const keyPolicy = JSON.parse(one(run(), 'aws:kms/key:Key').inputs.policy).Statement as Record<string, any>[];
    const services = keyPolicy.find((s) => s.Principal?.Service)!;
    expect(services.Condition.StringEquals).toEqual({
      'aws:SourceAccount': '123456789012', 'kms:EncryptionContext:aws:sns:topicArn': `arn:aws:sns:ap-northeast-1:123456789012:${name}-alarms`,
    });
    expect(one(run(), 'aws:sns/topic:Topic').inputs.name).toBe(`${name}-alarms`);
    // The Auto Scaling service-linked role launches the CMK-encrypted node disks.
    expect(keyPolicy.filter((s) => String(s.Principal?.AWS).endsWith('/AWSServiceRoleForAutoScaling')).map((s) => s.Sid).sort())
      .toEqual(['AutoScalingGrantsForEncryptedNodeDisks', 'AutoScalingLaunchesEncryptedNodeDisks']);
  });

  it('gives the app pods (IRSA) the uploads bucket only, and the migration Job no AWS role at all', () => {
    const role = one(run(), 'aws:iam/role:Role', '-app');
    const trust = JSON.parse(role.inputs.assumeRolePolicy);
    expect(trust.Statement[0].Condition.StringEquals['oidc.eks.ap-northeast-1.amazonaws.com/id/MOCK:sub']).toBe('system:serviceaccount:dandori:dandori-api');
    const policy = JSON.parse(one(run(), 'aws:iam/rolePolicy:RolePolicy', '-app-s3').inputs.policy);
    const uploadsArn = one(run(), 'aws:s3/bucket:Bucket', '-uploads').state.arn;
    const s3Resources = policy.Statement.filter((s: any) => s.Action.some((a: string) => a.startsWith('s3:'))).flatMap((s: any) => s.Resource);
    expect(s3Resources.sort()).toEqual([uploadsArn, `${uploadsArn}/*`].sort());
    const foundation = objsOf(one(run(), 'kubernetes:yaml/v2:ConfigGroup', '-foundation'));
    expect(findObj(foundation, 'ServiceAccount', 'dandori-api').metadata.annotations['eks.amazonaws.com/role-arn']).toBe(role.state.arn);
    expect(findObj(foundation, 'ServiceAccount', 'dandori-migrate').metadata.annotations?.['eks.amazonaws.com/role-arn']).toBeUndefined();
    expect(one(run(), 'kubernetes:core/v1:ConfigMap').inputs.data.S3_UPLOAD_BUCKET).toBe(`${name}-uploads`);
  });
}
