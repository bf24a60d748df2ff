import { describeStack } from './support/stack-assertions.js';

describeStack({
  stack: 'staging',
  natGateways: 1,
  nodes: { minPerZone: 1, capacityType: 'SPOT', instanceType: 't3.large' },
  dbInstanceClass: 'db.t4g.medium',
  maxConnections: 400,
  deletionProtection: false,
  backupRetentionDays: 3,
  redis: { nodeType: 'cache.t4g.small', nodes: 2 },
  alarmEmail: false,
  logRetentionDays: 7,
});
