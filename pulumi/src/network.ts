import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import type { NetworkSettings } from './settings';

export interface Network {
  vpc: aws.ec2.Vpc;
  publicSubnetIds: pulumi.Output<string>[];
  /** Nodes and RDS Proxy: routed to the internet through NAT. */
  privateSubnetIds: pulumi.Output<string>[];
  /** Aurora and Redis: no route out of the VPC at all. */
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
 * A VPC over three zones: public subnets for the ALB and NAT, private ones for the nodes (big: the VPC
 * CNI gives every pod a VPC address), isolated ones for data. Plain aws.ec2 resources (not awsx), so
 * every piece is visible to policy and unit tests.
 */
export function createNetwork(name: string, settings: NetworkSettings, clusterName: string): Network {
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

  const zones = settings.availabilityZones;
  const publicSubnets = zones.map((az, i) => {
    const subnet = new aws.ec2.Subnet(`${name}-public-${az}`, {
      vpcId: vpc.id,
      availabilityZone: az,
      cidrBlock: subnetCidr(settings.vpcCidr, 24, 96 + i), // x.y.96.0/24 ..
      mapPublicIpOnLaunch: false,
      tags: { Name: `${name}-public-${az}`, 'kubernetes.io/role/elb': '1', [`kubernetes.io/cluster/${clusterName}`]: 'shared' },
    });
    new aws.ec2.RouteTableAssociation(`${name}-public-${az}`, { subnetId: subnet.id, routeTableId: publicRt.id });
    return subnet;
  });

  const nats = Array.from({ length: settings.natGateways }, (_, i) => {
    const az = zones[i]!;
    const eip = new aws.ec2.Eip(`${name}-nat-${az}`, { domain: 'vpc', tags: { Name: `${name}-nat-${az}` } });
    return new aws.ec2.NatGateway(`${name}-nat-${az}`, {
      allocationId: eip.id,
      subnetId: publicSubnets[i]!.id,
      tags: { Name: `${name}-nat-${az}` },
    }, { dependsOn: [igw] });
  });

  const privateRts: aws.ec2.RouteTable[] = [];
  const privateSubnets = zones.map((az, i) => {
    const rt = new aws.ec2.RouteTable(`${name}-private-${az}`, {
      vpcId: vpc.id,
      // With fewer NAT gateways than zones, zones share them (staging: one).
      routes: [{ cidrBlock: '0.0.0.0/0', natGatewayId: nats[i % nats.length]!.id }],
      tags: { Name: `${name}-private-${az}` },
    });
    privateRts.push(rt);
    const subnet = new aws.ec2.Subnet(`${name}-private-${az}`, {
      vpcId: vpc.id,
      availabilityZone: az,
      cidrBlock: subnetCidr(settings.vpcCidr, 19, i), // x.y.0.0/19, x.y.32.0/19, x.y.64.0/19
      mapPublicIpOnLaunch: false,
      tags: { Name: `${name}-private-${az}`, 'kubernetes.io/role/internal-elb': '1', [`kubernetes.io/cluster/${clusterName}`]: 'shared' },
    });
    new aws.ec2.RouteTableAssociation(`${name}-private-${az}`, { subnetId: subnet.id, routeTableId: rt.id });
    return subnet;
  });

  const dataRt = new aws.ec2.RouteTable(`${name}-data`, { vpcId: vpc.id, tags: { Name: `${name}-data` } });
  const dataSubnets = zones.map((az, i) => {
    const subnet = new aws.ec2.Subnet(`${name}-data-${az}`, {
      vpcId: vpc.id,
      availabilityZone: az,
      cidrBlock: subnetCidr(settings.vpcCidr, 24, 112 + i), // x.y.112.0/24 ..
      mapPublicIpOnLaunch: false,
      tags: { Name: `${name}-data-${az}` },
    });
    new aws.ec2.RouteTableAssociation(`${name}-data-${az}`, { subnetId: subnet.id, routeTableId: dataRt.id });
    return subnet;
  });

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
    dataSubnetIds: dataSubnets.map((s) => s.id),
  };
}
