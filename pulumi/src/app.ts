import * as aws from '@pulumi/aws';
import * as k8s from '@pulumi/kubernetes';
import * as pulumi from '@pulumi/pulumi';
import * as random from '@pulumi/random';
import * as path from 'node:path';
import type { CapacityPlan } from './capacity';
import { type Cluster, serviceAccountRole } from './cluster';
import { APP_DATABASE_USER } from './database';
import { kmsUseVia } from './kms';
import {
  type K8sObject, INFRA_CONFIG_NAME, MIGRATE_SECRET_NAME, SECRET_NAME, SERVICE_ACCOUNT,
  apiHostOf, customiseManifests, loadBalancerNameOf, namespaceOf, splitForRollout,
} from './manifests';
import type { AppSettings } from './settings';
import { K8S_OVERLAYS_DIR } from './stack-files';

export interface AppInputs {
  settings: AppSettings;
  region: string;
  cluster: Cluster;
  plan: CapacityPlan;
  uploadsBucket: aws.s3.Bucket;
  key: aws.kms.Key;
  albSecurityGroup: aws.ec2.SecurityGroup;
  secrets: {
    databaseUrl: pulumi.Output<string>;
    databaseReplicaUrl: pulumi.Output<string>;
    migrationDatabaseUrl: pulumi.Output<string>;
    appDatabasePassword: pulumi.Output<string>;
    redisUrl: pulumi.Output<string>;
  };
  dependsOn: pulumi.Resource[];
}

export interface App {
  serviceAccountRole: aws.iam.Role;
  loadBalancer: pulumi.Output<aws.lb.GetLoadBalancerResult>;
  /** The Ingress's host: the API's public name (CloudFront, edge.ts). */
  apiHost: pulumi.Output<string>;
  workloads: k8s.yaml.v2.ConfigGroup;
}

/**
 * Deploys k8s/overlays/<overlay>, rendered by the Kubernetes provider's kustomize, in three steps:
 * namespace/config, the migration Job (awaited until it completes), then the Deployments, Service,
 * HPA, PDB and Ingress, so a release never runs against an unmigrated schema. The HPA's maximum and
 * request-rate target come from the capacity plan.
 */
export function deployApp(name: string, inputs: AppInputs): App {
  const { cluster, settings } = inputs;
  const opts = { provider: cluster.provider };

  const rendered = pulumi
    .output(pulumi.runtime.invoke('kubernetes:kustomize:directory', { directory: path.join(K8S_OVERLAYS_DIR, settings.overlay) }, opts))
    .apply((r) => r.result as K8sObject[]);
  const namespace = rendered.apply(namespaceOf);

  const role = serviceAccountRole(`${name}-app`, cluster, 'dandori', SERVICE_ACCOUNT);
  new aws.iam.RolePolicy(`${name}-app-s3`, {
    role: role.id,
    policy: pulumi.jsonStringify({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: ['s3:ListBucket'], Resource: [inputs.uploadsBucket.arn] },
        {
          Effect: 'Allow',
          Action: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject', 's3:AbortMultipartUpload'],
          Resource: [pulumi.interpolate`${inputs.uploadsBucket.arn}/*`],
        },
        // The uploads bucket's SSE-KMS, and nothing else the key protects.
        kmsUseVia(inputs.key, inputs.region, ['s3'], ['kms:Decrypt', 'kms:GenerateDataKey']),
      ],
    }),
  });

  const objs = pulumi
    .all([rendered, role.arn, inputs.albSecurityGroup.id])
    .apply(([list, roleArn, albSecurityGroupId]) =>
      splitForRollout(customiseManifests(list, {
        serviceAccountRoleArn: roleArn,
        certificateArn: settings.certificateArn,
        image: settings.image,
        albSecurityGroupId,
        hpa: { maxReplicas: inputs.plan.hpa.max, requestsPerSecondPerPod: inputs.plan.podTargetRps },
      })),
    );

  const foundation = new k8s.yaml.v2.ConfigGroup(`${name}-foundation`, { objs: objs.foundation }, { ...opts, dependsOn: inputs.dependsOn });
  const secret = new k8s.core.v1.Secret(`${name}-app-secrets`, {
    metadata: { name: SECRET_NAME, namespace },
    type: 'Opaque',
    stringData: {
      DATABASE_URL: inputs.secrets.databaseUrl,
      DATABASE_REPLICA_URL: inputs.secrets.databaseReplicaUrl,
      REDIS_URL: inputs.secrets.redisUrl,
      JWT_SECRET: jwtSecret(name),
    },
  }, { ...opts, dependsOn: [foundation] });
  // Only the migration Job mounts this: the API and the worker never see the master user.
  const migrateSecret = new k8s.core.v1.Secret(`${name}-migrate-secrets`, {
    metadata: { name: MIGRATE_SECRET_NAME, namespace },
    type: 'Opaque',
    stringData: {
      DATABASE_URL: inputs.secrets.migrationDatabaseUrl,
      APP_DATABASE_USER,
      APP_DATABASE_PASSWORD: inputs.secrets.appDatabasePassword,
    },
  }, { ...opts, dependsOn: [foundation] });
  const infraConfig = new k8s.core.v1.ConfigMap(`${name}-app-infra`, {
    metadata: { name: INFRA_CONFIG_NAME, namespace },
    data: { S3_UPLOAD_BUCKET: inputs.uploadsBucket.bucket, AWS_REGION: inputs.region },
  }, { ...opts, dependsOn: [foundation] });

  const migrations = new k8s.yaml.v2.ConfigGroup(`${name}-migrations`, { objs: objs.migrations }, { ...opts, dependsOn: [secret, migrateSecret, infraConfig] });
  const workloads = new k8s.yaml.v2.ConfigGroup(`${name}-workloads`, { objs: objs.workloads }, { ...opts, dependsOn: [migrations] });

  // The ALB is created by the Load Balancer Controller once the Ingress exists; CloudFront and the alarms need it.
  const loadBalancer = aws.lb.getLoadBalancerOutput({ name: rendered.apply(loadBalancerNameOf) }, { dependsOn: [workloads] });
  return { serviceAccountRole: role, loadBalancer, apiHost: rendered.apply(apiHostOf), workloads };
}

function jwtSecret(name: string): pulumi.Output<string> {
  return new random.RandomPassword(`${name}-jwt-secret`, { length: 64, special: false }).result;
}
