import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { alarmTopicName, createAlarms, createAlarmTopic } from './alarms';
import { installAddons } from './addons';
import { deployApp } from './app';
import { createBackups } from './backups';
import { createCache } from './cache';
import { createCluster } from './cluster';
import { createDatabase } from './database';
import { createAlbSecurityGroup, createApiEdge } from './edge';
import { createKey } from './kms';
import { createNetwork } from './network';
import type { Settings } from './settings';
import { planStack } from './stack-files';
import { createStorage } from './storage';

/** Declares the whole stack; returns its outputs. */
export function createInfrastructure(settings: Settings) {
  const name = `dandori-${settings.stack}`;
  // How far everything may scale, from the measured pod capacity, the stack's demand and its budget.
  const plan = planStack(settings);
  if (!plan.withinBudget) {
    throw new Error(`${name}: even the smallest scale costs $${plan.cost.high} a month, over the budget of $${settings.capacity.budgetUsdPerMonth}`);
  }
  const key = createKey(name, settings.region, alarmTopicName(name));
  const alarmTopic = createAlarmTopic(name, key, settings.app.alarmEmail);
  const zones = settings.network.availabilityZones;
  const network = createNetwork(name, settings.network, name);
  const cluster = createCluster(name, {
    settings: settings.cluster, zones, network, key, plan, region: settings.region, logRetentionDays: settings.app.logRetentionDays,
  });
  const database = createDatabase(name, {
    settings: settings.database, network, nodeSecurityGroup: cluster.nodeSecurityGroup, key, region: settings.region,
    readerMax: plan.readers.max, logRetentionDays: settings.app.logRetentionDays,
  });
  const cache = createCache(name, settings.redis, network, zones, cluster.nodeSecurityGroup, key, settings.database.deletionProtection);
  const publicOrigin = settings.stack === 'production' ? 'https://app.dandori.example' : 'https://app.staging.dandori.example';
  const storage = createStorage(name, settings.storage, key, publicOrigin);
  const backups = createBackups(name, { key, region: settings.region, clusterArn: database.cluster.arn, retentionDays: settings.storage.backupRetentionDays });
  const addons = installAddons(name, {
    cluster, network, lbControllerPolicyArn: settings.app.loadBalancerControllerPolicyArn, region: settings.region,
    clusterVersion: settings.cluster.version, key, alarmTopic,
  });
  const albSecurityGroup = createAlbSecurityGroup(name, network.vpc.id);
  const app = deployApp(name, {
    settings: settings.app,
    region: settings.region,
    cluster,
    plan,
    uploadsBucket: storage.uploads,
    key,
    albSecurityGroup,
    secrets: {
      databaseUrl: database.url,
      databaseReplicaUrl: database.replicaUrl,
      migrationDatabaseUrl: database.migrationUrl,
      appDatabasePassword: database.appPassword,
      redisUrl: cache.url,
    },
    dependsOn: addons,
  });
  // CloudFront's web ACLs live in us-east-1.
  const usEast1 = new aws.Provider(`${name}-us-east-1`, { region: 'us-east-1', defaultTags: { tags: { project: 'dandori-portal', environment: settings.stack } } });
  const edge = createApiEdge(name, {
    loadBalancer: app.loadBalancer,
    host: app.apiHost,
    cdnCertificateArn: settings.app.cdnCertificateArn,
    priceClass: settings.storage.cloudfrontPriceClass,
    wafRequestsPer5MinPerIp: settings.app.wafRequestsPer5MinPerIp,
    usEast1,
  });
  createAlarms(name, {
    topic: alarmTopic,
    loadBalancerArnSuffix: app.loadBalancer.arnSuffix,
    dbClusterIdentifier: database.cluster.clusterIdentifier,
    dbMaxConnections: settings.database.maxConnections,
    proxyName: database.proxy.name,
    redisReplicationGroupId: cache.replicationGroup.id,
    dbInstanceIdentifiers: database.instances.map((i) => i.identifier),
  });

  return {
    clusterName: cluster.cluster.eksCluster.name,
    kubeconfig: pulumi.secret(cluster.cluster.kubeconfigJson),
    databaseProxyEndpoint: database.proxy.endpoint,
    databaseCredentialsSecretArn: database.credentials.arn,
    databaseAppCredentialsSecretArn: database.appCredentials.arn,
    redisPrimaryEndpoint: cache.replicationGroup.primaryEndpointAddress,
    redisCredentialsSecretArn: cache.credentials.arn,
    uploadsBucket: storage.uploads.bucket,
    assetsBucket: storage.assets.bucket,
    assetsDomain: storage.distribution.domainName,
    backupBucket: backups.bucket.bucket,
    apiDomain: app.apiHost,
    /** Point apiDomain at this (CNAME or Route 53 alias). */
    apiDistributionDomain: edge.distribution.domainName,
    loadBalancerDns: app.loadBalancer.dnsName,
    alarmTopicArn: alarmTopic.arn,
    capacity: { hpa: plan.hpa, nodes: plan.nodes, readers: plan.readers, podTargetRps: plan.podTargetRps, servedRps: plan.servedRps },
  };
}
