/**
 * What Pulumi changes in the rendered kustomize overlay before applying it: only the values that
 * the stack alone knows. Pure functions, unit-tested in test/cloud/pulumi.*.test.ts.
 */
import { createHash } from 'node:crypto';

export type K8sObject = {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; annotations?: Record<string, string>; labels?: Record<string, string> };
  [key: string]: any;
};

export const APP_IMAGE_NAME = 'dandori-portal-api';
export const SERVICE_ACCOUNT = 'dandori-api';
export const SECRET_NAME = 'dandori-api-secrets';
export const INFRA_CONFIG_NAME = 'dandori-api-infra';
export const ROLE_ARN_ANNOTATION = 'eks.amazonaws.com/role-arn';
export const CERTIFICATE_ANNOTATION = 'alb.ingress.kubernetes.io/certificate-arn';
export const LB_NAME_ANNOTATION = 'alb.ingress.kubernetes.io/load-balancer-name';

export interface StackValues {
  serviceAccountRoleArn: string;
  certificateArn: string;
  /** Replaces the image of every container that runs the app; empty keeps the overlay's. */
  image: string;
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
  ingress.metadata.annotations = { ...ingress.metadata.annotations, [CERTIFICATE_ANNOTATION]: values.certificateArn };

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
