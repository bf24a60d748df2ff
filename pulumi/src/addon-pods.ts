/**
 * CPU (millicores) and memory (MiB) requested by everything that shares the nodes with the app,
 * in one place: addons.ts writes these into the charts' values, and the capacity plan
 * (capacity.ts) packs them with the app's pods when it sizes the node groups. A chart whose
 * requests are not set here would be invisible to the plan, so every Helm release we install sets
 * its resources from this table.
 */
export interface PodShape {
  replicas: number;
  /** Millicores. */
  cpu: number;
  memoryMi: number;
}

/** Deployments and StatefulSets we install (addons.ts), and the EKS ones we do not size. */
export const ADDON_PODS = {
  loadBalancerController: { replicas: 2, cpu: 100, memoryMi: 128 },
  clusterAutoscaler: { replicas: 1, cpu: 100, memoryMi: 300 },
  metricsServer: { replicas: 2, cpu: 100, memoryMi: 200 },
  /** Two replicas, each scraping everything (HA for the HPA's request-rate metric), with its config reloader. */
  prometheusServer: { replicas: 2, cpu: 260, memoryMi: 1056 },
  alertmanager: { replicas: 1, cpu: 50, memoryMi: 64 },
  kubeStateMetrics: { replicas: 1, cpu: 50, memoryMi: 128 },
  prometheusAdapter: { replicas: 2, cpu: 100, memoryMi: 128 },
  /** The EBS CSI driver's controller (six containers at 10m / 40Mi each; set in its add-on configuration). */
  ebsCsiController: { replicas: 2, cpu: 60, memoryMi: 240 },
  /** EKS's CoreDNS add-on default requests. */
  coreDns: { replicas: 2, cpu: 100, memoryMi: 70 },
} as const satisfies Record<string, PodShape>;

/** DaemonSets: requested once on every node. */
export const PER_NODE_PODS = {
  /** EKS's kube-proxy add-on default. */
  kubeProxy: { cpu: 100, memoryMi: 0 },
  /** The VPC CNI (aws-node) add-on default. */
  awsNode: { cpu: 25, memoryMi: 0 },
  /** The EBS CSI driver's node plugin (three containers at 10m / 40Mi). */
  ebsCsiNode: { cpu: 30, memoryMi: 120 },
} as const satisfies Record<string, Omit<PodShape, 'replicas'>>;

/** Kubernetes resource strings for a chart's `resources.requests`. */
export function requestsOf(shape: Omit<PodShape, 'replicas'>): { cpu: string; memory: string } {
  return { cpu: `${shape.cpu}m`, memory: `${shape.memoryMi}Mi` };
}

/** Prometheus keeps a few days of samples on a gp3 volume per replica. */
export const PROMETHEUS_VOLUME_GB = 20;
