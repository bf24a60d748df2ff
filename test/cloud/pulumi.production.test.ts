import { describeStack } from './support/stack-assertions.js';

// The plan: Multi-AZ everywhere, deletion protection; the scaling bounds come from the capacity plan.
describeStack({
  stack: 'production',
  natGateways: 3,
  nodes: { minPerZone: 1, capacityType: 'ON_DEMAND', instanceType: 'm6i.large' },
  dbInstanceClass: 'db.r6g.large',
  maxConnections: 1000,
  deletionProtection: true,
  backupRetentionDays: 14,
  redis: { nodeType: 'cache.m7g.large', nodes: 2 },
  alarmEmail: true,
  logRetentionDays: 30,
});
