import * as aws from '@pulumi/aws';
import * as k8s from '@pulumi/kubernetes';
import { type Cluster, serviceAccountRole } from './cluster';
import type { Network } from './network';

/** Chart versions, pinned; bump them deliberately. */
export const CHARTS = {
  awsLoadBalancerController: { repo: 'https://aws.github.io/eks-charts', chart: 'aws-load-balancer-controller', version: '1.13.4' },
  metricsServer: { repo: 'https://kubernetes-sigs.github.io/metrics-server/', chart: 'metrics-server', version: '3.12.2' },
  prometheus: { repo: 'https://prometheus-community.github.io/helm-charts', chart: 'prometheus', version: '27.28.0' },
  prometheusAdapter: { repo: 'https://prometheus-community.github.io/helm-charts', chart: 'prometheus-adapter', version: '4.14.1' },
} as const;

/**
 * What the manifests in k8s/ rely on: the AWS Load Balancer Controller (Ingress -> ALB), metrics-server
 * (CPU/memory for the HPA) and Prometheus + prometheus-adapter, which turns the pods' `http_requests_total`
 * into the custom metric `http_requests_per_second` that the HPA scales on at 1,000 per pod.
 */
export function installAddons(name: string, cluster: Cluster, network: Network, lbControllerPolicyArn: string, region: string): k8s.helm.v3.Release[] {
  const opts = { provider: cluster.provider };

  const lbRole = serviceAccountRole(`${name}-lb-controller`, cluster, 'kube-system', 'aws-load-balancer-controller');
  new aws.iam.RolePolicyAttachment(`${name}-lb-controller`, { role: lbRole.name, policyArn: lbControllerPolicyArn });
  const lbController = new k8s.helm.v3.Release(`${name}-lb-controller`, {
    name: 'aws-load-balancer-controller',
    namespace: 'kube-system',
    chart: CHARTS.awsLoadBalancerController.chart,
    version: CHARTS.awsLoadBalancerController.version,
    repositoryOpts: { repo: CHARTS.awsLoadBalancerController.repo },
    values: {
      clusterName: cluster.cluster.eksCluster.name,
      region,
      vpcId: network.vpc.id,
      replicaCount: 2,
      serviceAccount: { name: 'aws-load-balancer-controller', annotations: { 'eks.amazonaws.com/role-arn': lbRole.arn } },
    },
  }, opts);

  const metricsServer = new k8s.helm.v3.Release(`${name}-metrics-server`, {
    name: 'metrics-server',
    namespace: 'kube-system',
    chart: CHARTS.metricsServer.chart,
    version: CHARTS.metricsServer.version,
    repositoryOpts: { repo: CHARTS.metricsServer.repo },
    values: { replicas: 2 },
  }, opts);

  const prometheus = new k8s.helm.v3.Release(`${name}-prometheus`, {
    name: 'prometheus',
    namespace: 'monitoring',
    createNamespace: true,
    chart: CHARTS.prometheus.chart,
    version: CHARTS.prometheus.version,
    repositoryOpts: { repo: CHARTS.prometheus.repo },
    values: {
      alertmanager: { enabled: false },
      'prometheus-pushgateway': { enabled: false },
      server: { retention: '2d', persistentVolume: { enabled: false } },
    },
  }, opts);

  const adapter = new k8s.helm.v3.Release(`${name}-prometheus-adapter`, {
    name: 'prometheus-adapter',
    namespace: 'monitoring',
    chart: CHARTS.prometheusAdapter.chart,
    version: CHARTS.prometheusAdapter.version,
    repositoryOpts: { repo: CHARTS.prometheusAdapter.repo },
    values: {
      prometheus: { url: 'http://prometheus-server.monitoring.svc', port: 80 },
      rules: {
        default: false,
        custom: [{
          seriesQuery: 'http_requests_total{namespace!="",pod!=""}',
          resources: { overrides: { namespace: { resource: 'namespace' }, pod: { resource: 'pod' } } },
          name: { matches: '^(.*)_total$', as: '${1}_per_second' },
          metricsQuery: 'sum(rate(<<.Series>>{<<.LabelMatchers>>}[2m])) by (<<.GroupBy>>)',
        }],
      },
    },
  }, { ...opts, dependsOn: [prometheus] });

  return [lbController, metricsServer, prometheus, adapter];
}
