import * as aws from '@pulumi/aws';
import * as k8s from '@pulumi/kubernetes';
import * as pulumi from '@pulumi/pulumi';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { ADDON_PODS, PROMETHEUS_VOLUME_GB, requestsOf, type PodShape } from './addon-pods';
import { type Cluster, serviceAccountRole } from './cluster';
import { kmsUseVia } from './kms';
import type { Network } from './network';

/** Chart versions, pinned; bump them deliberately. */
export const CHARTS = {
  awsLoadBalancerController: { repo: 'https://aws.github.io/eks-charts', chart: 'aws-load-balancer-controller', version: '1.13.4' },
  clusterAutoscaler: { repo: 'https://kubernetes.github.io/autoscaler', chart: 'cluster-autoscaler', version: '9.50.1' },
  metricsServer: { repo: 'https://kubernetes-sigs.github.io/metrics-server/', chart: 'metrics-server', version: '3.12.2' },
  prometheus: { repo: 'https://prometheus-community.github.io/helm-charts', chart: 'prometheus', version: '27.28.0' },
  prometheusAdapter: { repo: 'https://prometheus-community.github.io/helm-charts', chart: 'prometheus-adapter', version: '4.14.1' },
} as const;

/** The Cluster Autoscaler must match the cluster's minor version. */
export const CLUSTER_AUTOSCALER_IMAGE: Record<string, string> = { '1.33': 'v1.33.5' };

/** Prometheus's scrape and rule evaluation interval, and the request-rate window the HPA reads. */
export const SCRAPE_INTERVAL = '15s';
export const REQUEST_RATE_WINDOW = '1m';
/** The HPA's custom metric (k8s/overlays/<stack>/patches/hpa.yaml). */
export const REQUEST_RATE_METRIC = 'graphql_requests_per_second';

/**
 * Where Prometheus runs, and the labels the chart gives its server pods (`name` is the chart's name,
 * `component` the server's): k8s/base/networkpolicy.yaml opens the API's metrics port to exactly
 * those pods, and test/cloud checks that the two still agree.
 */
export const PROMETHEUS = {
  namespace: 'monitoring',
  release: 'prometheus',
  serverPodLabels: { 'app.kubernetes.io/name': 'prometheus', 'app.kubernetes.io/component': 'server' },
} as const;

export const ALERT_RULES_FILE = path.resolve(__dirname, '..', 'rules', 'dandori-alerts.yml');

/**
 * The adapter rule behind the HPA's request-rate metric: GraphQL requests per second per pod, from
 * the pods' `http_requests_total` — only route="/graphql", so the kubelet's and the ALB's probes
 * (/healthz, /readyz) and Prometheus's scrapes never count — over REQUEST_RATE_WINDOW of 15 s
 * samples (four points: a one-minute window the HPA can act on within its 15 s sync).
 */
export const requestRateRule = {
  seriesQuery: 'http_requests_total{namespace!="",pod!="",route="/graphql"}',
  resources: { overrides: { namespace: { resource: 'namespace' }, pod: { resource: 'pod' } } },
  name: { matches: '^http_requests_total$', as: REQUEST_RATE_METRIC },
  metricsQuery: `sum(rate(<<.Series>>{<<.LabelMatchers>>,route="/graphql"}[${REQUEST_RATE_WINDOW}])) by (<<.GroupBy>>)`,
};

const resources = (shape: PodShape) => ({ requests: requestsOf(shape) });

export interface AddonInputs {
  cluster: Cluster;
  network: Network;
  lbControllerPolicyArn: string;
  region: string;
  clusterVersion: string;
  key: aws.kms.Key;
  alarmTopic: aws.sns.Topic;
}

/**
 * What the manifests in k8s/ rely on: the AWS Load Balancer Controller (Ingress -> ALB, and the pod
 * readiness gate), the Cluster Autoscaler (nodes), metrics-server (CPU/memory for the HPA),
 * Prometheus + prometheus-adapter (the HPA's request rate) and Alertmanager (alert rules -> SNS).
 * Every release sets its pods' requests from addon-pods.ts, which the capacity plan packs.
 */
export function installAddons(name: string, inputs: AddonInputs): k8s.helm.v3.Release[] {
  const { cluster, region } = inputs;
  const opts = { provider: cluster.provider };
  const release = (id: string, chart: keyof typeof CHARTS, args: Omit<k8s.helm.v3.ReleaseArgs, 'chart' | 'version' | 'repositoryOpts'>, extra: pulumi.CustomResourceOptions = {}) =>
    new k8s.helm.v3.Release(`${name}-${id}`, {
      ...args,
      chart: CHARTS[chart].chart,
      version: CHARTS[chart].version,
      repositoryOpts: { repo: CHARTS[chart].repo },
    }, { ...opts, ...extra });

  const lbRole = serviceAccountRole(`${name}-lb-controller`, cluster, 'kube-system', 'aws-load-balancer-controller');
  new aws.iam.RolePolicyAttachment(`${name}-lb-controller`, { role: lbRole.name, policyArn: inputs.lbControllerPolicyArn });
  const lbController = release('lb-controller', 'awsLoadBalancerController', {
    name: 'aws-load-balancer-controller',
    namespace: 'kube-system',
    values: {
      clusterName: cluster.cluster.eksCluster.name,
      region,
      vpcId: inputs.network.vpc.id,
      replicaCount: ADDON_PODS.loadBalancerController.replicas,
      resources: resources(ADDON_PODS.loadBalancerController),
      serviceAccount: { name: 'aws-load-balancer-controller', annotations: { 'eks.amazonaws.com/role-arn': lbRole.arn } },
    },
  });

  const autoscaler = installClusterAutoscaler(name, inputs, release);

  const metricsServer = release('metrics-server', 'metricsServer', {
    name: 'metrics-server',
    namespace: 'kube-system',
    values: { replicas: ADDON_PODS.metricsServer.replicas, resources: resources(ADDON_PODS.metricsServer) },
  });

  const prometheus = installPrometheus(name, inputs, release);

  const adapter = release('prometheus-adapter', 'prometheusAdapter', {
    name: 'prometheus-adapter',
    namespace: 'monitoring',
    values: {
      replicas: ADDON_PODS.prometheusAdapter.replicas,
      resources: resources(ADDON_PODS.prometheusAdapter),
      prometheus: { url: 'http://prometheus-server.monitoring.svc', port: 80 },
      rules: { default: false, custom: [requestRateRule] },
    },
  }, { dependsOn: [prometheus] });

  return [lbController, autoscaler, metricsServer, prometheus, adapter];
}

type ReleaseFn = (id: string, chart: keyof typeof CHARTS, args: Omit<k8s.helm.v3.ReleaseArgs, 'chart' | 'version' | 'repositoryOpts'>, extra?: pulumi.CustomResourceOptions) => k8s.helm.v3.Release;

/**
 * The Cluster Autoscaler with IRSA. It may describe anything, but change the size of (or terminate
 * instances in) only the Auto Scaling groups EKS tagged as this cluster's own.
 */
function installClusterAutoscaler(name: string, inputs: AddonInputs, release: ReleaseFn): k8s.helm.v3.Release {
  const { cluster } = inputs;
  const image = CLUSTER_AUTOSCALER_IMAGE[inputs.clusterVersion];
  if (!image) throw new Error(`no Cluster Autoscaler image for Kubernetes ${inputs.clusterVersion}: add one to CLUSTER_AUTOSCALER_IMAGE`);
  const role = serviceAccountRole(`${name}-cluster-autoscaler`, cluster, 'kube-system', 'cluster-autoscaler');
  new aws.iam.RolePolicy(`${name}-cluster-autoscaler`, {
    role: role.id,
    policy: pulumi.jsonStringify({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'Discover',
          Effect: 'Allow',
          Action: [
            'autoscaling:DescribeAutoScalingGroups', 'autoscaling:DescribeAutoScalingInstances', 'autoscaling:DescribeLaunchConfigurations',
            'autoscaling:DescribeScalingActivities', 'autoscaling:DescribeTags', 'ec2:DescribeImages', 'ec2:DescribeInstanceTypes',
            'ec2:DescribeLaunchTemplateVersions', 'ec2:GetInstanceTypesFromInstanceRequirements', 'eks:DescribeNodegroup',
          ],
          Resource: '*',
        },
        {
          Sid: 'ScaleOnlyThisClustersGroups',
          Effect: 'Allow',
          Action: ['autoscaling:SetDesiredCapacity', 'autoscaling:TerminateInstanceInAutoScalingGroup'],
          Resource: '*',
          Condition: { StringEquals: { [`aws:ResourceTag/k8s.io/cluster-autoscaler/${name}`]: 'owned' } },
        },
      ],
    }),
  });
  return release('cluster-autoscaler', 'clusterAutoscaler', {
    name: 'cluster-autoscaler',
    namespace: 'kube-system',
    values: {
      cloudProvider: 'aws',
      awsRegion: inputs.region,
      autoDiscovery: { clusterName: cluster.cluster.eksCluster.name },
      image: { tag: image },
      replicaCount: ADDON_PODS.clusterAutoscaler.replicas,
      resources: resources(ADDON_PODS.clusterAutoscaler),
      priorityClassName: 'system-cluster-critical',
      rbac: { serviceAccount: { name: 'cluster-autoscaler', annotations: { 'eks.amazonaws.com/role-arn': role.arn } } },
      extraArgs: {
        // One node group per zone: keep them the same size, and scale the zone a pod needs.
        'balance-similar-node-groups': true,
        'balancing-ignore-label': 'eks.amazonaws.com/nodegroup',
        expander: 'least-waste',
        // Every app pod has an emptyDir /tmp and the add-ons live in kube-system: neither may pin a node.
        'skip-nodes-with-local-storage': false,
        'skip-nodes-with-system-pods': false,
        'scale-down-unneeded-time': '10m',
        'scale-down-delay-after-add': '10m',
      },
    },
  });
}

/**
 * Prometheus: two replicas (each scrapes everything, so the HPA's metric survives one restart),
 * each with its own encrypted gp3 volume, scraping every 15 s; Alertmanager sends the alert rules'
 * alerts to the stack's SNS topic through its own IRSA role (publish to that topic only).
 */
function installPrometheus(name: string, inputs: AddonInputs, release: ReleaseFn): k8s.helm.v3.Release {
  const { cluster, key, region, alarmTopic } = inputs;
  const role = serviceAccountRole(`${name}-alertmanager`, cluster, 'monitoring', 'alertmanager');
  new aws.iam.RolePolicy(`${name}-alertmanager`, {
    role: role.id,
    policy: pulumi.jsonStringify({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: ['sns:Publish'], Resource: [alarmTopic.arn] },
        kmsUseVia(key, region, ['sns'], ['kms:GenerateDataKey*', 'kms:Decrypt']),
      ],
    }),
  });
  const rules = parse(readFileSync(ALERT_RULES_FILE, 'utf8')) as unknown;
  return release('prometheus', 'prometheus', {
    name: PROMETHEUS.release,
    namespace: PROMETHEUS.namespace,
    createNamespace: true,
    values: {
      server: {
        replicaCount: ADDON_PODS.prometheusServer.replicas,
        statefulSet: { enabled: true },
        podAntiAffinity: 'soft',
        podAntiAffinityTopologyKey: 'topology.kubernetes.io/zone',
        persistentVolume: { enabled: true, size: `${PROMETHEUS_VOLUME_GB}Gi`, storageClass: cluster.storageClassName },
        retention: '7d',
        global: { scrape_interval: SCRAPE_INTERVAL, scrape_timeout: '10s', evaluation_interval: SCRAPE_INTERVAL },
        resources: { requests: requestsOf({ cpu: ADDON_PODS.prometheusServer.cpu - 10, memoryMi: ADDON_PODS.prometheusServer.memoryMi - 32 }) },
      },
      configmapReload: { prometheus: { resources: { requests: requestsOf({ cpu: 10, memoryMi: 32 }) } } },
      serverFiles: { 'alerting_rules.yml': rules },
      alertmanager: {
        enabled: true,
        replicaCount: ADDON_PODS.alertmanager.replicas,
        persistence: { enabled: false },
        resources: resources(ADDON_PODS.alertmanager),
        serviceAccount: { create: true, name: 'alertmanager', annotations: { 'eks.amazonaws.com/role-arn': role.arn } },
        config: {
          global: {},
          route: { receiver: 'sns', group_by: ['alertname', 'dependency'], group_wait: '30s', group_interval: '5m', repeat_interval: '4h' },
          receivers: [{
            name: 'sns',
            sns_configs: [{ topic_arn: alarmTopic.arn, sigv4: { region }, subject: `[${name}] {{ .CommonLabels.alertname }}`, send_resolved: true }],
          }],
        },
      },
      'kube-state-metrics': { resources: resources(ADDON_PODS.kubeStateMetrics) },
      'prometheus-node-exporter': { enabled: false },
      'prometheus-pushgateway': { enabled: false },
    },
  }, { dependsOn: [...cluster.nodeGroups, cluster.storageClass] });
}
