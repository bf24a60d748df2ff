/** Stack config and the manifest customisation: pure, no Pulumi runtime needed (the plan and costs: capacity.test.ts). */
import { describe, expect, it } from 'vitest';
import { customiseManifests, splitForRollout } from '../../pulumi/src/manifests';
import { parseSettings, SettingsError } from '../../pulumi/src/settings';
import { loadStackSettings, readStackConfig } from '../../pulumi/src/stack-files';
import path from 'node:path';
import { k8sDir } from './support/deps.js';
import { renderKustomization } from '../../pulumi/src/kustomize';

const staging = loadStackSettings('staging');
const production = loadStackSettings('production');

describe('stack config', () => {
  it('differs between staging and production where it should', () => {
    expect(production.database.deletionProtection).toBe(true);
    expect(staging.database.deletionProtection).toBe(false);
    expect(production.network.natGateways).toBe(3);
    expect(staging.network.natGateways).toBe(1);
    expect(production.cluster.capacityType).toBe('ON_DEMAND');
    expect(production.database.backupRetentionDays).toBeGreaterThan(staging.database.backupRetentionDays);
    expect(production.database.readerMin).toBe(1);
    expect(production.capacity).toMatchObject({ dailyActiveUsers: 10_000, peakConcurrentUsers: 3_000, budgetUsdPerMonth: 2_000 });
    expect(production.app.logRetentionDays).toBeGreaterThan(staging.app.logRetentionDays);
    expect(production.network.vpcCidr).not.toBe(staging.network.vpcCidr);
    expect(production.app.overlay).toBe('production');
    expect(staging.app.overlay).toBe('staging');
  });

  it('is the same where it must be: region, zones, Multi-AZ Redis, engine versions', () => {
    for (const s of [staging, production]) {
      expect(s.region).toBe('ap-northeast-1');
      expect(s.network.availabilityZones).toHaveLength(3);
      expect(s.redis.nodes).toBeGreaterThanOrEqual(2);
      expect(s.database.readerMin).toBeGreaterThanOrEqual(1);
    }
    expect(staging.database.engineVersion).toBe(production.database.engineVersion);
    expect(staging.redis.engineVersion).toBe(production.redis.engineVersion);
    expect(staging.cluster.version).toBe(production.cluster.version);
  });

  it('reports every problem of a bad config at once', () => {
    const config = { ...readStackConfig('production') } as Record<string, any>;
    config['dandori:database'] = { ...config['dandori:database'], readerMin: 0, deletionProtection: 'yes' };
    config['dandori:network'] = { ...config['dandori:network'], availabilityZones: ['ap-northeast-1a'] };
    config['dandori:app'] = { ...config['dandori:app'], cdnCertificateArn: 'arn:aws:acm:ap-northeast-1:1:certificate/x', logRetentionDays: 10 };
    delete config['dandori:capacity'];
    let error: unknown;
    try {
      parseSettings('production', (ns, key) => config[`${ns}:${key}`]);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SettingsError);
    expect((error as SettingsError).problems).toEqual(expect.arrayContaining([
      'network.availabilityZones must list 3 zones, got 1',
      'database.deletionProtection must be true or false, got "yes"',
      'database.readerMin must be a number in [1, 15], got 0',
      "app.cdnCertificateArn must be an ACM certificate ARN in us-east-1 (CloudFront's), got 'arn:aws:acm:ap-northeast-1:1:certificate/x'",
      'app.logRetentionDays must be one of 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, got 10',
      'dandori:capacity must be an object, got undefined',
    ]));
    expect(() => parseSettings('dev', (ns, key) => config[`${ns}:${key}`])).toThrow(/stack must be staging or production, got 'dev'/);
  });
});

describe('manifest customisation', () => {
  const rendered = renderKustomization(path.join(k8sDir, 'overlays', 'production'));
  const values = {
    serviceAccountRoleArn: 'arn:aws:iam::1:role/app', certificateArn: 'arn:aws:acm:x:1:certificate/y', image: 'repo/dandori-portal-api:1.2.3',
    albSecurityGroupId: 'sg-alb', hpa: { maxReplicas: 7, requestsPerSecondPerPod: 321 },
  };

  it('fills in the role, the certificate, the ALB security group, the image and the plan\'s HPA, and names the Job after the release', () => {
    const out = customiseManifests(rendered, values);
    expect(out.find((o) => o.kind === 'ServiceAccount' && o.metadata.name === 'dandori-api')!.metadata.annotations!['eks.amazonaws.com/role-arn']).toBe(values.serviceAccountRoleArn);
    const ingress = out.find((o) => o.kind === 'Ingress')!.metadata.annotations!;
    expect(ingress['alb.ingress.kubernetes.io/security-groups']).toBe('sg-alb');
    expect(ingress['alb.ingress.kubernetes.io/certificate-arn']).toBe(values.certificateArn);
    const hpa = out.find((o) => o.kind === 'HorizontalPodAutoscaler')!;
    expect(hpa.spec.maxReplicas).toBe(7);
    expect(hpa.spec.metrics.find((m: any) => m.type === 'Pods').pods.target).toEqual({ type: 'AverageValue', averageValue: '321' });
    const images = out.flatMap((o) => o.spec?.template?.spec?.containers ?? []).map((c: any) => c.image);
    expect(new Set(images)).toEqual(new Set([values.image]));
    const job = out.find((o) => o.kind === 'Job')!;
    expect(job.metadata.name).toMatch(/^dandori-migrate-[0-9a-f]{8}$/);
    const other = customiseManifests(rendered, { ...values, image: 'repo/dandori-portal-api:1.2.4' }).find((o) => o.kind === 'Job')!;
    expect(other.metadata.name).not.toBe(job.metadata.name);
    expect(rendered.find((o) => o.kind === 'Job')!.metadata.name).toBe('dandori-migrate'); // input untouched
  });

  it('keeps the overlay image when the stack sets none', () => {
    const out = customiseManifests(rendered, { ...values, image: '' });
    expect(out.find((o) => o.kind === 'Deployment')!.spec.template.spec.containers[0].image).toMatch(/dandori-portal-api:0\.1\.0$/);
  });

  it('splits the rollout into foundation, migrations and workloads, losing nothing', () => {
    const parts = splitForRollout(rendered);
    expect(parts.migrations.map((o) => o.kind)).toEqual(['Job']);
    expect(parts.foundation.map((o) => o.kind)).toEqual(expect.arrayContaining(['Namespace', 'ServiceAccount', 'ConfigMap', 'NetworkPolicy']));
    expect(parts.foundation.length + parts.migrations.length + parts.workloads.length).toBe(rendered.length);
  });
});
