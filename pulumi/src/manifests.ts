/**
 * What Pulumi changes in the rendered kustomize overlay before applying it: only the values that
 * the stack alone knows. Pure functions, unit-tested in test/cloud/pulumi.*.test.ts.
 */
import { createHash } from 'node:crypto';
import type { K8sObject } from './kustomize';

export type { K8sObject };

export const APP_IMAGE_NAME = 'dandori-portal-api';
export const SERVICE_ACCOUNT = 'dandori-api';
export const SECRET_NAME = 'dandori-api-secrets';
/** The migration Job's own Secret: the master user's URL and the app login role's password. */
export const MIGRATE_SECRET_NAME = 'dandori-migrate-secrets';
export const INFRA_CONFIG_NAME = 'dandori-api-infra';
export const ROLE_ARN_ANNOTATION = 'eks.amazonaws.com/role-arn';
export const CERTIFICATE_ANNOTATION = 'alb.ingress.kubernetes.io/certificate-arn';
export const LB_NAME_ANNOTATION = 'alb.ingress.kubernetes.io/load-balancer-name';
export const SECURITY_GROUPS_ANNOTATION = 'alb.ingress.kubernetes.io/security-groups';

export interface StackValues {
  serviceAccountRoleArn: string;
  certificateArn: string;
  /** Replaces the image of every container that runs the app; empty keeps the overlay's. */
  image: string;
  /** The internal ALB's security group (HTTPS from CloudFront only; edge.ts). */
  albSecurityGroupId: string;
  /** From the capacity plan: the HPA's maximum and its request-rate target per pod. */
  hpa: { maxReplicas: number; requestsPerSecondPerPod: number };
}

function containersOf(obj: K8sObject): Array<{ image: string }> {
  const spec = obj.spec?.template?.spec;
  return spec ? [...(spec.initContainers ?? []), ...(spec.containers ?? [])] : [];
}

function isAppImage(image: string): boolean {
  const withoutTag = image.replace(/@.*$/, '').replace(/:[^/]*$/, '');
  return withoutTag === APP_IMAGE_NAME || withoutTag.endsWith(`/${APP_IMAGE_NAME}`);
}

export function customiseManifests(rendered: readonly K8sObject[], values: StackValues): K8sObject[] {
  const objs = structuredClone(rendered) as K8sObject[];
  const sa = objs.find((o) => o.kind === 'ServiceAccount' && o.metadata.name === SERVICE_ACCOUNT);
  const ingress = objs.find((o) => o.kind === 'Ingress');
  if (!sa) throw new Error(`the overlay has no ServiceAccount ${SERVICE_ACCOUNT}`);
  if (!ingress) throw new Error('the overlay has no Ingress');
  sa.metadata.annotations = { ...sa.metadata.annotations, [ROLE_ARN_ANNOTATION]: values.serviceAccountRoleArn };
  ingress.metadata.annotations = {
    ...ingress.metadata.annotations,
    [CERTIFICATE_ANNOTATION]: values.certificateArn,
    [SECURITY_GROUPS_ANNOTATION]: values.albSecurityGroupId,
  };
  applyCapacityPlan(objs, values.hpa);

  for (const obj of objs) {
    for (const container of containersOf(obj)) {
      if (values.image !== '' && isAppImage(container.image)) container.image = values.image;
    }
  }
  // A Job's pod template cannot change: each release (image) gets its own migration Job.
  for (const job of objs.filter((o) => o.kind === 'Job')) {
    const images = containersOf(job).map((c) => c.image).join(',');
    job.metadata.name = `${job.metadata.name}-${createHash('sha256').update(images).digest('hex').slice(0, 8)}`;
  }
  return objs;
}

/**
 * The HPA's maximum and request-rate target from the capacity plan (capacity.ts). The overlays carry
 * the same numbers for `kubectl apply -k`; test/cloud fails when they drift from the plan.
 */
export function applyCapacityPlan(objs: K8sObject[], hpa: StackValues['hpa']): void {
  const found = objs.find((o) => o.kind === 'HorizontalPodAutoscaler' && o.metadata.name === 'dandori-api');
  if (!found) throw new Error('the overlay has no HorizontalPodAutoscaler dandori-api');
  found.spec.maxReplicas = hpa.maxReplicas;
  const rate = (found.spec.metrics as any[]).find((m) => m.type === 'Pods');
  if (!rate) throw new Error('the HPA has no request-rate (Pods) metric');
  rate.pods.target = { type: 'AverageValue', averageValue: String(hpa.requestsPerSecondPerPod) };
}

/** The Ingress's host: the API's public name, which CloudFront serves (edge.ts). */
export function apiHostOf(objs: readonly K8sObject[]): string {
  const host = objs.find((o) => o.kind === 'Ingress')?.spec?.rules?.[0]?.host;
  if (!host) throw new Error('the Ingress has no host');
  return host;
}

/** Applied in this order: foundation, then the migration Job (awaited), then the workloads. */
export function splitForRollout(objs: readonly K8sObject[]): { foundation: K8sObject[]; migrations: K8sObject[]; workloads: K8sObject[] } {
  const foundationKinds = new Set(['Namespace', 'ServiceAccount', 'ConfigMap', 'NetworkPolicy']);
  return {
    foundation: objs.filter((o) => foundationKinds.has(o.kind)),
    migrations: objs.filter((o) => o.kind === 'Job'),
    workloads: objs.filter((o) => !foundationKinds.has(o.kind) && o.kind !== 'Job'),
  };
}

export function namespaceOf(objs: readonly K8sObject[]): string {
  const ns = objs.find((o) => o.kind === 'Namespace')?.metadata.name;
  if (!ns) throw new Error('the overlay has no Namespace');
  return ns;
}

export function loadBalancerNameOf(objs: readonly K8sObject[]): string {
  const name = objs.find((o) => o.kind === 'Ingress')?.metadata.annotations?.[LB_NAME_ANNOTATION];
  if (!name) throw new Error(`the Ingress has no ${LB_NAME_ANNOTATION} annotation (the alarms need the ALB's name)`);
  return name;
}
