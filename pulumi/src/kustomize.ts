/**
 * A small kustomize renderer limited to the features that k8s/ uses, so that the manifests can be
 * read without a kustomize binary: by the capacity plan (pod requests, HPA bounds; capacity.ts), the
 * cost report and the tests. Deploying still goes through the Kubernetes provider's real kustomize
 * (app.ts). Supported:
 *   resources (files and kustomization directories), namespace, labels (includeSelectors: false),
 *   images (newName/newTag), patches (strategic merge, by `path`), configMapGenerator (literals,
 *   behavior create|merge|replace, with kustomize's content hash suffix and name references
 *   from pod templates).
 * Anything else in a kustomization throws, so a new feature cannot be silently ignored.
 * test/cloud/k8s.test.ts compares the output with `kubectl kustomize` wherever kubectl exists.
 */
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import * as YAML from 'yaml';

export type K8sObject = { apiVersion: string; kind: string; metadata: { name: string; namespace?: string; [k: string]: any }; [k: string]: any };

type Item = { obj: K8sObject; generatedFrom?: string };

const SUPPORTED_FIELDS = new Set([
  'apiVersion', 'kind', 'resources', 'namespace', 'labels', 'images', 'patches', 'configMapGenerator',
]);

/** Kinds that are not namespaced (the ones this project could plausibly use). */
const CLUSTER_SCOPED = new Set([
  'Namespace', 'ClusterRole', 'ClusterRoleBinding', 'CustomResourceDefinition', 'PersistentVolume',
  'StorageClass', 'PriorityClass', 'IngressClass', 'MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration',
]);

/** Strategic-merge keys for lists, by field name; every other list is replaced by the patch. */
const MERGE_KEYS: Record<string, string> = {
  containers: 'name',
  initContainers: 'name',
  volumes: 'name',
  env: 'name',
  volumeMounts: 'mountPath',
  imagePullSecrets: 'name',
};

export function parseYamlDocuments(text: string): K8sObject[] {
  return YAML.parseAllDocuments(text)
    .map((doc) => {
      if (doc.errors.length > 0) throw new Error(`invalid YAML: ${doc.errors[0]!.message}`);
      return doc.toJS() as K8sObject | null;
    })
    .filter((o): o is K8sObject => o !== null && typeof o === 'object');
}

/** Renders a kustomization directory into the list of objects `kustomize build` would print. */
export function renderKustomization(dir: string): K8sObject[] {
  const items = build(dir);
  const hashed = new Map<string, string>();
  for (const item of items) {
    if (item.generatedFrom === undefined) continue;
    const newName = `${item.obj.metadata.name}-${configMapHash(item.obj)}`;
    hashed.set(refKey(item.obj.metadata.namespace, item.obj.metadata.name), newName);
    item.obj.metadata.name = newName;
  }
  for (const item of items) rewriteConfigMapRefs(item.obj, hashed);
  return items.map((i) => i.obj);
}

function build(dir: string): Item[] {
  const file = path.join(dir, 'kustomization.yaml');
  const k = YAML.parse(readFileSync(file, 'utf8')) as Record<string, any>;
  for (const key of Object.keys(k)) {
    if (!SUPPORTED_FIELDS.has(key)) throw new Error(`${file}: kustomize field '${key}' is not supported by this renderer`);
  }

  const items: Item[] = [];
  for (const entry of (k.resources ?? []) as string[]) {
    const p = path.resolve(dir, entry);
    if (statSync(p).isDirectory()) items.push(...build(p));
    else items.push(...parseYamlDocuments(readFileSync(p, 'utf8')).map((obj) => ({ obj })));
  }

  for (const gen of (k.configMapGenerator ?? []) as Record<string, any>[]) applyConfigMapGenerator(file, items, gen);

  for (const patch of (k.patches ?? []) as Record<string, any>[]) {
    if (Object.keys(patch).some((key) => key !== 'path')) throw new Error(`${file}: only 'patches: - path:' is supported`);
    for (const doc of parseYamlDocuments(readFileSync(path.resolve(dir, patch.path), 'utf8'))) {
      const target = items.find(
        (i) => i.obj.kind === doc.kind && i.obj.metadata.name === doc.metadata.name && groupOf(i.obj) === groupOf(doc),
      );
      if (!target) throw new Error(`${file}: patch ${patch.path} matches no ${doc.kind} named ${doc.metadata.name}`);
      target.obj = strategicMerge(target.obj, doc) as K8sObject;
    }
  }

  if (k.namespace !== undefined) {
    for (const { obj } of items) {
      if (CLUSTER_SCOPED.has(obj.kind)) continue;
      obj.metadata.namespace = k.namespace;
    }
  }

  for (const spec of (k.labels ?? []) as Record<string, any>[]) {
    if (spec.includeSelectors !== false || spec.includeTemplates) {
      throw new Error(`${file}: only labels with includeSelectors: false (and no includeTemplates) are supported`);
    }
    for (const { obj } of items) obj.metadata.labels = { ...(obj.metadata.labels ?? {}), ...spec.pairs };
  }

  for (const image of (k.images ?? []) as Record<string, any>[]) {
    for (const { obj } of items) {
      for (const container of podContainers(obj)) {
        if (imageName(container.image) !== image.name) continue;
        const name = image.newName ?? image.name;
        container.image = image.newTag !== undefined ? `${name}:${image.newTag}` : name;
      }
    }
  }
  return items;
}

function applyConfigMapGenerator(file: string, items: Item[], gen: Record<string, any>): void {
  for (const key of Object.keys(gen)) {
    if (!['name', 'literals', 'behavior'].includes(key)) throw new Error(`${file}: configMapGenerator field '${key}' is not supported`);
  }
  const data: Record<string, string> = {};
  for (const literal of (gen.literals ?? []) as string[]) {
    const eq = literal.indexOf('=');
    if (eq <= 0) throw new Error(`${file}: configMapGenerator literal '${literal}' is not KEY=VALUE`);
    data[literal.slice(0, eq)] = literal.slice(eq + 1);
  }
  const behavior = gen.behavior ?? 'create';
  const existing = items.find((i) => i.generatedFrom !== undefined && i.obj.kind === 'ConfigMap' && i.obj.metadata.name === gen.name);
  if (behavior === 'create') {
    if (existing) throw new Error(`${file}: ConfigMap ${gen.name} is already generated (use behavior: merge)`);
    items.push({ obj: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: gen.name }, data }, generatedFrom: file });
  } else if (behavior === 'merge' || behavior === 'replace') {
    if (!existing) throw new Error(`${file}: behavior ${behavior} but no ConfigMap ${gen.name} to ${behavior}`);
    existing.obj.data = behavior === 'merge' ? { ...(existing.obj.data ?? {}), ...data } : data;
  } else {
    throw new Error(`${file}: unknown configMapGenerator behavior '${behavior}'`);
  }
}

/**
 * kustomize's hash (api/hasher): sha256 over the JSON of {data, kind, name} with sorted keys, first 10
 * hex digits, with 0,1,3,a,e replaced so that the suffix cannot look like a number or a word.
 * kustomize 5 hashes with an empty `name` (seen with kubectl 1.32 / kustomize 5.5; the comparison test
 * in test/cloud/k8s.test.ts catches a change).
 */
export function configMapHash(cm: K8sObject): string {
  const encoded = goJson({ data: cm.data ?? {}, kind: 'ConfigMap', name: '' });
  const hex = createHash('sha256').update(encoded).digest('hex').slice(0, 10);
  const swap: Record<string, string> = { '0': 'g', '1': 'h', '3': 'k', a: 'm', e: 't' };
  return [...hex].map((c) => swap[c] ?? c).join('');
}

/** JSON as Go's encoding/json writes it: map keys sorted, <, > and & escaped. */
function goJson(value: unknown): string {
  const sort = (v: any): any =>
    Array.isArray(v) ? v.map(sort) : v && typeof v === 'object'
      ? Object.fromEntries(Object.keys(v).sort().map((key) => [key, sort(v[key])]))
      : v;
  return JSON.stringify(sort(value)).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
}

function refKey(namespace: string | undefined, name: string): string {
  return `${namespace ?? ''}/${name}`;
}

function podSpec(obj: K8sObject): Record<string, any> | undefined {
  if (obj.kind === 'Pod') return obj.spec;
  if (obj.kind === 'CronJob') return obj.spec?.jobTemplate?.spec?.template?.spec;
  return obj.spec?.template?.spec;
}

function podContainers(obj: K8sObject): Record<string, any>[] {
  const spec = podSpec(obj);
  if (!spec) return [];
  return [...(spec.initContainers ?? []), ...(spec.containers ?? [])];
}

function imageName(image: string): string {
  const at = image.indexOf('@');
  const withoutDigest = at >= 0 ? image.slice(0, at) : image;
  const colon = withoutDigest.lastIndexOf(':');
  return colon > withoutDigest.lastIndexOf('/') ? withoutDigest.slice(0, colon) : withoutDigest;
}

function rewriteConfigMapRefs(obj: K8sObject, hashed: Map<string, string>): void {
  const spec = podSpec(obj);
  if (!spec) return;
  const rename = (ref: { name?: string } | undefined) => {
    if (!ref?.name) return;
    const newName = hashed.get(refKey(obj.metadata.namespace, ref.name));
    if (newName) ref.name = newName;
  };
  for (const c of podContainers(obj)) {
    for (const from of c.envFrom ?? []) rename(from.configMapRef);
    for (const env of c.env ?? []) rename(env.valueFrom?.configMapKeyRef);
  }
  for (const volume of spec.volumes ?? []) {
    rename(volume.configMap);
    for (const source of volume.projected?.sources ?? []) rename(source.configMap);
  }
}

function groupOf(obj: { apiVersion: string }): string {
  return obj.apiVersion.includes('/') ? obj.apiVersion.split('/')[0]! : '';
}

/** Strategic merge of `patch` into `base` (a new value; neither input is changed). */
export function strategicMerge(base: unknown, patch: unknown, field = ''): unknown {
  if (patch === null) return undefined;
  if (Array.isArray(patch)) {
    const key = MERGE_KEYS[field];
    if (!key || !Array.isArray(base)) return structuredClone(patch);
    const result = structuredClone(base) as Record<string, any>[];
    for (const element of patch as Record<string, any>[]) {
      if (element && typeof element === 'object' && '$patch' in element) throw new Error('$patch directives are not supported');
      const index = result.findIndex((e) => e?.[key] === element?.[key]);
      if (index >= 0) result[index] = strategicMerge(result[index], element) as Record<string, any>;
      else result.push(structuredClone(element));
    }
    return result;
  }
  if (patch && typeof patch === 'object') {
    if ('$patch' in patch) throw new Error('$patch directives are not supported');
    const result: Record<string, any> = base && typeof base === 'object' && !Array.isArray(base) ? structuredClone(base) : {};
    for (const [key, value] of Object.entries(patch)) {
      const merged = strategicMerge(result[key], value, key);
      if (merged === undefined) delete result[key];
      else result[key] = merged;
    }
    return result;
  }
  return patch;
}
