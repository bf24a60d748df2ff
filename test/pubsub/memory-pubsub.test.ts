/**
 * The embedded default's in-memory pub/sub: many subscription groups on one tenant's topic are
 * ordinary (one per role, document or user), so they must all hear every event, and Node must
 * not warn of a listener leak (it does past ten listeners on one EventEmitter event by default).
 */
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/observability/logger.js';
import { createPubSub } from '../../src/pubsub/pubsub.js';
import { topic } from '../../src/pubsub/topics.js';

describe('in-memory pub/sub', () => {
  it('delivers to 25 subscriptions of one topic without a MaxListeners warning', async () => {
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => warnings.push(warning);
    process.on('warning', onWarning);
    const pubsub = createPubSub({ logger: createLogger({ LOG_LEVEL: 'silent' }) });
    const tenantId = '0b7e3c1e-5f1a-4c39-9d59-0c7f1f2a4b11';
    try {
      const streams = await Promise.all(Array.from({ length: 25 }, () => pubsub.subscribe(topic(tenantId, 'ACTIVITY_RECORDED'))));
      const payload = { activityEventId: '5d0f2c1a-8f4e-4b6a-9c3d-1e2f3a4b5c6d', verb: 'CREATED', subjectType: 'Task', subjectId: '7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d' };
      await pubsub.publish(tenantId, { name: 'ACTIVITY_RECORDED', payload });
      const received = await Promise.all(streams.map((s) => s.next()));
      expect(received.map((r) => r.value)).toEqual(streams.map(() => payload));
      await new Promise((resolve) => setImmediate(resolve)); // warnings are emitted on the next tick
      expect(warnings.filter((w) => w.name === 'MaxListenersExceededWarning')).toEqual([]);
      await Promise.all(streams.map((s) => s.return()));
    } finally {
      process.off('warning', onWarning);
      await pubsub.close();
    }
  });
});
