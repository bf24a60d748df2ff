import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import * as random from '@pulumi/random';
import type { Network } from './network';
import type { DatabaseSettings } from './settings';

export const DATABASE_NAME = 'dandori';
export const DATABASE_USER = 'dandori_admin';
const POSTGRES_PORT = 5432;

export interface Database {
  cluster: aws.rds.Cluster;
  writer: aws.rds.ClusterInstance;
  proxy: aws.rds.Proxy;
  credentials: aws.secretsmanager.Secret;
  /** Writer through RDS Proxy. */
  url: pulumi.Output<string>;
  /** Readers through the proxy's read-only endpoint. */
  replicaUrl: pulumi.Output<string>;
}

/**
 * Aurora PostgreSQL (writer + readers that auto scale on CPU) reachable only through RDS Proxy, and the
 * proxy reachable only from the cluster's nodes. Credentials live in Secrets Manager, where the proxy
 * reads them.
 */
export function createDatabase(
  name: string,
  settings: DatabaseSettings,
  network: Network,
  nodeSecurityGroup: aws.ec2.SecurityGroup,
  key: aws.kms.Key,
): Database {
  const password = new random.RandomPassword(`${name}-db-password`, { length: 40, special: false });

  const dbSg = new aws.ec2.SecurityGroup(`${name}-aurora`, {
    vpcId: network.vpc.id,
    description: `${name} Aurora: PostgreSQL from RDS Proxy only`,
    tags: { Name: `${name}-aurora` },
  });
  const proxySg = new aws.ec2.SecurityGroup(`${name}-rds-proxy`, {
    vpcId: network.vpc.id,
    description: `${name} RDS Proxy: PostgreSQL from the cluster's nodes only`,
    tags: { Name: `${name}-rds-proxy` },
  });
  new aws.vpc.SecurityGroupIngressRule(`${name}-proxy-from-nodes`, {
    securityGroupId: proxySg.id,
    referencedSecurityGroupId: nodeSecurityGroup.id,
    ipProtocol: 'tcp',
    fromPort: POSTGRES_PORT,
    toPort: POSTGRES_PORT,
    description: 'PostgreSQL from EKS nodes',
  });
  new aws.vpc.SecurityGroupEgressRule(`${name}-proxy-to-aurora`, {
    securityGroupId: proxySg.id,
    referencedSecurityGroupId: dbSg.id,
    ipProtocol: 'tcp',
    fromPort: POSTGRES_PORT,
    toPort: POSTGRES_PORT,
    description: 'PostgreSQL to Aurora',
  });
  new aws.vpc.SecurityGroupIngressRule(`${name}-aurora-from-proxy`, {
    securityGroupId: dbSg.id,
    referencedSecurityGroupId: proxySg.id,
    ipProtocol: 'tcp',
    fromPort: POSTGRES_PORT,
    toPort: POSTGRES_PORT,
    description: 'PostgreSQL from RDS Proxy',
  });

  const subnetGroup = new aws.rds.SubnetGroup(`${name}-aurora`, { subnetIds: network.dataSubnetIds });

  const parameters = new aws.rds.ClusterParameterGroup(`${name}-aurora`, {
    family: `aurora-postgresql${settings.engineVersion.split('.')[0]}`,
    parameters: [
      { name: 'max_connections', value: String(settings.maxConnections), applyMethod: 'pending-reboot' },
      { name: 'rds.force_ssl', value: '1', applyMethod: 'pending-reboot' },
      { name: 'log_min_duration_statement', value: '500' },
    ],
  });

  const cluster = new aws.rds.Cluster(`${name}-aurora`, {
    engine: 'aurora-postgresql',
    engineVersion: settings.engineVersion,
    databaseName: DATABASE_NAME,
    masterUsername: DATABASE_USER,
    masterPassword: password.result,
    dbSubnetGroupName: subnetGroup.name,
    vpcSecurityGroupIds: [dbSg.id],
    dbClusterParameterGroupName: parameters.name,
    storageEncrypted: true,
    kmsKeyId: key.arn,
    backupRetentionPeriod: settings.backupRetentionDays,
    preferredBackupWindow: '17:00-18:00', // 02:00-03:00 JST
    preferredMaintenanceWindow: 'sun:18:00-sun:19:00',
    copyTagsToSnapshot: true,
    deletionProtection: settings.deletionProtection,
    skipFinalSnapshot: !settings.deletionProtection,
    finalSnapshotIdentifier: settings.deletionProtection ? `${name}-aurora-final` : undefined,
    enabledCloudwatchLogsExports: ['postgresql'],
  }, { protect: settings.deletionProtection });

  const instance = (id: string, promotionTier: number) =>
    new aws.rds.ClusterInstance(`${name}-aurora-${id}`, {
      clusterIdentifier: cluster.id,
      engine: 'aurora-postgresql',
      engineVersion: cluster.engineVersion,
      instanceClass: settings.instanceClass,
      dbSubnetGroupName: subnetGroup.name,
      publiclyAccessible: false,
      promotionTier,
      performanceInsightsEnabled: true,
      performanceInsightsKmsKeyId: key.arn,
      performanceInsightsRetentionPeriod: settings.performanceInsightsRetentionDays,
      autoMinorVersionUpgrade: true,
      caCertIdentifier: 'rds-ca-rsa2048-g1',
    });
  const writer = instance('writer', 0);
  // Readers created here are the floor; Application Auto Scaling adds and removes the rest.
  const readers = Array.from({ length: settings.readerMin }, (_, i) => instance(`reader-${i + 1}`, 1));

  const scaling = new aws.appautoscaling.Target(`${name}-aurora-readers`, {
    serviceNamespace: 'rds',
    scalableDimension: 'rds:cluster:ReadReplicaCount',
    resourceId: pulumi.interpolate`cluster:${cluster.id}`,
    minCapacity: settings.readerMin,
    maxCapacity: settings.readerMax,
  }, { dependsOn: readers });
  new aws.appautoscaling.Policy(`${name}-aurora-readers-cpu`, {
    policyType: 'TargetTrackingScaling',
    serviceNamespace: scaling.serviceNamespace,
    scalableDimension: scaling.scalableDimension,
    resourceId: scaling.resourceId,
    targetTrackingScalingPolicyConfiguration: {
      predefinedMetricSpecification: { predefinedMetricType: 'RDSReaderAverageCPUUtilization' },
      targetValue: settings.readerCpuTargetPercent,
      scaleInCooldown: 300,
      scaleOutCooldown: 120,
    },
  });

  const credentials = new aws.secretsmanager.Secret(`${name}-db-credentials`, {
    description: `${name}: Aurora master credentials (read by RDS Proxy)`,
    kmsKeyId: key.arn,
    recoveryWindowInDays: settings.deletionProtection ? 30 : 0,
  });
  new aws.secretsmanager.SecretVersion(`${name}-db-credentials`, {
    secretId: credentials.id,
    secretString: pulumi.jsonStringify({
      engine: 'postgres',
      username: DATABASE_USER,
      password: password.result,
      host: cluster.endpoint,
      port: POSTGRES_PORT,
      dbname: DATABASE_NAME,
    }),
  });

  const proxyRole = new aws.iam.Role(`${name}-rds-proxy`, {
    assumeRolePolicy: JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Service: 'rds.amazonaws.com' }, Action: 'sts:AssumeRole' }],
    }),
  });
  new aws.iam.RolePolicy(`${name}-rds-proxy`, {
    role: proxyRole.id,
    policy: pulumi.jsonStringify({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: ['secretsmanager:GetSecretValue'], Resource: [credentials.arn] },
        { Effect: 'Allow', Action: ['kms:Decrypt'], Resource: [key.arn] },
      ],
    }),
  });

  const proxy = new aws.rds.Proxy(`${name}-proxy`, {
    name: `${name}-proxy`,
    engineFamily: 'POSTGRESQL',
    requireTls: true,
    idleClientTimeout: 1800,
    roleArn: proxyRole.arn,
    vpcSubnetIds: network.privateSubnetIds,
    vpcSecurityGroupIds: [proxySg.id],
    auths: [{ authScheme: 'SECRETS', secretArn: credentials.arn, iamAuth: 'DISABLED', clientPasswordAuthType: 'POSTGRES_SCRAM_SHA_256' }],
  });
  const targetGroup = new aws.rds.ProxyDefaultTargetGroup(`${name}-proxy`, {
    dbProxyName: proxy.name,
    connectionPoolConfig: { maxConnectionsPercent: 90, maxIdleConnectionsPercent: 50, connectionBorrowTimeout: 120 },
  });
  new aws.rds.ProxyTarget(`${name}-proxy`, {
    dbProxyName: proxy.name,
    targetGroupName: targetGroup.name,
    dbClusterIdentifier: cluster.clusterIdentifier,
  }, { dependsOn: [writer] });
  const readEndpoint = new aws.rds.ProxyEndpoint(`${name}-proxy-read`, {
    dbProxyName: proxy.name,
    dbProxyEndpointName: `${name}-read`,
    targetRole: 'READ_ONLY',
    vpcSubnetIds: network.privateSubnetIds,
    vpcSecurityGroupIds: [proxySg.id],
  });

  const url = (host: pulumi.Input<string>) =>
    pulumi.secret(pulumi.interpolate`postgresql://${DATABASE_USER}:${password.result}@${host}:${POSTGRES_PORT}/${DATABASE_NAME}?sslmode=require`);
  return { cluster, writer, proxy, credentials, url: url(proxy.endpoint), replicaUrl: url(readEndpoint.endpoint) };
}
