/** Reads Pulumi.<stack>.yaml without the Pulumi CLI: for the cost report and the tests. */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { type CapacityPlan, planCapacity } from './capacity';
import { auroraVcpusOf } from './cost';
import { type K8sObject, renderKustomization } from './kustomize';
import { type Settings, parseSettings } from './settings';

export const PULUMI_DIR = path.resolve(__dirname, '..');
export const K8S_OVERLAYS_DIR = path.resolve(PULUMI_DIR, '..', 'k8s', 'overlays');

/** The stack's config as `namespace:key` -> value, like `pulumi config --json` gives it. */
export function readStackConfig(stack: string): Record<string, unknown> {
  const file = path.join(PULUMI_DIR, `Pulumi.${stack}.yaml`);
  const doc = parse(readFileSync(file, 'utf8')) as { config?: Record<string, unknown> };
  if (!doc?.config) throw new Error(`${file} has no config section`);
  return doc.config;
}

export function loadStackSettings(stack: string): Settings {
  const config = readStackConfig(stack);
  return parseSettings(stack, (namespace, key) => config[`${namespace}:${key}`]);
}

/** The stack's overlay, rendered by our kustomize subset (kustomize.ts). */
export function renderOverlay(settings: Settings): K8sObject[] {
  return renderKustomization(path.join(K8S_OVERLAYS_DIR, settings.app.overlay));
}

/** The capacity plan of a stack's settings and overlay (the Pulumi program makes the same call). */
export function planStack(settings: Settings, podCapacity?: { requestsPerSecond: number; cpuMillicores: number }): CapacityPlan {
  return planCapacity({
    settings,
    manifests: renderOverlay(settings),
    readerVcpus: auroraVcpusOf(settings.database.instanceClass),
    ...(podCapacity && { podCapacity }),
  });
}
