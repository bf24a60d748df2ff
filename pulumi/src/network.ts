import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import type { NetworkSettings } from './settings';

export interface Network {
  vpc: aws.ec2.Vpc;
  /** NAT gateways only. */
  publicSubnetIds: pulumi.Output<string>[];
  /** Nodes (and every pod: the VPC CNI gives pods VPC addresses): routed to the internet through NAT. */
  privateSubnetIds: pulumi.Output<string>[];
  /** The internal ALB, reached by CloudFront through a VPC origin: no route out of the VPC. */
  ingressSubnetIds: pulumi.Output<string>[];
  /** Aurora, RDS Proxy and Redis: no route out of the VPC at all. */
  dataSubnetIds: pulumi.Output<string>[];
}

/** The n-th subnet of `prefix` bits inside a 10.x.0.0/16. */
export function subnetCidr(vpcCidr: string, prefix: number, index: number): string {
  const [a, b] = vpcCidr.split('.').map(Number);
  const size = 2 ** (32 - prefix);
  const offset = index * size;
  return `${a}.${b}.${Math.floor(offset / 256)}.${offset % 256}/${prefix}`;
}

/**
 * The address plan, one subnet per zone of each kind. The NetworkPolicies in k8s/overlays/<stack>
 * name the ingress and data CIDRs (test/cloud checks they match these).
 */
export function subnetPlan(vpcCidr: string, zones: number) {
  const each = (prefix: number, first: number) => Array.from({ length: zones }, (_, i) => subnetCidr(vpcCidr, prefix, first + i));
  return {
    private: each(19, 0), // x.y.0.0/19, x.y.32.0/19, x.y.64.0/19: nodes and pods
    public: each(24, 96), // x.y.96.0/24 ..
    ingress: each(24, 100), // x.y.100.0/24 ..
    data: each(24, 112), // x.y.112.0/24 ..
  };
}

/**
 * A VPC over three zones: public subnets for the NAT gateways, private ones for the nodes (big: the
 * VPC CNI gives every pod a VPC address), ingress ones for the internal ALB and isolated ones for
 * data. Plain aws.ec2 resources (not awsx), so every piece is visible to policy and unit tests.
 */
export function createNetwork(name: string, settings: NetworkSettings, clusterName: string): Network {
  const plan = subnetPlan(settings.vpcCidr, settings.availabilityZones.length);
  const vpc = new aws.ec2.Vpc(`${name}-vpc`, {
    cidrBlock: settings.vpcCidr,
    enableDnsHostnames: true,
    enableDnsSupport: true,
    tags: { Name: `${name}-vpc` },
  });
  const igw = new aws.ec2.InternetGateway(`${name}-igw`, { vpcId: vpc.id, tags: { Name: `${name}-igw` } });

  const publicRt = new aws.ec2.RouteTable(`${name}-public`, {
    vpcId: vpc.id,
    routes: [{ cidrBlock: '0.0.0.0/0', gatewayId: igw.id }],
    tags: { Name: `${name}-public` },
  });
  const cluster = { [`kubernetes.io/cluster/${clusterName}`]: 'shared' };

  const zones = settings.availabilityZones;
  const subnets = (kind: string, cidrs: string[], routeTable: (i: number) => aws.ec2.RouteTable, tags: Record<string, string> = {}) =>
    zones.map((az, i) => {
      const subnet = new aws.ec2.Subnet(`${name}-${kind}-${az}`, {
        vpcId: vpc.id,
        availabilityZone: az,
        cidrBlock: cidrs[i]!,
        mapPublicIpOnLaunch: false,
        tags: { Name: `${name}-${kind}-${az}`, ...tags },
      });
      new aws.ec2.RouteTableAssociation(`${name}-${kind}-${az}`, { subnetId: subnet.id, routeTableId: routeTable(i).id });
      return subnet;
    });

  // No `kubernetes.io/role/elb` tag anywhere: the Load Balancer Controller can create no internet-facing load balancer.
  const publicSubnets = subnets('public', plan.public, () => publicRt);

  const nats = Array.from({ length: settings.natGateways }, (_, i) => {
    const az = zones[i]!;
    const eip = new aws.ec2.Eip(`${name}-nat-${az}`, { domain: 'vpc', tags: { Name: `${name}-nat-${az}` } });
    return new aws.ec2.NatGateway(`${name}-nat-${az}`, {
      allocationId: eip.id,
      subnetId: publicSubnets[i]!.id,
      tags: { Name: `${name}-nat-${az}` },
    }, { dependsOn: [igw] });
  });

  const privateRts = zones.map((az, i) => new aws.ec2.RouteTable(`${name}-private-${az}`, {
    vpcId: vpc.id,
    // With fewer NAT gateways than zones, zones share them (staging: one).
    routes: [{ cidrBlock: '0.0.0.0/0', natGatewayId: nats[i % nats.length]!.id }],
    tags: { Name: `${name}-private-${az}` },
  }));
  const privateSubnets = subnets('private', plan.private, (i) => privateRts[i]!, cluster);

  // Ingress and data subnets share a route table with nothing but the VPC's local route.
  const isolatedRt = new aws.ec2.RouteTable(`${name}-data`, { vpcId: vpc.id, tags: { Name: `${name}-data` } });
  const ingressSubnets = subnets('ingress', plan.ingress, () => isolatedRt, { ...cluster, 'kubernetes.io/role/internal-elb': '1' });
  const dataSubnets = subnets('data', plan.data, () => isolatedRt);

  // S3 traffic (uploads) stays off the NAT gateways: cheaper and never leaves AWS's network.
  new aws.ec2.VpcEndpoint(`${name}-s3`, {
    vpcId: vpc.id,
    serviceName: pulumi.interpolate`com.amazonaws.${aws.getRegionOutput().region}.s3`,
    vpcEndpointType: 'Gateway',
    routeTableIds: privateRts.map((rt) => rt.id),
  });

  return {
    vpc,
    publicSubnetIds: publicSubnets.map((s) => s.id),
    privateSubnetIds: privateSubnets.map((s) => s.id),
    ingressSubnetIds: ingressSubnets.map((s) => s.id),
    dataSubnetIds: dataSubnets.map((s) => s.id),
  };
}
