import * as aws from '@pulumi/aws';
import * as eks from '@pulumi/eks';
import * as k8s from '@pulumi/kubernetes';
import * as pulumi from '@pulumi/pulumi';
import type { Network } from './network';
import type { ClusterSettings } from './settings';

export interface Cluster {
  cluster: eks.Cluster;
  /** Attached to every node (through the launch template): the only source allowed into data stores. */
  nodeSecurityGroup: aws.ec2.SecurityGroup;
  provider: k8s.Provider;
  oidcProviderArn: pulumi.Output<string>;
  oidcIssuer: pulumi.Output<string>;
}

const NODE_POLICIES = [
  'arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy',
  'arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy',
  'arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly',
  'arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore',
];

export function createCluster(name: string, settings: ClusterSettings, network: Network, key: aws.kms.Key): Cluster {
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
  });

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
  NODE_POLICIES.forEach((policyArn, i) => new aws.iam.RolePolicyAttachment(`${name}-node-${i}`, { role: nodeRole.name, policyArn }));

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

  new eks.ManagedNodeGroup(`${name}-nodes`, {
    cluster,
    nodeRole,
    subnetIds: network.privateSubnetIds,
    instanceTypes: [settings.instanceType],
    capacityType: settings.capacityType,
    scalingConfig: { minSize: settings.minNodes, desiredSize: settings.desiredNodes, maxSize: settings.maxNodes },
    launchTemplate: { id: launchTemplate.id, version: pulumi.interpolate`${launchTemplate.latestVersion}` },
    labels: { 'dandori/pool': 'general' },
  });

  // kubeconfigJson, not getKubeconfig(): it works the same under unit-test mocks.
  const provider = new k8s.Provider(`${name}-k8s`, { kubeconfig: cluster.kubeconfigJson, enableServerSideApply: true });
  return { cluster, nodeSecurityGroup, provider, oidcProviderArn: cluster.oidcProviderArn, oidcIssuer: cluster.oidcIssuer };
}

/** An IAM role that one Kubernetes service account assumes through the cluster's OIDC provider (IRSA). */
export function serviceAccountRole(name: string, cluster: Cluster, namespace: string, serviceAccount: string): aws.iam.Role {
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
