// Entry point of the Pulumi program: `pulumi preview|up --stack staging|production` (see docs/cloud.md).
import * as pulumi from '@pulumi/pulumi';
import { createInfrastructure } from './src/infrastructure';
import { parseSettings } from './src/settings';

// `aws:*` values are plain strings; the `dandori:*` sections are objects.
const settings = parseSettings(pulumi.getStack(), (namespace, key) =>
  namespace === 'dandori' ? new pulumi.Config(namespace).getObject<unknown>(key) : new pulumi.Config(namespace).get(key),
);
const outputs = createInfrastructure(settings);

export const clusterName = outputs.clusterName;
export const kubeconfig = outputs.kubeconfig;
export const databaseProxyEndpoint = outputs.databaseProxyEndpoint;
export const databaseCredentialsSecretArn = outputs.databaseCredentialsSecretArn;
export const databaseAppCredentialsSecretArn = outputs.databaseAppCredentialsSecretArn;
export const redisPrimaryEndpoint = outputs.redisPrimaryEndpoint;
export const redisCredentialsSecretArn = outputs.redisCredentialsSecretArn;
export const uploadsBucket = outputs.uploadsBucket;
export const assetsBucket = outputs.assetsBucket;
export const assetsDomain = outputs.assetsDomain;
export const backupBucket = outputs.backupBucket;
export const apiDomain = outputs.apiDomain;
export const apiDistributionDomain = outputs.apiDistributionDomain;
export const loadBalancerDns = outputs.loadBalancerDns;
export const alarmTopicArn = outputs.alarmTopicArn;
export const capacity = outputs.capacity;
