/**
 * The kustomize overlays rendered (pulumi/src/kustomize.ts, checked against `kubectl kustomize`
 * where kubectl exists), validated against the Kubernetes API schemas shipped in the npm package
 * kubernetes-models (offline), and checked for the properties the service relies on.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { k8sDir, requireFromPulumi } from './support/deps.js';
import { subnetPlan } from '../../pulumi/src/network';
import { loadStackSettings, planStack } from '../../pulumi/src/stack-files';
import { type K8sObject, configMapHash, parseYamlDocuments, renderKustomization, strategicMerge } from '../../pulumi/src/kustomize';

const OVERLAYS = ['staging', 'production'] as const;
/** One peer, both selectors: Prometheus's server pods in `monitoring` (pulumi/src/addons.ts PROMETHEUS). */
const PROMETHEUS_SERVER_PODS = {
  namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } },
  podSelector: { matchLabels: { 'app.kubernetes.io/name': 'prometheus', 'app.kubernetes.io/component': 'server' } },
};
const SHUTDOWN_GRACE_SECONDS = 25;

function modelFor(obj: K8sObject): { validate(): void } {
  const [group, version] = obj.apiVersion.includes('/') ? obj.apiVersion.split('/') : [undefined, obj.apiVersion];
  const modulePath = group ? `kubernetes-models/${group}/${version}` : `kubernetes-models/${version}`;
  const Model = (requireFromPulumi(modulePath) as Record<string, new (data: unknown) => { validate(): void }>)[obj.kind];
  if (!Model) throw new Error(`kubernetes-models has no ${obj.apiVersion} ${obj.kind}`);
  return new Model(obj);
}

function kubectlAvailable(): boolean {
  try {
    execFileSync('kubectl', ['version', '--client'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const byKey = (objs: K8sObject[]) => new Map(objs.map((o) => [`${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`, o]));

describe('the manifests validate against the Kubernetes API schemas', () => {
  it('the validator rejects a broken object (negative control)', () => {
    const broken = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'x' }, spec: { replicas: '2', selector: {}, template: { spec: { containers: [{ image: 'x' }] } } } } as unknown as K8sObject;
    expect(() => modelFor(broken).validate()).toThrow(/replicas must be integer|must have required property 'name'/);
  });

  for (const overlay of OVERLAYS) {
    it(`${overlay}: every rendered object is valid`, () => {
      const objs = renderKustomization(path.join(k8sDir, 'overlays', overlay));
      expect(objs.length).toBeGreaterThanOrEqual(17);
      for (const obj of objs) expect(() => modelFor(obj).validate(), `${obj.kind} ${obj.metadata.name}`).not.toThrow();
    });
  }
});

describe.skipIf(!kubectlAvailable())('the renderer matches kubectl kustomize', () => {
  for (const overlay of OVERLAYS) {
    it(overlay, () => {
      const dir = path.join(k8sDir, 'overlays', overlay);
      const theirs = byKey(parseYamlDocuments(execFileSync('kubectl', ['kustomize', dir], { encoding: 'utf8' })));
      const mine = byKey(renderKustomization(dir));
      expect([...mine.keys()].sort()).toEqual([...theirs.keys()].sort());
      for (const [key, obj] of theirs) expect(mine.get(key), key).toEqual(obj);
    });
  }
});

describe('the renderer', () => {
  it('merges lists with a merge key by that key and replaces other lists', () => {
    const base = { spec: { containers: [{ name: 'a', image: 'x', args: ['1'] }, { name: 'b', image: 'y' }], tolerations: [{ key: 'k' }] } };
    const patch = { spec: { containers: [{ name: 'a', image: 'z', args: ['2'] }], tolerations: [{ key: 'other' }] } };
    expect(strategicMerge(base, patch)).toEqual({
      spec: { containers: [{ name: 'a', image: 'z', args: ['2'] }, { name: 'b', image: 'y' }], tolerations: [{ key: 'other' }] },
    });
    expect(strategicMerge({ a: 1, b: 2 }, { b: null })).toEqual({ a: 1 });
    expect(base.spec.containers[0]!.image).toBe('x');
  });

  it('hashes a generated ConfigMap as kustomize does', () => {
    // kubectl kustomize (kustomize v5.5) named this ConfigMap dandori-api-config-5bb4gk7gfb.
    const data = {
      AWS_REGION: 'ap-northeast-1', DATABASE_APP_ROLE: 'dandori_app', DB_CONNECT_TIMEOUT_MS: '2000', DB_POOL_IDLE_TIMEOUT_MS: '30000',
      DB_POOL_MAX: '20', HOST: '0.0.0.0', LOG_LEVEL: 'debug', METRICS_PORT: '9464', NODE_ENV: 'production', PORT: '4000',
      PUBLIC_URL: 'https://api.staging.dandori.example', SHUTDOWN_GRACE_MS: '25000',
    };
    expect(configMapHash({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'dandori-api-config' }, data })).toBe('5bb4gk7gfb');
  });

  it('refuses kustomize features it does not implement', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kustomize-'));
    mkdirSync(path.join(dir, 'o'));
    writeFileSync(path.join(dir, 'o', 'kustomization.yaml'), 'resources: []\nnamePrefix: x-\n');
    expect(() => renderKustomization(path.join(dir, 'o'))).toThrow(/'namePrefix' is not supported/);
  });
});

for (const overlay of OVERLAYS) {
  describe(`${overlay} overlay properties`, () => {
    const objs = renderKustomization(path.join(k8sDir, 'overlays', overlay));
    const get = (kind: string, name: string) => {
      const found = objs.find((o) => o.kind === kind && o.metadata.name === name);
      if (!found) throw new Error(`no ${kind} ${name}`);
      return found;
    };
    const api = get('Deployment', 'dandori-api');
    const worker = get('Deployment', 'dandori-worker');
    const job = get('Job', 'dandori-migrate');
    const podSpecs = [api, worker, job].map((o) => ({ name: o.metadata.name, spec: o.spec.template.spec }));
    const apiContainer = api.spec.template.spec.containers[0];

    it('puts everything in the dandori namespace with the environment label', () => {
      for (const o of objs) {
        if (o.kind !== 'Namespace') expect(o.metadata.namespace, o.metadata.name).toBe('dandori');
        expect(o.metadata.labels?.environment, o.metadata.name).toBe(overlay);
      }
    });

    it('probes /healthz for liveness and /readyz for readiness on the HTTP port', () => {
      expect(apiContainer.ports).toContainEqual({ name: 'http', containerPort: 4000, protocol: 'TCP' });
      expect(apiContainer.ports).toContainEqual({ name: 'metrics', containerPort: 9464, protocol: 'TCP' });
      expect(apiContainer.livenessProbe.httpGet).toEqual({ path: '/healthz', port: 'http' });
      expect(apiContainer.readinessProbe.httpGet).toEqual({ path: '/readyz', port: 'http' });
      expect(apiContainer.startupProbe.httpGet.path).toBe('/healthz');
    });

    it('drains before SIGTERM and gives the server its whole grace period', () => {
      const pause = apiContainer.lifecycle.preStop.sleep.seconds as number;
      expect(pause).toBeGreaterThanOrEqual(5);
      expect(api.spec.template.spec.terminationGracePeriodSeconds).toBeGreaterThan(pause + SHUTDOWN_GRACE_SECONDS);
      expect(worker.spec.template.spec.terminationGracePeriodSeconds).toBeGreaterThan(SHUTDOWN_GRACE_SECONDS);
      const ingress = get('Ingress', 'dandori-api');
      const deregistration = Number(/deregistration_delay\.timeout_seconds=(\d+)/.exec(ingress.metadata.annotations['alb.ingress.kubernetes.io/target-group-attributes'])![1]);
      expect(deregistration).toBeLessThanOrEqual(pause + SHUTDOWN_GRACE_SECONDS);
    });

    it('rolls out without losing capacity and spreads pods across zones', () => {
      expect(api.spec.strategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: 0 } });
      expect(api.spec.replicas).toBeUndefined(); // owned by the HPA
      const zone = api.spec.template.spec.topologySpreadConstraints.find((c: any) => c.topologyKey === 'topology.kubernetes.io/zone');
      expect(zone).toMatchObject({ maxSkew: 1, whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: api.spec.selector.matchLabels } });
    });

    it('sets requests and limits on every container', () => {
      for (const { name, spec } of podSpecs) {
        for (const c of spec.containers) {
          expect(c.resources.requests, name).toEqual({ cpu: expect.any(String), memory: expect.any(String) });
          expect(c.resources.limits.memory, name).toEqual(expect.any(String));
        }
      }
    });

    it('runs every container as non-root with a read-only root filesystem', () => {
      for (const { name, spec } of podSpecs) {
        expect(spec.securityContext, name).toMatchObject({ runAsNonRoot: true, runAsUser: 10001, seccompProfile: { type: 'RuntimeDefault' } });
        for (const c of spec.containers) {
          expect(c.securityContext, name).toEqual({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, runAsNonRoot: true, capabilities: { drop: ['ALL'] } });
          expect(c.volumeMounts, name).toContainEqual({ name: 'tmp', mountPath: '/tmp' });
        }
      }
      expect(get('Namespace', 'dandori').metadata.labels['pod-security.kubernetes.io/enforce']).toBe('restricted');
    });

    it('feeds every workload the same config and secrets, with the plan\'s settings', () => {
      const config = objs.find((o) => o.kind === 'ConfigMap' && o.metadata.name.startsWith('dandori-api-config-'))!;
      expect(config.data).toMatchObject({ NODE_ENV: 'production', PORT: '4000', METRICS_PORT: '9464', SHUTDOWN_GRACE_MS: '25000', DB_POOL_MAX: '20', AWS_REGION: 'ap-northeast-1' });
      expect(config.data.PUBLIC_URL).toMatch(/^https:\/\//);
      for (const { name, spec } of podSpecs) {
        // The migration Job alone gets the master user's Secret, under an identity with no AWS role.
        const isJob = name === 'dandori-migrate';
        expect(spec.containers[0].envFrom, name).toEqual([
          { configMapRef: { name: config.metadata.name } },
          { configMapRef: { name: 'dandori-api-infra' } },
          { secretRef: { name: isJob ? 'dandori-migrate-secrets' : 'dandori-api-secrets' } },
        ]);
        expect(spec.containers[0].image, name).toBe(apiContainer.image);
        expect(spec.serviceAccountName, name).toBe(isJob ? 'dandori-migrate' : 'dandori-api');
      }
      const migrateSa = get('ServiceAccount', 'dandori-migrate');
      expect(migrateSa.metadata.annotations?.['eks.amazonaws.com/role-arn']).toBeUndefined();
      expect(migrateSa.automountServiceAccountToken).toBe(false);
      expect(worker.spec.template.spec.containers[0].command).toEqual(['node', 'dist/src/jobs/worker.js']);
      expect(job.spec.template.spec.containers[0].command).toEqual(['/app/docker/migrate.sh']);
      expect(job.spec.template.spec.restartPolicy).toBe('Never');
    });

    it('autoscales between the capacity plan\'s bounds on CPU 70 %, memory 80 % and the plan\'s GraphQL request rate per pod', () => {
      // Pulumi applies the plan itself; the overlay must say the same for `kubectl apply -k`.
      // After a new POD_CAPACITY, copy these numbers into k8s/overlays/<stack>/patches/hpa.yaml.
      const plan = planStack(loadStackSettings(overlay));
      const hpa = get('HorizontalPodAutoscaler', 'dandori-api');
      expect(hpa.spec.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: 'dandori-api' });
      expect({ minReplicas: hpa.spec.minReplicas, maxReplicas: hpa.spec.maxReplicas }).toEqual({ minReplicas: plan.hpa.min, maxReplicas: plan.hpa.max });
      expect(hpa.spec.metrics).toEqual([
        { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } },
        { type: 'Resource', resource: { name: 'memory', target: { type: 'Utilization', averageUtilization: 80 } } },
        { type: 'Pods', pods: { metric: { name: 'graphql_requests_per_second' }, target: { type: 'AverageValue', averageValue: String(plan.podTargetRps) } } },
      ]);
    });

    it('keeps at least one API pod through voluntary disruptions', () => {
      const pdb = get('PodDisruptionBudget', 'dandori-api');
      expect(pdb.spec.selector.matchLabels).toEqual(api.spec.selector.matchLabels);
      expect(pdb.spec.maxUnavailable).toBe(1);
      expect(get('HorizontalPodAutoscaler', 'dandori-api').spec.minReplicas).toBeGreaterThan(pdb.spec.maxUnavailable);
    });

    it('exposes the API through an internal ALB (CloudFront in front), HTTPS only, with a WebSocket-friendly idle timeout', () => {
      const ingress = get('Ingress', 'dandori-api');
      const a = ingress.metadata.annotations;
      expect(ingress.spec.ingressClassName).toBe('alb');
      expect(a['alb.ingress.kubernetes.io/scheme']).toBe('internal');
      expect(a['alb.ingress.kubernetes.io/target-type']).toBe('ip');
      expect(JSON.parse(a['alb.ingress.kubernetes.io/listen-ports'])).toEqual([{ HTTPS: 443 }]);
      expect(a['alb.ingress.kubernetes.io/healthcheck-path']).toBe('/readyz');
      expect(a['alb.ingress.kubernetes.io/manage-backend-security-group-rules']).toBe('true');
      const attributes = a['alb.ingress.kubernetes.io/load-balancer-attributes'];
      const idle = Number(/idle_timeout\.timeout_seconds=(\d+)/.exec(attributes)![1]);
      expect(idle).toBeGreaterThanOrEqual(300);
      // The last X-Forwarded-For entry stays the one CloudFront appended: the viewer.
      expect(attributes).toContain('routing.http.xff_header_processing.mode=preserve');
      const backend = ingress.spec.rules[0].http.paths[0].backend.service;
      const service = get('Service', 'dandori-api');
      expect(service.spec.ports.find((p: any) => p.name === backend.port.name).targetPort).toBe('http');
      expect(service.spec.selector).toEqual(api.spec.selector.matchLabels);
    });

    it('denies traffic by default; the API port is open to the ALB\'s subnets only, PostgreSQL and Redis to the data subnets only', () => {
      const subnets = subnetPlan(loadStackSettings(overlay).network.vpcCidr, 3);
      const blocks = (peers: any[]) => peers.map((p) => p.ipBlock.cidr);
      expect(get('NetworkPolicy', 'default-deny').spec).toEqual({ podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
      const policies = objs.filter((o) => o.kind === 'NetworkPolicy');
      // Every ingress rule, of every policy: the port and where it may come from.
      const ingress = policies.flatMap((p) => (p.spec.ingress ?? []).map((r: any) => ({ policy: p.metadata.name, ports: r.ports.map((x: any) => x.port), from: r.from })));
      expect(ingress).toEqual([
        { policy: 'dandori-api-metrics', ports: [9464], from: [PROMETHEUS_SERVER_PODS] },
        { policy: 'dandori-api-from-alb', ports: [4000], from: subnets.ingress.map((cidr) => ({ ipBlock: { cidr } })) },
      ]);
      const egress = policies.flatMap((p) => (p.spec.egress ?? []).map((r: any) => ({ ports: r.ports.map((x: any) => x.port), to: r.to })));
      expect(egress).toHaveLength(4);
      const data = egress.find((r) => r.ports.includes(5432))!;
      expect(data.ports).toEqual([5432, 6379]);
      expect(blocks(data.to)).toEqual(subnets.data);
      const https = egress.find((r) => r.ports.includes(443))!;
      expect(https.to).toEqual([{ ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'] } }]);
      expect(egress.find((r) => r.ports.includes(53))!.to[0].namespaceSelector.matchLabels).toEqual({ 'kubernetes.io/metadata.name': 'kube-system' });
      expect(egress.find((r) => r.ports.includes(4317))!.to[0].namespaceSelector.matchLabels).toEqual({ 'kubernetes.io/metadata.name': 'monitoring' });
    });

    it('serves /metrics on METRICS_PORT only: never through the Ingress or its Service port, and open to Prometheus alone', () => {
      const config = objs.find((o) => o.kind === 'ConfigMap' && o.metadata.name.startsWith('dandori-api-config-'))!;
      const port = Number(config.data.PORT);
      const metricsPort = Number(config.data.METRICS_PORT);
      expect(metricsPort).toBeGreaterThan(0);
      expect(metricsPort).not.toBe(port);
      const containerPort = (name: string) => apiContainer.ports.find((p: any) => p.name === name)?.containerPort;
      expect([containerPort('http'), containerPort('metrics')]).toEqual([port, metricsPort]);
      expect(api.spec.template.metadata.annotations).toMatchObject({ 'prometheus.io/scrape': 'true', 'prometheus.io/port': String(metricsPort), 'prometheus.io/path': '/metrics' });

      // Whatever the Ingress (the ALB, target type ip) routes to is the HTTP container port, where
      // production answers 404 for /metrics; the Service has no port leading to the metrics port.
      const ingress = get('Ingress', 'dandori-api');
      const service = get('Service', 'dandori-api');
      const backends = [ingress.spec.defaultBackend, ...ingress.spec.rules.flatMap((r: any) => r.http.paths.map((p: any) => p.backend))].filter(Boolean);
      expect(backends.length).toBeGreaterThan(0);
      for (const backend of backends) {
        expect(backend.service.name).toBe('dandori-api');
        const servicePort = service.spec.ports.find((p: any) => p.name === backend.service.port.name || p.port === backend.service.port.number);
        expect(servicePort.targetPort).toBe('http');
      }
      for (const servicePort of service.spec.ports) expect(['metrics', metricsPort]).not.toContain(servicePort.targetPort);

      // Of the policies that select the API pods, every ingress rule names its ports and its peers
      // (none opens everything), and the only one that opens the metrics port admits Prometheus's
      // server pods, nothing else.
      const podLabels = api.spec.template.metadata.labels as Record<string, string>;
      const selectsApi = (p: K8sObject) => Object.entries(p.spec.podSelector.matchLabels ?? {}).every(([k, v]) => podLabels[k] === v);
      const rules = objs.filter((o) => o.kind === 'NetworkPolicy' && selectsApi(o)).flatMap((p) => p.spec.ingress ?? []);
      for (const rule of rules) {
        expect(rule.ports?.length).toBeGreaterThan(0);
        expect(rule.from?.length).toBeGreaterThan(0);
      }
      const opensMetrics = rules.filter((rule: any) => rule.ports.some((p: any) => p.port === metricsPort || p.port === 'metrics'));
      expect(opensMetrics).toEqual([{ from: [PROMETHEUS_SERVER_PODS], ports: [{ port: metricsPort, protocol: 'TCP' }] }]);

      // And the app takes the rendered settings as a production configuration (it refuses
      // NODE_ENV=production without METRICS_PORT), with what Pulumi adds: infra and secrets.
      const secrets = { DATABASE_URL: 'postgresql://app:x@proxy:5432/dandori', REDIS_URL: 'rediss://cache:6379', JWT_SECRET: 'x'.repeat(64) };
      const parsed = loadConfig({ ...config.data, S3_UPLOAD_BUCKET: 'dandori-uploads', ...secrets });
      expect(parsed).toMatchObject({ NODE_ENV: 'production', PORT: port, METRICS_PORT: metricsPort, TRUST_PROXY: true });
    });

    it('gates API readiness on the ALB and probes the worker without its dependencies', () => {
      expect(get('Namespace', 'dandori').metadata.labels['elbv2.k8s.aws/pod-readiness-gate-inject']).toBe('enabled');
      const probes = worker.spec.template.spec.containers[0];
      const command = (kind: string) => ['node', 'dist/src/jobs/worker-probe.js', kind];
      expect(probes.startupProbe.exec.command).toEqual(command('live'));
      expect(probes.livenessProbe.exec.command).toEqual(command('live'));
      expect(probes.readinessProbe.exec.command).toEqual(command('ready'));
      // A wedged worker is restarted within about a minute and a half; a rollout waits for a ready one.
      expect(probes.livenessProbe.periodSeconds * probes.livenessProbe.failureThreshold).toBeLessThanOrEqual(90);
      expect(worker.spec.strategy.rollingUpdate.maxUnavailable).toBe(0);
    });

    it('runs an immutable image tag, never a moving one', () => {
      for (const { name, spec } of podSpecs) {
        for (const c of spec.containers) {
          expect(c.image, name).toMatch(/:(\d+\.\d+\.\d+)$|@sha256:[0-9a-f]{64}$/);
          expect(c.imagePullPolicy, name).toBe('IfNotPresent');
        }
      }
    });

    it('uses IRSA for AWS access', () => {
      const sa = get('ServiceAccount', 'dandori-api');
      expect(sa.metadata.annotations['eks.amazonaws.com/role-arn']).toMatch(/^arn:aws:iam::\d{12}:role\//);
      expect(sa.automountServiceAccountToken).toBe(false);
    });
  });
}
