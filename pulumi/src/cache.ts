import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import * as random from '@pulumi/random';
import type { Network } from './network';
import type { RedisSettings } from './settings';

const REDIS_PORT = 6379;

export interface Cache {
  replicationGroup: aws.elasticache.ReplicationGroup;
  credentials: aws.secretsmanager.Secret;
  /** rediss://:token@primary:6379 */
  url: pulumi.Output<string>;
}

/** Redis as a Multi-AZ replication group with automatic failover, TLS, encryption at rest and an auth token. */
export function createCache(
  name: string,
  settings: RedisSettings,
  network: Network,
  nodeSecurityGroup: aws.ec2.SecurityGroup,
  key: aws.kms.Key,
  deletionProtection: boolean,
): Cache {
  // ElastiCache tokens: 16-128 printable characters without @, " or /; alphanumeric keeps URLs simple.
  const token = new random.RandomPassword(`${name}-redis-token`, { length: 64, special: false });

  const sg = new aws.ec2.SecurityGroup(`${name}-redis`, {
    vpcId: network.vpc.id,
    description: `${name} Redis: from the cluster's nodes only`,
    tags: { Name: `${name}-redis` },
  });
  new aws.vpc.SecurityGroupIngressRule(`${name}-redis-from-nodes`, {
    securityGroupId: sg.id,
    referencedSecurityGroupId: nodeSecurityGroup.id,
    ipProtocol: 'tcp',
    fromPort: REDIS_PORT,
    toPort: REDIS_PORT,
    description: 'Redis from EKS nodes',
  });

  const subnetGroup = new aws.elasticache.SubnetGroup(`${name}-redis`, { subnetIds: network.dataSubnetIds });

  const replicationGroup = new aws.elasticache.ReplicationGroup(`${name}-redis`, {
    description: `${name} cache, pub/sub and job queue`,
    engine: 'redis',
    engineVersion: settings.engineVersion,
    nodeType: settings.nodeType,
    numCacheClusters: settings.nodes,
    port: REDIS_PORT,
    parameterGroupName: `default.redis${settings.engineVersion.split('.')[0]}`,
    subnetGroupName: subnetGroup.name,
    securityGroupIds: [sg.id],
    automaticFailoverEnabled: true,
    multiAzEnabled: true,
    transitEncryptionEnabled: true,
    atRestEncryptionEnabled: true,
    kmsKeyId: key.arn,
    authToken: token.result,
    snapshotRetentionLimit: settings.snapshotRetentionDays,
    snapshotWindow: '16:00-17:00',
    maintenanceWindow: 'sun:19:00-sun:20:00',
    autoMinorVersionUpgrade: true,
    applyImmediately: false,
  }, { protect: deletionProtection });

  const url = pulumi.secret(pulumi.interpolate`rediss://:${token.result}@${replicationGroup.primaryEndpointAddress}:${REDIS_PORT}`);

  const credentials = new aws.secretsmanager.Secret(`${name}-redis-credentials`, {
    description: `${name}: Redis auth token and URL`,
    kmsKeyId: key.arn,
    recoveryWindowInDays: deletionProtection ? 30 : 0,
  });
  new aws.secretsmanager.SecretVersion(`${name}-redis-credentials`, {
    secretId: credentials.id,
    secretString: pulumi.jsonStringify({ authToken: token.result, url }),
  });

  return { replicationGroup, credentials, url };
}
