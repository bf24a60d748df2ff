/** Stack config, the cost model and the manifest customisation: pure, no Pulumi runtime needed. */
import { describe, expect, it } from 'vitest';
import { estimateMonthlyCost, formatCostReport, PLAN_TOTAL } from '../../pulumi/src/cost';
import { customiseManifests, splitForRollout } from '../../pulumi/src/manifests';
import { parseSettings, SettingsError } from '../../pulumi/src/settings';
import { loadStackSettings, readStackConfig } from '../../pulumi/src/stack-files';
import path from 'node:path';
import { k8sDir } from './support/deps.js';
import { renderKustomization } from './support/kustomize.js';

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
    expect({ min: production.database.readerMin, max: production.database.readerMax }).toEqual({ min: 1, max: 5 });
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
    config['dandori:database'] = { ...config['dandori:database'], readerMin: 6, readerMax: 5, deletionProtection: 'yes' };
    config['dandori:network'] = { ...config['dandori:network'], availabilityZones: ['ap-northeast-1a'] };
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
      'database.readerMin (6) > readerMax (5)',
    ]));
    expect(() => parseSettings('dev', (ns, key) => config[`${ns}:${key}`])).toThrow(/stack must be staging or production, got 'dev'/);
  });
});

describe('cost model (Tokyo)', () => {
  const report = estimateMonthlyCost(production);

  it('prices production at its floor inside the plan\'s range and under the $2,000 budget', () => {
    expect(report.low).toBeGreaterThanOrEqual(PLAN_TOTAL.low);
    expect(report.low).toBeLessThanOrEqual(PLAN_TOTAL.high);
    expect(report.low).toBeLessThan(2000);
    expect(report.high).toBeGreaterThan(report.low); // autoscaling ceilings cost more
    expect(report.lines.reduce((sum, l) => sum + l.low, 0)).toBeCloseTo(report.low, 1);
  });

  it('itemises what the plan\'s table covers', () => {
    expect(report.lines.map((l) => l.item)).toEqual(expect.arrayContaining([
      'EKS control plane', 'EC2 nodes', 'Aurora instances', 'RDS Proxy', 'ElastiCache Redis', 'NAT gateways',
      'Application Load Balancer', 'S3 (uploads + assets)', 'CloudFront', 'CloudWatch', 'Secrets Manager + KMS',
    ]));
  });

  it('follows the config: readers at the ceiling cost five instances', () => {
    const aurora = report.lines.find((l) => l.item === 'Aurora instances')!;
    expect(aurora.high / aurora.low).toBeCloseTo(6 / 2, 5); // writer + 5 vs writer + 1
  });

  it('shows savings from reserved capacity, and staging costs less', () => {
    expect(report.reservedSavings).toBeGreaterThan(0.15 * report.low * 0.5);
    expect(estimateMonthlyCost(staging).low).toBeLessThan(report.low / 2);
    expect(formatCostReport('production', report)).toContain('$1,125');
  });
});

describe('manifest customisation', () => {
  const rendered = renderKustomization(path.join(k8sDir, 'overlays', 'production'));
  const values = { serviceAccountRoleArn: 'arn:aws:iam::1:role/app', certificateArn: 'arn:aws:acm:x:1:certificate/y', image: 'repo/dandori-portal-api:1.2.3' };

  it('fills in the role, the certificate and the image, and names the Job after the release', () => {
    const out = customiseManifests(rendered, values);
    expect(out.find((o) => o.kind === 'ServiceAccount')!.metadata.annotations!['eks.amazonaws.com/role-arn']).toBe(values.serviceAccountRoleArn);
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
