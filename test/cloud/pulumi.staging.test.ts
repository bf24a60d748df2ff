import { describeStack } from './support/stack-assertions.js';

describeStack({
  stack: 'staging',
  natGateways: 1,
  nodes: { min: 2, max: 4, capacityType: 'SPOT', instanceType: 't3.large' },
  hpa: { min: 2, max: 4 },
  readers: { min: 1, max: 2 },
  dbInstanceClass: 'db.t4g.medium',
  maxConnections: 400,
  deletionProtection: false,
  backupRetentionDays: 3,
  redis: { nodeType: 'cache.t4g.small', nodes: 2 },
  alarmEmail: false,
});
