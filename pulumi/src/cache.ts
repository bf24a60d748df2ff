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

/**
 * The one Redis setting we own: never evict. BullMQ requires it (an evicted job key corrupts the
 * queue), and the sessions must not vanish under memory pressure either; every cache key has a TTL,
 * so memory is reclaimed by expiry. Full memory then fails writes instead of dropping data, which the
 * DatabaseMemoryUsagePercentage alarm (alarms.ts) warns of long before.
 */
export const REDIS_PARAMETERS = { 'maxmemory-policy': 'noeviction' } as const;

/**
 * Redis as a Multi-AZ replication group: a primary and a replica in different zones, replicated
 * asynchronously, with automatic failover (the primary endpoint follows the promoted replica), TLS,
 * encryption at rest, an auth token and daily snapshots. What survives what is in docs/cloud.md
 * ("Redis: what survives what").
 */
export function createCache(
  name: string,
  settings: RedisSettings,
  network: Network,
  zones: string[],
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
  const parameterGroup = new aws.elasticache.ParameterGroup(`${name}-redis`, {
    family: `redis${settings.engineVersion.split('.')[0]}`,
    description: `${name}: noeviction for BullMQ and the sessions`,
    parameters: Object.entries(REDIS_PARAMETERS).map(([parameter, value]) => ({ name: parameter, value })),
  });

  const replicationGroup = new aws.elasticache.ReplicationGroup(`${name}-redis`, {
    description: `${name} cache, pub/sub and job queue`,
    engine: 'redis',
    engineVersion: settings.engineVersion,
    nodeType: settings.nodeType,
    numCacheClusters: settings.nodes,
    port: REDIS_PORT,
    parameterGroupName: parameterGroup.name,
    subnetGroupName: subnetGroup.name,
    // Primary and replicas in different zones, so losing a zone leaves a copy to promote.
    preferredCacheClusterAzs: Array.from({ length: settings.nodes }, (_, i) => zones[i % zones.length]!),
    securityGroupIds: [sg.id],
    automaticFailoverEnabled: true,
    multiAzEnabled: true,
    transitEncryptionEnabled: true,
    atRestEncryptionEnabled: true,
    kmsKeyId: key.arn,
    authToken: token.result,
    snapshotRetentionLimit: settings.snapshotRetentionDays,
    snapshotWindow: '16:00-17:00',
    finalSnapshotIdentifier: deletionProtection ? `${name}-redis-final` : undefined,
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
