/**
 * Runs the Pulumi program (pulumi/index.ts) for one stack under `pulumi.runtime.setMocks`: no CLI, no
 * cloud. The stack's own Pulumi.<stack>.yaml is loaded as its config. Every resource the program
 * declares is recorded with its inputs; remote components (eks.Cluster, eks.ManagedNodeGroup,
 * kubernetes yaml/v2 ConfigGroup) are opaque to mocks, so their outputs are supplied here.
 * The kustomize invoke is answered by test/cloud/support/kustomize.ts (checked against kubectl).
 */
import path from 'node:path';
import { pulumiDir, requireFromPulumi } from './deps.js';
import { renderKustomization } from './kustomize.js';
import { loadStackSettings, readStackConfig } from '../../../pulumi/src/stack-files';

type PulumiModule = typeof import('../../../pulumi/node_modules/@pulumi/pulumi');
export const pulumi = requireFromPulumi('@pulumi/pulumi') as PulumiModule;

export interface RecordedResource {
  type: string;
  name: string;
  /** Inputs with secrets unwrapped to their values. */
  inputs: Record<string, any>;
  /** Inputs as the engine sees them: secrets wrapped (see isSecretValue). */
  rawInputs: Record<string, any>;
  state: Record<string, any>;
}

export interface StackRun {
  stack: string;
  resources: RecordedResource[];
  outputs: Record<string, unknown>;
  invokes: Array<{ token: string; inputs: Record<string, any> }>;
  settings: ReturnType<typeof loadStackSettings>;
}

const ACCOUNT = '123456789012';
/** Pulumi's signature key for a serialized secret value. */
const SECRET_SIG = '4dabf18193072939515e22adb298388d';

export function isSecretValue(value: unknown): boolean {
  return typeof value === 'object' && value !== null && SECRET_SIG in value;
}

function unwrapSecrets(value: any): any {
  if (isSecretValue(value)) return unwrapSecrets(value.value);
  if (Array.isArray(value)) return value.map(unwrapSecrets);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, unwrapSecrets(v)]));
  return value;
}

function stateFor(type: string, name: string, inputs: Record<string, any>): Record<string, any> {
  const arn = `arn:aws:mock:ap-northeast-1:${ACCOUNT}:${name}`;
  const common = { ...inputs, arn, name: inputs.name ?? name };
  switch (type) {
    case 'eks:index:Cluster':
      return {
        ...common,
        kubeconfigJson: JSON.stringify({ apiVersion: 'v1', kind: 'Config', clusters: [] }),
        kubeconfig: {},
        clusterSecurityGroupId: 'sg-eks-cluster',
        nodeSecurityGroupId: 'sg-eks-cluster',
        oidcProviderArn: `arn:aws:iam::${ACCOUNT}:oidc-provider/oidc.eks.ap-northeast-1.amazonaws.com/id/MOCK`,
        oidcIssuer: 'oidc.eks.ap-northeast-1.amazonaws.com/id/MOCK',
        eksCluster: { name: inputs.name ?? name, arn },
      };
    case 'aws:ec2/securityGroup:SecurityGroup':
      return { ...common, id: `sg-${name}` };
    case 'aws:kms/key:Key':
      return { ...common, keyId: `key-${name}` };
    case 'aws:s3/bucket:Bucket':
      return { ...common, bucket: name, bucketRegionalDomainName: `${name}.s3.ap-northeast-1.amazonaws.com` };
    case 'aws:cloudfront/distribution:Distribution':
      return { ...common, domainName: `${name}.cloudfront.net` };
    case 'aws:rds/cluster:Cluster':
      return { ...common, clusterIdentifier: name, endpoint: `${name}.cluster.mock`, readerEndpoint: `${name}.cluster-ro.mock` };
    case 'aws:rds/proxy:Proxy':
      return { ...common, endpoint: `${name}.proxy.mock` };
    case 'aws:rds/proxyEndpoint:ProxyEndpoint':
      return { ...common, endpoint: `${name}.proxy-ro.mock` };
    case 'aws:elasticache/replicationGroup:ReplicationGroup':
      return { ...common, primaryEndpointAddress: `${name}.cache.mock` };
    case 'aws:ec2/launchTemplate:LaunchTemplate':
      return { ...common, latestVersion: 1 };
    case 'random:index/randomPassword:RandomPassword':
      return { ...common, result: 'p'.repeat(inputs.length ?? 32) };
    default:
      return common;
  }
}

export async function runStack(stack: 'staging' | 'production'): Promise<StackRun> {
  const resources: RecordedResource[] = [];
  const invokes: StackRun['invokes'] = [];
  await pulumi.runtime.setMocks(
    {
      newResource(args) {
        const inputs = unwrapSecrets(args.inputs);
        const state = stateFor(args.type, args.name, inputs);
        resources.push({ type: args.type, name: args.name, inputs, rawInputs: args.inputs, state });
        return { id: state.id ?? `${args.name}-id`, state };
      },
      call(args) {
        invokes.push({ token: args.token, inputs: args.inputs });
        switch (args.token) {
          case 'aws:index/getCallerIdentity:getCallerIdentity':
            return { accountId: ACCOUNT, arn: `arn:aws:iam::${ACCOUNT}:user/ci`, userId: 'ci', id: ACCOUNT };
          case 'aws:index/getRegion:getRegion':
            return { name: 'ap-northeast-1', region: 'ap-northeast-1', id: 'ap-northeast-1' };
          case 'kubernetes:kustomize:directory':
            return { result: renderKustomization(args.inputs.directory) };
          case 'aws:lb/getLoadBalancer:getLoadBalancer':
            return { name: args.inputs.name, arn: `arn:aws:elasticloadbalancing:ap-northeast-1:${ACCOUNT}:loadbalancer/app/${args.inputs.name}/0123456789abcdef`, arnSuffix: `app/${args.inputs.name}/0123456789abcdef`, dnsName: `${args.inputs.name}.elb.mock` };
          default:
            throw new Error(`unmocked invoke ${args.token}`);
        }
      },
    },
    'dandori-portal',
    stack,
    false,
  );
  const config = readStackConfig(stack);
  pulumi.runtime.setAllConfig(
    Object.fromEntries(Object.entries(config).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)])),
  );

  const program = (await import(path.join(pulumiDir, 'index.ts'))) as Record<string, unknown>;
  const outputs: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(program)) {
    if (pulumi.Output.isInstance(value)) outputs[key] = await new Promise((resolve) => (value as any).apply(resolve));
  }
  // Everything declared has been registered once the runtime has no RPC in flight.
  await Promise.race([
    pulumi.runtime.disconnect(),
    new Promise((_, reject) => setTimeout(() => reject(new Error('Pulumi RPCs did not settle in 30 s')), 30_000)),
  ]);
  return { stack, resources, outputs, invokes, settings: loadStackSettings(stack) };
}

export function ofType(run: StackRun, type: string): RecordedResource[] {
  return run.resources.filter((r) => r.type === type);
}

export function one(run: StackRun, type: string, nameSuffix?: string): RecordedResource {
  const matches = ofType(run, type).filter((r) => nameSuffix === undefined || r.name.endsWith(nameSuffix));
  if (matches.length !== 1) {
    throw new Error(`expected one ${type}${nameSuffix ? ` named *${nameSuffix}` : ''}, found ${matches.map((m) => m.name).join(', ') || 'none'}`);
  }
  return matches[0]!;
}
