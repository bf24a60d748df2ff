/**
 * Runs the Pulumi program (pulumi/index.ts) for one stack under `pulumi.runtime.setMocks`: no CLI, no
 * cloud. The stack's own Pulumi.<stack>.yaml is loaded as its config. Every resource the program
 * declares is recorded with its inputs; remote components (eks.Cluster, eks.ManagedNodeGroup,
 * kubernetes yaml/v2 ConfigGroup) are opaque to mocks, so their outputs are supplied here.
 * The kustomize invoke is answered by pulumi/src/kustomize.ts (checked against kubectl in k8s.test.ts).
 */
import path from 'node:path';
import { pulumiDir, requireFromPulumi } from './deps.js';
import { renderKustomization } from '../../../pulumi/src/kustomize';
import type { CapacityPlan } from '../../../pulumi/src/capacity';
import { loadStackSettings, planStack, readStackConfig } from '../../../pulumi/src/stack-files';

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
  /** The explicit provider's reference (URN::id), when the resource has one. */
  provider?: string;
}

export interface StackRun {
  stack: string;
  resources: RecordedResource[];
  outputs: Record<string, unknown>;
  invokes: Array<{ token: string; inputs: Record<string, any> }>;
  settings: ReturnType<typeof loadStackSettings>;
  /** The capacity plan the program should have applied, computed here on its own. */
  plan: CapacityPlan;
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
      return { ...common, clusterIdentifier: inputs.clusterIdentifier ?? name, endpoint: `${name}.cluster.mock`, readerEndpoint: `${name}.cluster-ro.mock` };
    case 'aws:rds/clusterInstance:ClusterInstance':
      return { ...common, identifier: name };
    case 'aws:elasticache/parameterGroup:ParameterGroup':
      return { ...common, name };
    case 'aws:cloudfront/vpcOrigin:VpcOrigin':
      return { ...common, id: `vo-${name}` };
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
        resources.push({ type: args.type, name: args.name, inputs, rawInputs: args.inputs, state, ...(args.provider && { provider: args.provider }) });
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
          case 'aws:ec2/getManagedPrefixList:getManagedPrefixList':
            return { id: 'pl-cloudfront', name: args.inputs.name, entries: [] };
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
    outputs[key] = pulumi.Output.isInstance(value) ? await new Promise((resolve) => (value as any).apply(resolve)) : value;
  }
  // Everything declared has been registered once the runtime has no RPC in flight.
  await Promise.race([
    pulumi.runtime.disconnect(),
    new Promise((_, reject) => setTimeout(() => reject(new Error('Pulumi RPCs did not settle in 30 s')), 30_000)),
  ]);
  const settings = loadStackSettings(stack);
  return { stack, resources, outputs, invokes, settings, plan: planStack(settings) };
}

export function ofType(run: StackRun, type: string): RecordedResource[] {
  return run.resources.filter((r) => r.type === type);
}

/** The Kubernetes objects a yaml/v2 ConfigGroup was given. */
export function objsOf(group: RecordedResource): Array<Record<string, any>> {
  return group.inputs.objs as Array<Record<string, any>>;
}

/** The one object of `kind` (and `name`) in `objs`. */
export function findObj(objs: Array<Record<string, any>>, kind: string, name?: string): Record<string, any> {
  const found = objs.filter((o) => o.kind === kind && (name === undefined || o.metadata.name === name));
  if (found.length !== 1) throw new Error(`expected one ${kind} ${name ?? ''}, found ${found.length}`);
  return found[0]!;
}

/** Every statement of every inline IAM role policy the program declares. */
export function policyStatements(run: StackRun): Array<{ policy: string; statement: Record<string, any> }> {
  return ofType(run, 'aws:iam/rolePolicy:RolePolicy').flatMap((p) =>
    (JSON.parse(p.inputs.policy).Statement as Record<string, any>[]).map((statement) => ({ policy: p.name, statement })));
}

export function one(run: StackRun, type: string, nameSuffix?: string): RecordedResource {
  const matches = ofType(run, type).filter((r) => nameSuffix === undefined || r.name.endsWith(nameSuffix));
  if (matches.length !== 1) {
    throw new Error(`expected one ${type}${nameSuffix ? ` named *${nameSuffix}` : ''}, found ${matches.map((m) => m.name).join(', ') || 'none'}`);
  }
  return matches[0]!;
}
