/**
 * The capacity plan: how far a stack may scale — API pods (HPA maximum and request-rate target),
 * nodes per zone, Aurora readers — and what that costs at the floor and at the ceiling. Derived from:
 *   1. POD_CAPACITY: what one API pod serves (measured; the ONE place to update after a load run);
 *   2. DB_CPU_MS_PER_REQUEST: what PostgreSQL spends per request (measured);
 *   3. the stack's demand and budget (Pulumi.<stack>.yaml, `dandori:capacity`);
 *   4. the stack's kustomize overlay: the pods' requests, the rollout surge, the HPA's minimum and
 *      CPU target (one source for what the cluster runs), and the add-ons' requests (addon-pods.ts).
 * Pure: the Pulumi program (node groups, reader scaling, HPA), the cost report and the tests all call
 * planCapacity, so a new measurement changes every derived number at once. docs/cloud.md walks
 * through the derivation.
 */
import { ADDON_PODS, PER_NODE_PODS } from './addon-pods';
import { estimateMonthlyCost, type CostReport, type Scale } from './cost';
import type { K8sObject } from './kustomize';
import type { Settings } from './settings';

/**
 * Requests per second one API pod serves within the targets (p95 < 200 ms, errors < 0.1 %) when it
 * may use `cpuMillicores` (one Node.js process: one core).
 *
 * Measured 2026-12-03 on the 2-core development machine (README "Measured figures"), after the
 * hot-path work: `LOAD_CONNECTIONS=20 LOAD_SECONDS=60 npm run loadtest` (the portal's all-day mix:
 * dashboard, task lists, a task with comments, me, notifications, status changes) served 832 req/s
 * at p95 51 ms with 1.06 ms of server CPU per request, i.e. ~940 req/s for a whole core; 800 keeps
 * a margin (at 60 connections, with PostgreSQL and the generator saturating the machine: 791 req/s,
 * p95 166 ms). The plan's peak profile alone (`npm run loadtest -- --profile seed-peak`: 3,000
 * users on their dashboards) costs 0.13 ms per request, so this mixed figure is the conservative one.
 */
export const POD_CAPACITY = { requestsPerSecond: 800, cpuMillicores: 1000 } as const;

/**
 * PostgreSQL CPU per API request (mixed workload), in milliseconds: 0.72 ms measured 2026-12-03 by
 * pulumi/scripts/db-cpu-per-request.sh next to `LOAD_CONNECTIONS=20 LOAD_SECONDS=60 npm run
 * loadtest` (36.1 s of PostgreSQL backend CPU for 49,941 requests; 0.68 PostgreSQL CPU-s per server
 * CPU-s). The cached dashboard of the seed-peak profile costs PostgreSQL almost nothing; the mixed
 * figure is the conservative one. One Aurora vCPU is taken as one core of the measuring machine.
 */
export const DB_CPU_MS_PER_REQUEST = 0.72;

/** EC2 node types the plan can pack: vCPUs, memory (GiB) and the VPC CNI's pod limit. */
export const NODE_TYPES: Record<string, { vcpus: number; memoryGiB: number; maxPods: number }> = {
  't3.large': { vcpus: 2, memoryGiB: 8, maxPods: 35 },
  'm6i.large': { vcpus: 2, memoryGiB: 8, maxPods: 29 },
  'm6i.xlarge': { vcpus: 4, memoryGiB: 16, maxPods: 58 },
  'm7g.large': { vcpus: 2, memoryGiB: 8, maxPods: 29 },
};

export interface Allocatable {
  cpu: number;
  memoryMi: number;
  pods: number;
}

/**
 * What the kubelet of the EKS AMI offers pods: CPU minus kube-reserved (6 % of the first core, 1 % of
 * the second, 0.5 % of the next two, 0.25 % above), memory as the kernel reports it (about 94.5 % of
 * nominal) minus kube-reserved (255 MiB + 11 MiB per pod) and the 100 MiB eviction threshold.
 */
export function allocatableOf(instanceType: string): Allocatable {
  const node = NODE_TYPES[instanceType];
  if (!node) throw new Error(`no node shape for '${instanceType}': add it to NODE_TYPES in capacity.ts`);
  const reservedCpu = [60, 10, 5, 5].slice(0, node.vcpus).reduce((a, b) => a + b, 0) + Math.max(0, node.vcpus - 4) * 2.5;
  const memoryMi = Math.floor(node.memoryGiB * 1024 * 0.945) - (255 + 11 * node.maxPods) - 100;
  return { cpu: node.vcpus * 1000 - reservedCpu, memoryMi, pods: node.maxPods };
}

export interface PodRequest {
  name: string;
  cpu: number;
  memoryMi: number;
  /** Pinned to a zone by the topology spread (the API pods); otherwise anywhere. */
  zone?: number;
}

/** What the overlay says about the pods that the plan packs. */
export interface Workloads {
  api: { cpu: number; cpuLimit: number; memoryMi: number; maxSurge: string | number; hpaMin: number; cpuTargetPercent: number };
  worker: { replicas: number; cpu: number; memoryMi: number; maxSurge: string | number };
  migration: { cpu: number; memoryMi: number };
}

export interface CapacityPlan {
  podCapacityRps: number;
  /** Requests per second per pod at which the HPA adds pods: the same load as its CPU target. */
  podTargetRps: number;
  peakRps: number;
  /** API pods the plan's peak needs at the target (before the budget). */
  demandPods: number;
  hpa: { min: number; max: number };
  nodesPerZone: { min: number; max: number };
  nodes: { min: number; max: number };
  readers: { min: number; max: number };
  /** Requests per second the stack serves at its ceiling, at most the peak. */
  servedRps: number;
  servedUsers: number;
  /** What stopped the scaling: the plan's peak was reached, or the budget was. */
  limitedBy: 'demand' | 'budget';
  withinBudget: boolean;
  cost: CostReport;
}

const ZONES = 3;
/**
 * The share of a node's room the plan fills. The plan packs first-fit; the scheduler spreads pods
 * (least-allocated scoring), which can strand a few hundred millicores per node: the rest is margin.
 */
export const PACKING_HEADROOM = 0.9;
/** Search bound: a plan needing more nodes per zone than this is reported as not fitting. */
const MAX_NODES_PER_ZONE = 30;

export function parseCpu(value: string | number | undefined, what: string): number {
  if (typeof value === 'number') return value * 1000;
  const m = /^(\d+(?:\.\d+)?)(m?)$/.exec(value ?? '');
  if (!m) throw new Error(`${what}: cannot read CPU quantity ${JSON.stringify(value)}`);
  return m[2] === 'm' ? Number(m[1]) : Number(m[1]) * 1000;
}

export function parseMemoryMi(value: string | number | undefined, what: string): number {
  const m = /^(\d+(?:\.\d+)?)(Mi|Gi|M|G)$/.exec(String(value ?? ''));
  if (!m) throw new Error(`${what}: cannot read memory quantity ${JSON.stringify(value)}`);
  const n = Number(m[1]);
  return { Mi: n, Gi: n * 1024, M: (n * 1e6) / 2 ** 20, G: (n * 1e9) / 2 ** 20 }[m[2] as 'Mi' | 'Gi' | 'M' | 'G'];
}

/** Pods a surge of `maxSurge` (e.g. "25%" or 1) adds to `replicas`, as the Deployment controller rounds it (up). */
export function surgeOf(maxSurge: string | number, replicas: number): number {
  if (typeof maxSurge === 'number') return maxSurge;
  const percent = /^(\d+)%$/.exec(maxSurge);
  if (!percent) throw new Error(`cannot read maxSurge ${JSON.stringify(maxSurge)}`);
  return Math.ceil((replicas * Number(percent[1])) / 100);
}

/** Reads the pods the plan packs from a rendered overlay (pulumi/src/kustomize.ts or the provider's). */
export function workloadsOf(objs: readonly K8sObject[]): Workloads {
  const get = (kind: string, name: string) => {
    const found = objs.find((o) => o.kind === kind && o.metadata.name === name);
    if (!found) throw new Error(`the overlay has no ${kind} ${name}`);
    return found;
  };
  const container = (o: K8sObject) => o.spec.template.spec.containers[0];
  const api = get('Deployment', 'dandori-api');
  const worker = get('Deployment', 'dandori-worker');
  const job = get('Job', 'dandori-migrate');
  const hpa = get('HorizontalPodAutoscaler', 'dandori-api');
  const cpuTarget = hpa.spec.metrics.find((m: any) => m.type === 'Resource' && m.resource.name === 'cpu')?.resource.target.averageUtilization;
  if (typeof cpuTarget !== 'number') throw new Error('the HPA has no CPU utilisation target');
  const req = (o: K8sObject) => container(o).resources.requests;
  return {
    api: {
      cpu: parseCpu(req(api).cpu, 'dandori-api'),
      cpuLimit: parseCpu(container(api).resources.limits?.cpu ?? req(api).cpu, 'dandori-api limit'),
      memoryMi: parseMemoryMi(req(api).memory, 'dandori-api'),
      maxSurge: api.spec.strategy.rollingUpdate.maxSurge,
      hpaMin: hpa.spec.minReplicas,
      cpuTargetPercent: cpuTarget,
    },
    worker: {
      replicas: worker.spec.replicas,
      cpu: parseCpu(req(worker).cpu, 'dandori-worker'),
      memoryMi: parseMemoryMi(req(worker).memory, 'dandori-worker'),
      maxSurge: worker.spec.strategy.rollingUpdate.maxSurge,
    },
    migration: { cpu: parseCpu(req(job).cpu, 'dandori-migrate'), memoryMi: parseMemoryMi(req(job).memory, 'dandori-migrate') },
  };
}

/**
 * Every pod that runs when the HPA is at `hpaMax` and a release is rolling out: the API pods of the
 * old and the new ReplicaSet (each spread over the zones on its own: the spread rule's
 * matchLabelKeys is pod-template-hash), the workers with their surge, the migration Job, the add-ons.
 */
export function podsAtCeiling(w: Workloads, hpaMax: number): PodRequest[] {
  const spread = (count: number, name: string): PodRequest[] =>
    Array.from({ length: count }, (_, i) => ({ name, cpu: w.api.cpu, memoryMi: w.api.memoryMi, zone: i % ZONES }));
  const many = (count: number, pod: Omit<PodRequest, 'zone'>): PodRequest[] => Array.from({ length: count }, () => ({ ...pod }));
  return [
    ...spread(hpaMax, 'dandori-api'),
    ...spread(surgeOf(w.api.maxSurge, hpaMax), 'dandori-api (surge)'),
    ...many(w.worker.replicas + surgeOf(w.worker.maxSurge, w.worker.replicas), { name: 'dandori-worker', cpu: w.worker.cpu, memoryMi: w.worker.memoryMi }),
    { name: 'dandori-migrate', cpu: w.migration.cpu, memoryMi: w.migration.memoryMi },
    ...Object.entries(ADDON_PODS).flatMap(([name, p]) => many(p.replicas, { name, cpu: p.cpu, memoryMi: p.memoryMi })),
  ];
}

/** Room the plan fills on one node: allocatable minus the DaemonSets every node runs, times PACKING_HEADROOM. */
export function nodeRoom(instanceType: string): Allocatable {
  const a = allocatableOf(instanceType);
  const daemons = Object.values(PER_NODE_PODS);
  return {
    cpu: Math.floor((a.cpu - daemons.reduce((s, d) => s + d.cpu, 0)) * PACKING_HEADROOM),
    memoryMi: Math.floor((a.memoryMi - daemons.reduce((s, d) => s + d.memoryMi, 0)) * PACKING_HEADROOM),
    pods: a.pods - daemons.length,
  };
}

/**
 * Whether `pods` fit on `perZone` nodes in each of the zones: zone-pinned pods first, into their
 * zone's nodes, then the rest anywhere, largest first (first-fit decreasing by CPU). Sums alone are
 * not enough: a 500m pod does not fit in two nodes' 300m leftovers.
 */
export function fits(pods: readonly PodRequest[], perZone: number, room: Allocatable): boolean {
  const nodes = Array.from({ length: ZONES * perZone }, (_, i) => ({ zone: Math.floor(i / perZone), ...room }));
  const place = (pod: PodRequest, candidates: typeof nodes) => {
    const node = candidates.find((n) => n.cpu >= pod.cpu && n.memoryMi >= pod.memoryMi && n.pods >= 1);
    if (!node) return false;
    node.cpu -= pod.cpu;
    node.memoryMi -= pod.memoryMi;
    node.pods -= 1;
    return true;
  };
  const byCpu = (a: PodRequest, b: PodRequest) => b.cpu - a.cpu || b.memoryMi - a.memoryMi;
  for (const pod of pods.filter((p) => p.zone !== undefined).sort(byCpu)) {
    if (!place(pod, nodes.filter((n) => n.zone === pod.zone))) return false;
  }
  for (const pod of pods.filter((p) => p.zone === undefined).sort(byCpu)) {
    if (!place(pod, nodes)) return false;
  }
  return true;
}

/** The fewest nodes per zone (at least `min`) on which everything fits with the HPA at `hpaMax`. */
export function nodesPerZoneFor(w: Workloads, hpaMax: number, instanceType: string, min: number): number {
  const pods = podsAtCeiling(w, hpaMax);
  const room = nodeRoom(instanceType);
  for (let n = min; n <= MAX_NODES_PER_ZONE; n++) if (fits(pods, n, room)) return n;
  return Number.POSITIVE_INFINITY;
}

/** Requests per second one Aurora reader serves at its CPU target. */
export function readerCapacityRps(readerVcpus: number, cpuTargetPercent: number, dbCpuMsPerRequest = DB_CPU_MS_PER_REQUEST): number {
  return (readerVcpus * 1000 * (cpuTargetPercent / 100)) / dbCpuMsPerRequest;
}

export interface PlanInputs {
  settings: Settings;
  /** The stack's rendered overlay. */
  manifests: readonly K8sObject[];
  /** Defaults to POD_CAPACITY; the tests try others. */
  podCapacity?: { requestsPerSecond: number; cpuMillicores: number };
  dbCpuMsPerRequest?: number;
  readerVcpus: number;
}

/**
 * The largest scale within the budget, up to what the plan's peak needs: for each HPA maximum (from
 * one above the minimum to the peak's need) and reader maximum (from the minimum to the peak's need),
 * what it serves (the smaller of the pods' and the readers' capacity, at most the peak) and what its
 * ceiling costs; the most served within the budget wins, and among equals the cheapest.
 */
export function planCapacity(inputs: PlanInputs): CapacityPlan {
  const { settings, manifests } = inputs;
  const podCapacity = inputs.podCapacity ?? POD_CAPACITY;
  const w = workloadsOf(manifests);
  const rpsPerMillicore = podCapacity.requestsPerSecond / podCapacity.cpuMillicores;
  // The HPA adds pods when their CPU passes its target share of the request; the request-rate
  // target is set to the same load, so both signals agree (a Node.js pod uses at most one core).
  const podTargetRps = Math.floor(rpsPerMillicore * Math.min(w.api.cpu, w.api.cpuLimit, podCapacity.cpuMillicores) * (w.api.cpuTargetPercent / 100));
  const peakRps = settings.capacity.peakConcurrentUsers * settings.capacity.requestsPerUserPerSecond;
  const demandPods = Math.max(w.api.hpaMin + 1, Math.ceil(peakRps / podTargetRps));
  const readerRps = readerCapacityRps(inputs.readerVcpus, settings.database.readerCpuTargetPercent, inputs.dbCpuMsPerRequest);
  const demandReaders = Math.max(settings.database.readerMin, Math.ceil(peakRps / readerRps));
  const minPerZone = settings.cluster.minNodesPerZone;

  type Candidate = { hpaMax: number; perZone: number; readers: number; served: number; cost: CostReport };
  let best: Candidate | undefined;
  let cheapest: Candidate | undefined;
  for (let hpaMax = w.api.hpaMin + 1; hpaMax <= demandPods; hpaMax++) {
    const perZone = nodesPerZoneFor(w, hpaMax, settings.cluster.instanceType, minPerZone);
    if (!Number.isFinite(perZone)) break;
    for (let readers = settings.database.readerMin; readers <= demandReaders; readers++) {
      const scale: Scale = { nodes: { min: ZONES * minPerZone, max: ZONES * perZone }, readers: { min: settings.database.readerMin, max: readers } };
      const cost = estimateMonthlyCost(settings, scale);
      const served = Math.min(peakRps, hpaMax * podTargetRps, readers * readerRps);
      const candidate = { hpaMax, perZone, readers, served, cost };
      if (!cheapest || cost.high < cheapest.cost.high) cheapest = candidate;
      if (cost.high > settings.capacity.budgetUsdPerMonth) continue;
      if (!best || served > best.served || (served === best.served && cost.high < best.cost.high)) best = candidate;
    }
  }
  const chosen = best ?? cheapest;
  if (!chosen) throw new Error(`even ${w.api.hpaMin + 1} API pods do not fit on ${MAX_NODES_PER_ZONE} ${settings.cluster.instanceType} nodes per zone`);
  return {
    podCapacityRps: podCapacity.requestsPerSecond,
    podTargetRps,
    peakRps,
    demandPods,
    hpa: { min: w.api.hpaMin, max: chosen.hpaMax },
    nodesPerZone: { min: minPerZone, max: chosen.perZone },
    nodes: { min: ZONES * minPerZone, max: ZONES * chosen.perZone },
    readers: { min: settings.database.readerMin, max: chosen.readers },
    servedRps: Math.round(chosen.served),
    servedUsers: Math.round(chosen.served / settings.capacity.requestsPerUserPerSecond),
    limitedBy: chosen.served >= peakRps ? 'demand' : 'budget',
    withinBudget: chosen.cost.high <= settings.capacity.budgetUsdPerMonth,
    cost: chosen.cost,
  };
}
