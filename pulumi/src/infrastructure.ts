import * as pulumi from '@pulumi/pulumi';
import { createAlarms } from './alarms';
import { installAddons } from './addons';
import { deployApp } from './app';
import { createCache } from './cache';
import { createCluster } from './cluster';
import { createDatabase } from './database';
import { createKey } from './kms';
import { createNetwork } from './network';
import type { Settings } from './settings';
import { createStorage } from './storage';

/** Declares the whole stack; returns its outputs. */
export function createInfrastructure(settings: Settings) {
  const name = `dandori-${settings.stack}`;
  const key = createKey(name);
  const network = createNetwork(name, settings.network, name);
  const cluster = createCluster(name, settings.cluster, network, key);
  const database = createDatabase(name, settings.database, network, cluster.nodeSecurityGroup, key);
  const cache = createCache(name, settings.redis, network, cluster.nodeSecurityGroup, key, settings.database.deletionProtection);
  const publicOrigin = settings.stack === 'production' ? 'https://app.dandori.example' : 'https://app.staging.dandori.example';
  const storage = createStorage(name, settings.storage, key, publicOrigin);
  const addons = installAddons(name, cluster, network, settings.app.loadBalancerControllerPolicyArn, settings.region);
  const app = deployApp(name, {
    settings: settings.app,
    region: settings.region,
    cluster,
    uploadsBucket: storage.uploads,
    key,
    secrets: { databaseUrl: database.url, databaseReplicaUrl: database.replicaUrl, redisUrl: cache.url },
    dependsOn: addons,
  });
  const alarmTopic = createAlarms(name, {
    loadBalancerArnSuffix: app.loadBalancer.arnSuffix,
    dbClusterIdentifier: database.cluster.clusterIdentifier,
    dbMaxConnections: settings.database.maxConnections,
    alarmEmail: settings.app.alarmEmail,
  }, key);

  return {
    clusterName: cluster.cluster.eksCluster.name,
    kubeconfig: pulumi.secret(cluster.cluster.kubeconfigJson),
    databaseProxyEndpoint: database.proxy.endpoint,
    databaseCredentialsSecretArn: database.credentials.arn,
    redisPrimaryEndpoint: cache.replicationGroup.primaryEndpointAddress,
    redisCredentialsSecretArn: cache.credentials.arn,
    uploadsBucket: storage.uploads.bucket,
    assetsBucket: storage.assets.bucket,
    assetsDomain: storage.distribution.domainName,
    loadBalancerDns: app.loadBalancer.dnsName,
    alarmTopicArn: alarmTopic.arn,
  };
}
