/**
 * The assertions every stack must pass, run by pulumi.staging.test.ts and pulumi.production.test.ts
 * (one stack per file: Pulumi's mock runtime is per process). `expected` states where the stacks
 * differ; the scaling bounds come from the capacity plan, computed by the harness on its own
 * (test/cloud/pulumi.settings.test.ts pins the plan's numbers).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { dataAssertions } from './assert-data.js';
import { edgeAssertions } from './assert-edge.js';
import { platformAssertions } from './assert-platform.js';
import { type StackRun, runStack } from './pulumi-harness.js';

export interface StackExpectations {
  stack: 'staging' | 'production';
  natGateways: number;
  nodes: { minPerZone: number; capacityType: string; instanceType: string };
  dbInstanceClass: string;
  maxConnections: number;
  deletionProtection: boolean;
  backupRetentionDays: number;
  redis: { nodeType: string; nodes: number };
  alarmEmail: boolean;
  logRetentionDays: number;
}

/** What each group of assertions gets: the run (after beforeAll) and the expectations. */
export interface StackContext {
  run(): StackRun;
  expected: StackExpectations;
  /** `dandori-<stack>`: the prefix of every resource name. */
  name: string;
}

export function describeStack(expected: StackExpectations): void {
  describe(`${expected.stack} stack (Pulumi mocks)`, () => {
    let run: StackRun | undefined;
    beforeAll(async () => {
      run = await runStack(expected.stack);
    }, 60_000);
    const ctx: StackContext = {
      run: () => {
        if (!run) throw new Error('the stack did not run');
        return run;
      },
      expected,
      name: `dandori-${expected.stack}`,
    };

    it('loads its own Pulumi.<stack>.yaml and stays within its budget', () => {
      expect(ctx.run().settings.stack).toBe(expected.stack);
      expect(ctx.run().settings.region).toBe('ap-northeast-1');
      expect(ctx.run().outputs.clusterName).toBe(ctx.name);
      expect(ctx.run().plan.withinBudget).toBe(true);
      expect(ctx.run().outputs.capacity).toMatchObject({ hpa: ctx.run().plan.hpa, nodes: ctx.run().plan.nodes, readers: ctx.run().plan.readers });
    });

    dataAssertions(ctx);
    platformAssertions(ctx);
    edgeAssertions(ctx);
  });
}
