import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';

/** AWS's managed cache and origin request policies. */
const CACHING_DISABLED = '4135ea2d-6df8-44a3-9df3-4b5a84be39ad';
/** Every viewer header, cookie and query string, Host included (and with it WebSocket's upgrade headers). */
const ALL_VIEWER = '216adef6-5c7f-47e4-b989-5492eafa07d3';
/** CloudFront's addresses towards origins, as a managed prefix list. */
export const CLOUDFRONT_ORIGIN_FACING = 'com.amazonaws.global.cloudfront.origin-facing';

/** The AWS managed rule groups in the web ACL, in evaluation order after the reputation list. */
export const MANAGED_RULE_GROUPS = ['AWSManagedRulesAmazonIpReputationList', 'AWSManagedRulesCommonRuleSet', 'AWSManagedRulesKnownBadInputsRuleSet'] as const;
/**
 * Common Rule Set rules counted instead of blocked: SizeRestrictions_BODY blocks bodies over 8 KB,
 * and GraphQL mutations (a task's description, a comment) may be larger; the app's own limit
 * (MAX_REQUEST_BYTES, 413) applies instead.
 */
export const COUNTED_RULES = ['SizeRestrictions_BODY'] as const;

/**
 * The internal ALB's security group (the Ingress names it; addons' Load Balancer Controller adds the
 * rules towards the pods): HTTPS from CloudFront's origin-facing addresses only. With the ALB in the
 * ingress subnets (no route to the internet) and internal, CloudFront is the only way in.
 */
export function createAlbSecurityGroup(name: string, vpcId: pulumi.Input<string>): aws.ec2.SecurityGroup {
  const sg = new aws.ec2.SecurityGroup(`${name}-alb`, {
    vpcId,
    description: `${name} internal ALB: HTTPS from CloudFront only`,
    tags: { Name: `${name}-alb` },
  });
  const cloudfront = aws.ec2.getManagedPrefixListOutput({ name: CLOUDFRONT_ORIGIN_FACING });
  new aws.vpc.SecurityGroupIngressRule(`${name}-alb-from-cloudfront`, {
    securityGroupId: sg.id,
    prefixListId: cloudfront.id,
    ipProtocol: 'tcp',
    fromPort: 443,
    toPort: 443,
    description: 'HTTPS from CloudFront (VPC origin)',
  });
  return sg;
}

export interface ApiEdgeInputs {
  /** The ALB the Load Balancer Controller made for the Ingress. */
  loadBalancer: pulumi.Output<aws.lb.GetLoadBalancerResult>;
  /** The API's host name (the Ingress's host), served by CloudFront under cdnCertificateArn. */
  host: pulumi.Input<string>;
  cdnCertificateArn: string;
  priceClass: string;
  wafRequestsPer5MinPerIp: number;
  /** The provider for us-east-1, where CloudFront's web ACLs live. */
  usEast1: aws.Provider;
}

export interface ApiEdge {
  distribution: aws.cloudfront.Distribution;
  webAcl: aws.wafv2.WebAcl;
}

/**
 * The API's front door: CloudFront (HTTP/2 and 3, WebSockets through the AllViewer origin request
 * policy, nothing cached) with AWS WAF (managed rule groups and a per-address rate limit), reaching
 * the internal ALB through a CloudFront VPC origin. CloudFront appends the viewer's address to
 * X-Forwarded-For and the ALB preserves the header (k8s Ingress), so the app's "last hop" is the
 * viewer (src/server/client-address.ts).
 */
export function createApiEdge(name: string, inputs: ApiEdgeInputs): ApiEdge {
  const webAcl = createWebAcl(name, inputs);
  const origin = new aws.cloudfront.VpcOrigin(`${name}-api`, {
    vpcOriginEndpointConfig: {
      name: `${name}-api`,
      arn: inputs.loadBalancer.arn,
      httpPort: 80,
      httpsPort: 443,
      originProtocolPolicy: 'https-only',
      originSslProtocols: { items: ['TLSv1.2'], quantity: 1 },
    },
  });
  const distribution = new aws.cloudfront.Distribution(`${name}-api`, {
    enabled: true,
    isIpv6Enabled: true,
    httpVersion: 'http2and3',
    priceClass: inputs.priceClass,
    aliases: [inputs.host],
    comment: `${name} API (GraphQL over HTTPS and WebSocket)`,
    origins: [{
      originId: 'api',
      domainName: inputs.loadBalancer.dnsName,
      // Quiet subscriptions: CloudFront closes a WebSocket after 10 idle minutes; clients ping (docs/cloud.md).
      vpcOriginConfig: { vpcOriginId: origin.id, originReadTimeout: 60, originKeepaliveTimeout: 60 },
    }],
    defaultCacheBehavior: {
      targetOriginId: 'api',
      viewerProtocolPolicy: 'https-only',
      allowedMethods: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'POST', 'PATCH', 'DELETE'],
      cachedMethods: ['GET', 'HEAD'],
      cachePolicyId: CACHING_DISABLED,
      originRequestPolicyId: ALL_VIEWER,
      compress: true,
    },
    webAclId: webAcl.arn,
    restrictions: { geoRestriction: { restrictionType: 'none' } },
    viewerCertificate: { acmCertificateArn: inputs.cdnCertificateArn, sslSupportMethod: 'sni-only', minimumProtocolVersion: 'TLSv1.2_2021' },
  });
  return { distribution, webAcl };
}

function createWebAcl(name: string, inputs: ApiEdgeInputs): aws.wafv2.WebAcl {
  const visibility = (metricName: string) => ({ cloudwatchMetricsEnabled: true, sampledRequestsEnabled: true, metricName });
  const managed = (group: (typeof MANAGED_RULE_GROUPS)[number], priority: number) => ({
    name: group,
    priority,
    overrideAction: { none: {} },
    statement: {
      managedRuleGroupStatement: {
        vendorName: 'AWS',
        name: group,
        ruleActionOverrides: group === 'AWSManagedRulesCommonRuleSet' ? COUNTED_RULES.map((rule) => ({ name: rule, actionToUse: { count: {} } })) : [],
      },
    },
    visibilityConfig: visibility(`${name}-${group}`),
  });
  return new aws.wafv2.WebAcl(`${name}-api`, {
    scope: 'CLOUDFRONT',
    description: `${name} API: AWS managed rules and a per-address rate limit`,
    defaultAction: { allow: {} },
    rules: [
      managed(MANAGED_RULE_GROUPS[0], 0),
      {
        name: 'rate-per-address',
        priority: 1,
        // 429 like the app's own RATE_LIMITED, so clients back off the same way.
        action: { block: { customResponse: { responseCode: 429 } } },
        statement: { rateBasedStatement: { limit: inputs.wafRequestsPer5MinPerIp, aggregateKeyType: 'IP', evaluationWindowSec: 300 } },
        visibilityConfig: visibility(`${name}-rate-per-address`),
      },
      managed(MANAGED_RULE_GROUPS[1], 2),
      managed(MANAGED_RULE_GROUPS[2], 3),
    ],
    visibilityConfig: visibility(`${name}-api`),
  }, { provider: inputs.usEast1 });
}
