/**
 * The API's front door: CloudFront with AWS WAF (managed rules and a rate limit) in front of an
 * internal ALB reached through a VPC origin, WebSockets allowed.
 */
import { expect, it } from 'vitest';
import { COUNTED_RULES, MANAGED_RULE_GROUPS } from '../../../pulumi/src/edge';
import { findObj, objsOf, one } from './pulumi-harness.js';
import type { StackContext } from './stack-assertions.js';

export function edgeAssertions({ run, name, expected }: StackContext): void {
  it('puts CloudFront with WAF in front of the API, reaching the internal ALB through a VPC origin', () => {
    const lbArn = `arn:aws:elasticloadbalancing:ap-northeast-1:123456789012:loadbalancer/app/dandori-api-${expected.stack}/0123456789abcdef`;
    const origin = one(run(), 'aws:cloudfront/vpcOrigin:VpcOrigin', '-api').inputs.vpcOriginEndpointConfig;
    expect(origin).toMatchObject({ arn: lbArn, originProtocolPolicy: 'https-only', httpsPort: 443 });
    const distribution = one(run(), 'aws:cloudfront/distribution:Distribution', '-api').inputs;
    const host = findObj(objsOf(one(run(), 'kubernetes:yaml/v2:ConfigGroup', '-workloads')), 'Ingress').spec.rules[0].host;
    expect(distribution.aliases).toEqual([host]);
    expect(distribution.viewerCertificate).toMatchObject({ acmCertificateArn: run().settings.app.cdnCertificateArn, sslSupportMethod: 'sni-only' });
    expect(run().settings.app.cdnCertificateArn).toMatch(/^arn:aws:acm:us-east-1:/);
    expect(distribution.origins).toEqual([expect.objectContaining({ originId: 'api', vpcOriginConfig: expect.objectContaining({ vpcOriginId: `vo-${name}-api` }) })]);
    expect(distribution.webAclId).toBe(one(run(), 'aws:wafv2/webAcl:WebAcl').state.arn);
    // GraphQL over POST and WebSocket upgrades pass; nothing is cached; every viewer header reaches the app.
    expect(distribution.defaultCacheBehavior).toMatchObject({
      viewerProtocolPolicy: 'https-only',
      cachePolicyId: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad',
      originRequestPolicyId: '216adef6-5c7f-47e4-b989-5492eafa07d3',
    });
    expect(distribution.defaultCacheBehavior.allowedMethods).toEqual(expect.arrayContaining(['GET', 'POST', 'OPTIONS']));
    expect(run().outputs.apiDistributionDomain).toBe(`${name}-api.cloudfront.net`);
  });

  it('runs the web ACL in us-east-1 with AWS managed rules and a per-address rate limit', () => {
    const acl = one(run(), 'aws:wafv2/webAcl:WebAcl');
    expect(acl.inputs).toMatchObject({ scope: 'CLOUDFRONT', defaultAction: { allow: {} } });
    expect(acl.provider).toMatch(new RegExp(`::${name}-us-east-1::`));
    expect(one(run(), 'pulumi:providers:aws', '-us-east-1').inputs.region).toBe('us-east-1');
    const rules = acl.inputs.rules as Array<Record<string, any>>;
    const managed = rules.filter((r) => r.statement.managedRuleGroupStatement).map((r) => r.statement.managedRuleGroupStatement);
    expect(managed.map((m) => [m.vendorName, m.name])).toEqual(MANAGED_RULE_GROUPS.map((g) => ['AWS', g]));
    expect(managed.find((m) => m.name === 'AWSManagedRulesCommonRuleSet').ruleActionOverrides).toEqual(COUNTED_RULES.map((n) => ({ name: n, actionToUse: { count: {} } })));
    const rate = rules.find((r) => r.statement.rateBasedStatement)!;
    expect(rate.statement.rateBasedStatement).toMatchObject({ limit: run().settings.app.wafRequestsPer5MinPerIp, aggregateKeyType: 'IP' });
    expect(rate.action).toEqual({ block: { customResponse: { responseCode: 429 } } });
    expect(new Set(rules.map((r) => r.priority)).size).toBe(rules.length);
  });

  it('keeps the ALB internal, reachable from CloudFront only, and passes the viewer\'s address on', () => {
    const ingress = findObj(objsOf(one(run(), 'kubernetes:yaml/v2:ConfigGroup', '-workloads')), 'Ingress').metadata.annotations;
    expect(ingress['alb.ingress.kubernetes.io/scheme']).toBe('internal');
    expect(JSON.parse(ingress['alb.ingress.kubernetes.io/listen-ports'])).toEqual([{ HTTPS: 443 }]);
    expect(ingress['alb.ingress.kubernetes.io/load-balancer-attributes']).toContain('routing.http.xff_header_processing.mode=preserve');
    expect(one(run(), 'aws:ec2/securityGroup:SecurityGroup', '-alb').state.id).toBe(ingress['alb.ingress.kubernetes.io/security-groups']);
  });
}
