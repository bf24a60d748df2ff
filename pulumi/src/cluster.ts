import * as aws from '@pulumi/aws';
import * as eks from '@pulumi/eks';
import * as k8s from '@pulumi/kubernetes';
import * as pulumi from '@pulumi/pulumi';
import { ADDON_PODS, PER_NODE_PODS, requestsOf } from './addon-pods';
import type { CapacityPlan } from './capacity';
import { kmsUseVia } from './kms';
import type { Network } from './network';
import type { ClusterSettings } from './settings';

export interface Cluster {
  cluster: eks.Cluster;
  /** Attached to every node (through the launch template): the only source allowed into data stores. */
  nodeSecurityGroup: aws.ec2.SecurityGroup;
  /** One per zone, each scaled by the Cluster Autoscaler between the plan's bounds. */
  nodeGroups: aws.eks.NodeGroup[];
  provider: k8s.Provider;
  oidcProviderArn: pulumi.Output<string>;
  oidcIssuer: pulumi.Output<string>;
  /** gp3, encrypted with the stack's key, bound where the pod lands (Prometheus's volumes). */
  storageClassName: string;
  storageClass: k8s.storage.v1.StorageClass;
}

const NODE_POLICIES = [
  'arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy',
  'arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy',
  'arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly',
  'arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore',
];

export const STORAGE_CLASS = 'gp3-encrypted';

export interface ClusterInputs {
  settings: ClusterSettings;
  zones: string[];
  network: Network;
  key: aws.kms.Key;
  plan: CapacityPlan;
  region: string;
  logRetentionDays: number;
}

export function createCluster(name: string, inputs: ClusterInputs): Cluster {
  const { settings, network, key, plan } = inputs;
  // Created before the cluster, so EKS does not create it without an expiry.
  const logGroup = new aws.cloudwatch.LogGroup(`${name}-eks`, {
    name: `/aws/eks/${name}/cluster`,
    retentionInDays: inputs.logRetentionDays,
  });
  const cluster = new eks.Cluster(name, {
    name,
    version: settings.version,
    vpcId: network.vpc.id,
    publicSubnetIds: network.publicSubnetIds,
    privateSubnetIds: network.privateSubnetIds,
    nodeAssociatePublicIpAddress: false,
    endpointPrivateAccess: true,
    endpointPublicAccess: true,
    publicAccessCidrs: settings.publicAccessCidrs,
    skipDefaultNodeGroup: true,
    // Managed nodes then carry the EKS-created cluster security group (clusterSecurityGroupId).
    skipDefaultSecurityGroups: true,
    createOidcProvider: true,
    authenticationMode: eks.AuthenticationMode.Api,
    encryptionConfigKeyArn: key.arn,
    enabledClusterLogTypes: ['api', 'audit', 'authenticator'],
    // The NetworkPolicies in k8s/ are enforced by the VPC CNI's policy agent.
    vpcCniOptions: { enableNetworkPolicy: true },
  }, { dependsOn: [logGroup] });

  const nodeSecurityGroup = new aws.ec2.SecurityGroup(`${name}-nodes`, {
    vpcId: network.vpc.id,
    description: `${name} worker nodes (source for database and Redis access)`,
    tags: { Name: `${name}-nodes` },
  });

  const nodeRole = new aws.iam.Role(`${name}-node`, {
    assumeRolePolicy: JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
    }),
  });
  const attachments = NODE_POLICIES.map((policyArn, i) => new aws.iam.RolePolicyAttachment(`${name}-node-${i}`, { role: nodeRole.name, policyArn }));

  const launchTemplate = new aws.ec2.LaunchTemplate(`${name}-nodes`, {
    // With security groups in the launch template EKS adds none of its own: keep the cluster's.
    vpcSecurityGroupIds: [cluster.clusterSecurityGroupId, nodeSecurityGroup.id],
    metadataOptions: { httpTokens: 'required', httpPutResponseHopLimit: 1, httpEndpoint: 'enabled' },
    blockDeviceMappings: [{
      deviceName: '/dev/xvda',
      ebs: { volumeSize: settings.nodeDiskGb, volumeType: 'gp3', encrypted: 'true', kmsKeyId: key.arn, deleteOnTermination: 'true' },
    }],
    tagSpecifications: [{ resourceType: 'instance', tags: { Name: `${name}-node` } }],
  });

  // One node group per zone: the Cluster Autoscaler then adds a node in the zone a pending pod needs
  // (the API's zone spread, Prometheus's zonal volumes), and balances the groups
  // (--balance-similar-node-groups). EKS tags each group's Auto Scaling group for its auto-discovery.
  const nodeGroups = inputs.zones.map((zone, i) =>
    new aws.eks.NodeGroup(`${name}-nodes-${zone}`, {
      clusterName: cluster.eksCluster.name,
      nodeRoleArn: nodeRole.arn,
      subnetIds: [network.privateSubnetIds[i]!],
      instanceTypes: [settings.instanceType],
      capacityType: settings.capacityType,
      scalingConfig: { minSize: plan.nodesPerZone.min, desiredSize: plan.nodesPerZone.min, maxSize: plan.nodesPerZone.max },
      // Never drain more than one node of a group at a time when the launch template changes.
      updateConfig: { maxUnavailable: 1 },
      launchTemplate: { id: launchTemplate.id, version: pulumi.interpolate`${launchTemplate.latestVersion}` },
      labels: { 'dandori/pool': 'general' },
    }, {
      dependsOn: attachments,
      // The Cluster Autoscaler owns the current size; Pulumi owns the bounds.
      ignoreChanges: ['scalingConfig.desiredSize'],
    }));

  // kubeconfigJson, not getKubeconfig(): it works the same under unit-test mocks.
  const provider = new k8s.Provider(`${name}-k8s`, { kubeconfig: cluster.kubeconfigJson, enableServerSideApply: true });
  const base = { cluster, nodeSecurityGroup, nodeGroups, provider, oidcProviderArn: cluster.oidcProviderArn, oidcIssuer: cluster.oidcIssuer };
  const storageClass = installEbsCsiDriver(name, base, key, inputs.region);
  return { ...base, storageClassName: STORAGE_CLASS, storageClass };
}

/**
 * The EBS CSI driver (EKS add-on) with its own IRSA role, and an encrypted gp3 StorageClass. The
 * role may use the key only through EC2 (kms:ViaService), for the volumes it creates.
 */
function installEbsCsiDriver(
  name: string,
  cluster: Omit<Cluster, 'storageClass' | 'storageClassName'>,
  key: aws.kms.Key,
  region: string,
): k8s.storage.v1.StorageClass {
  const role = serviceAccountRole(`${name}-ebs-csi`, cluster, 'kube-system', 'ebs-csi-controller-sa');
  new aws.iam.RolePolicyAttachment(`${name}-ebs-csi`, { role: role.name, policyArn: 'arn:aws:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy' });
  new aws.iam.RolePolicy(`${name}-ebs-csi-kms`, {
    role: role.id,
    policy: pulumi.jsonStringify({
      Version: '2012-10-17',
      Statement: [
        kmsUseVia(key, region, ['ec2'], ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey']),
        // Grants only for the volumes EC2 attaches on the driver's behalf.
        {
          Effect: 'Allow',
          Action: ['kms:CreateGrant'],
          Resource: [key.arn],
          Condition: { Bool: { 'kms:GrantIsForAWSResource': 'true' }, StringEquals: { 'kms:ViaService': [`ec2.${region}.amazonaws.com`] } },
        },
      ],
    }),
  });
  const containers = (perContainer: { cpu: number; memoryMi: number }, count: number) =>
    ({ resources: { requests: requestsOf({ cpu: perContainer.cpu / count, memoryMi: perContainer.memoryMi / count }) } });
  new aws.eks.Addon(`${name}-ebs-csi`, {
    clusterName: cluster.cluster.eksCluster.name,
    addonName: 'aws-ebs-csi-driver',
    serviceAccountRoleArn: role.arn,
    resolveConflictsOnUpdate: 'OVERWRITE',
    // Requests pinned to addon-pods.ts, so the capacity plan packs what actually runs.
    configurationValues: JSON.stringify({
      controller: { replicaCount: ADDON_PODS.ebsCsiController.replicas, ...containers(ADDON_PODS.ebsCsiController, 6) },
      node: containers(PER_NODE_PODS.ebsCsiNode, 3),
    }),
  }, { dependsOn: cluster.nodeGroups });
  return new k8s.storage.v1.StorageClass(`${name}-gp3`, {
    metadata: { name: STORAGE_CLASS },
    provisioner: 'ebs.csi.aws.com',
    volumeBindingMode: 'WaitForFirstConsumer',
    allowVolumeExpansion: true,
    reclaimPolicy: 'Delete',
    parameters: { type: 'gp3', encrypted: 'true', kmsKeyId: key.arn },
  }, { provider: cluster.provider });
}

/** An IAM role that one Kubernetes service account assumes through the cluster's OIDC provider (IRSA). */
export function serviceAccountRole(name: string, cluster: Pick<Cluster, 'oidcProviderArn' | 'oidcIssuer'>, namespace: string, serviceAccount: string): aws.iam.Role {
  const assumeRolePolicy = pulumi
    .all([cluster.oidcProviderArn, cluster.oidcIssuer])
    .apply(([arn, issuer]) =>
      JSON.stringify({
        Version: '2012-10-17',
        Statement: [{
          Effect: 'Allow',
          Principal: { Federated: arn },
          Action: 'sts:AssumeRoleWithWebIdentity',
          Condition: {
            StringEquals: {
              [`${issuer}:sub`]: `system:serviceaccount:${namespace}:${serviceAccount}`,
              [`${issuer}:aud`]: 'sts.amazonaws.com',
            },
          },
        }],
      }),
    );
  return new aws.iam.Role(name, { assumeRolePolicy });
}
