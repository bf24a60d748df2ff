import { describeStack } from './support/stack-assertions.js';

// The plan: HPA 2..10, readers 1..5 at 70 % CPU, Multi-AZ everywhere, deletion protection.
describeStack({
  stack: 'production',
  natGateways: 3,
  nodes: { min: 3, max: 6, capacityType: 'ON_DEMAND', instanceType: 'm6i.large' },
  hpa: { min: 2, max: 10 },
  readers: { min: 1, max: 5 },
  dbInstanceClass: 'db.r6g.large',
  maxConnections: 1000,
  deletionProtection: true,
  backupRetentionDays: 14,
  redis: { nodeType: 'cache.m7g.large', nodes: 2 },
  alarmEmail: true,
});
