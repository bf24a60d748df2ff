/**
 * The last net: an unhandled rejection or uncaught exception is logged and counted, and the
 * process goes on (here: the emitter is a stand-in for `process`, so the test runner's own
 * handlers stay out of it); removing the net takes both handlers off.
 */
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { installLastNet, LAST_NET_MESSAGE } from '../../src/observability/last-net.js';
import { createMetrics } from '../../src/observability/metrics.js';
import { parseSamples, valueOf } from '../support/prometheus-text.js';

describe('last net', () => {
  it('logs and counts each kind, and can be removed', async () => {
    const target = new EventEmitter();
    const logged: { fields: Record<string, unknown>; message: string }[] = [];
    const logger = { error: (fields: Record<string, unknown>, message: string) => void logged.push({ fields, message }) };
    const metrics = createMetrics({ database: { poolStats: () => [] } });
    const remove = installLastNet(target, logger as never, metrics);

    target.emit('unhandledRejection', new Error('forgotten catch'));
    target.emit('unhandledRejection', 'a string');
    target.emit('uncaughtException', new Error('thrown in a callback'));

    const samples = parseSamples(await metrics.render());
    expect(valueOf(samples, 'dandori_unhandled_errors_total', { kind: 'rejection' })).toBe(2);
    expect(valueOf(samples, 'dandori_unhandled_errors_total', { kind: 'exception' })).toBe(1);
    expect(logged.map((l) => [l.message, l.fields.kind])).toEqual([
      [LAST_NET_MESSAGE, 'rejection'],
      [LAST_NET_MESSAGE, 'rejection'],
      [LAST_NET_MESSAGE, 'exception'],
    ]);
    expect((logged[2]!.fields.err as Error).message).toBe('thrown in a callback');

    remove();
    expect(target.listenerCount('unhandledRejection') + target.listenerCount('uncaughtException')).toBe(0);
  });

  it('counts failed dependency calls by dependency and operation, every label present from the start', async () => {
    const metrics = createMetrics({ database: { poolStats: () => [] } });
    expect(valueOf(parseSamples(await metrics.render()), 'dandori_dependency_errors_total', { dependency: 'redis', operation: 'unsubscribe' })).toBe(0);
    metrics.dependencyError('redis', 'unsubscribe');
    expect(valueOf(parseSamples(await metrics.render()), 'dandori_dependency_errors_total', { dependency: 'redis', operation: 'unsubscribe' })).toBe(1);
  });
});
