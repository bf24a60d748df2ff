import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import * as random from '@pulumi/random';
import { kmsUseVia } from './kms';
import type { Network } from './network';
import type { DatabaseSettings } from './settings';

export const DATABASE_NAME = 'dandori';
/** Aurora's master user: migrations only (the migration Job's own Secret). */
export const DATABASE_USER = 'dandori_admin';
/**
 * The app's login role: a member of `dandori_app` and of nothing else, no privileges of its own
 * (docker/ensure-app-login.mjs creates it after each migration). The app already drops to
 * `dandori_app` in every transaction (set_config('role', ...)), so this is all it can ever be.
 */
export const APP_DATABASE_USER = 'dandori_api';
/**
 * In the image (Dockerfile): the RDS CA bundle (Aurora's certificates) followed by the Amazon Trust
 * Services roots (RDS Proxy's certificates come from ACM). With sslmode=verify-full node-postgres
 * checks the chain against exactly this file and the host name against the certificate.
 */
export const DATABASE_CA_BUNDLE = '/app/certs/aws-rds-ca-bundle.pem';
const POSTGRES_PORT = 5432;

/** A PostgreSQL URL that verifies the server's certificate and name. */
export function databaseUrl(user: pulumi.Input<string>, password: pulumi.Input<string>, host: pulumi.Input<string>): pulumi.Output<string> {
  return pulumi.secret(
    pulumi.interpolate`postgresql://${user}:${password}@${host}:${POSTGRES_PORT}/${DATABASE_NAME}?sslmode=verify-full&sslrootcert=${DATABASE_CA_BUNDLE}`,
  );
}

export interface Database {
  cluster: aws.rds.Cluster;
  writer: aws.rds.ClusterInstance;
  /** The writer and the minimum readers (auto scaling adds others). */
  instances: aws.rds.ClusterInstance[];
  proxy: aws.rds.Proxy;
  readEndpoint: aws.rds.ProxyEndpoint;
  /** Master credentials (the proxy and the migration Job). */
  credentials: aws.secretsmanager.Secret;
  /** The app's login role's credentials (the proxy reads them to authenticate the app). */
  appCredentials: aws.secretsmanager.Secret;
  /** The app: writer through RDS Proxy, as APP_DATABASE_USER. */
  url: pulumi.Output<string>;
  /** The app: readers through the proxy's read-only endpoint, as APP_DATABASE_USER. */
  replicaUrl: pulumi.Output<string>;
  /** The migration Job: writer through RDS Proxy, as the master user. */
  migrationUrl: pulumi.Output<string>;
  appPassword: pulumi.Output<string>;
}

export interface DatabaseInputs {
  settings: DatabaseSettings;
  network: Network;
  nodeSecurityGroup: aws.ec2.SecurityGroup;
  key: aws.kms.Key;
  region: string;
  /** Reader auto scaling's maximum, from the capacity plan. */
  readerMax: number;
  logRetentionDays: number;
}

/**
 * Aurora PostgreSQL (writer + readers that auto scale on CPU) reachable only through RDS Proxy, and the
 * proxy reachable only from the cluster's nodes; both in the data subnets. Credentials live in Secrets
 * Manager, where the proxy reads them. The engine version is pinned (no automatic minor upgrades):
 * an upgrade is a reviewed change of `engineVersion`.
 */
export function createDatabase(name: string, inputs: DatabaseInputs): Database {
  const { settings, network, nodeSecurityGroup, key } = inputs;
  const password = new random.RandomPassword(`${name}-db-password`, { length: 40, special: false });
  const appPassword = new random.RandomPassword(`${name}-db-app-password`, { length: 40, special: false });

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

  // A fixed identifier, so the log group can exist (with its retention) before Aurora writes to it.
  const clusterIdentifier = `${name}-aurora`;
  const logGroup = new aws.cloudwatch.LogGroup(`${name}-aurora-postgresql`, {
    name: `/aws/rds/cluster/${clusterIdentifier}/postgresql`,
    retentionInDays: inputs.logRetentionDays,
  });
  const cluster = new aws.rds.Cluster(`${name}-aurora`, {
    clusterIdentifier,
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
  }, { protect: settings.deletionProtection, dependsOn: [logGroup] });

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
      // Pinned to engineVersion: a minor upgrade is a reviewed config change, not a maintenance-window surprise.
      autoMinorVersionUpgrade: false,
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
    maxCapacity: inputs.readerMax,
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

  const secret = (id: string, description: string, username: string, secretPassword: pulumi.Output<string>) => {
    const s = new aws.secretsmanager.Secret(`${name}-${id}`, {
      description: `${name}: ${description}`,
      kmsKeyId: key.arn,
      recoveryWindowInDays: settings.deletionProtection ? 30 : 0,
    });
    new aws.secretsmanager.SecretVersion(`${name}-${id}`, {
      secretId: s.id,
      secretString: pulumi.jsonStringify({
        engine: 'postgres', username, password: secretPassword, host: cluster.endpoint, port: POSTGRES_PORT, dbname: DATABASE_NAME,
      }),
    });
    return s;
  };
  const credentials = secret('db-credentials', 'Aurora master credentials (RDS Proxy, migrations)', DATABASE_USER, password.result);
  const appCredentials = secret('db-app-credentials', `${APP_DATABASE_USER} credentials (RDS Proxy, the app)`, APP_DATABASE_USER, appPassword.result);

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
        { Effect: 'Allow', Action: ['secretsmanager:GetSecretValue'], Resource: [credentials.arn, appCredentials.arn] },
        kmsUseVia(key, inputs.region, ['secretsmanager'], ['kms:Decrypt']),
      ],
    }),
  });

  const auth = (secretArn: pulumi.Output<string>) =>
    ({ authScheme: 'SECRETS', secretArn, iamAuth: 'DISABLED', clientPasswordAuthType: 'POSTGRES_SCRAM_SHA_256' });
  const proxy = new aws.rds.Proxy(`${name}-proxy`, {
    name: `${name}-proxy`,
    engineFamily: 'POSTGRESQL',
    requireTls: true,
    idleClientTimeout: 1800,
    roleArn: proxyRole.arn,
    // In the data subnets with Aurora, so the pods' NetworkPolicy allows PostgreSQL to those only.
    vpcSubnetIds: network.dataSubnetIds,
    vpcSecurityGroupIds: [proxySg.id],
    auths: [auth(credentials.arn), auth(appCredentials.arn)],
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
    vpcSubnetIds: network.dataSubnetIds,
    vpcSecurityGroupIds: [proxySg.id],
  });

  return {
    cluster,
    writer,
    instances: [writer, ...readers],
    proxy,
    readEndpoint,
    credentials,
    appCredentials,
    url: databaseUrl(APP_DATABASE_USER, appPassword.result, proxy.endpoint),
    replicaUrl: databaseUrl(APP_DATABASE_USER, appPassword.result, readEndpoint.endpoint),
    migrationUrl: databaseUrl(DATABASE_USER, password.result, proxy.endpoint),
    appPassword: pulumi.secret(appPassword.result),
  };
}
