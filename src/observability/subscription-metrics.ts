/**
 * Metrics of live updates (src/realtime/), on the app's own registry (see metrics.ts). Labelled
 * by `field`, the subscribed root field (`dashboardUpdated`, …): a subscription operation is one
 * root field, and the schema bounds the set, where client-chosen operation names would not.
 * Failure `reason`s are a fixed list (DELIVERY_FAILURE_REASONS).
 *
 * Nothing is lost silently: every event that reaches a group ends as deliveries or as failures
 * with a reason, and each failure is also logged (src/realtime/fanout.ts).
 */
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

export const DELIVERY_FAILURE_REASONS = [
  /** The event could not be executed (e.g. the database did not answer), even on the retry. */
  'execution',
  /** The socket refused the frame twice. */
  'send_error',
  /** The connection's send buffer was full: it was closed (1013). */
  'slow_consumer',
  /** The event found the pod's queue full and was dropped. */
  'queue_full',
] as const;
export type DeliveryFailureReason = (typeof DELIVERY_FAILURE_REASONS)[number];
export type ExecutionOutcome = 'delivered' | 'skipped' | 'failed';

/** What the fan-out knows at scrape time, by field. */
export interface FanoutSource {
  counts(): { field: string; subscriptions: number; groups: number }[];
  queued(): number;
}

export interface SubscriptionMetrics {
  executed(field: string, outcome: ExecutionOutcome): void;
  delivered(field: string, count: number): void;
  failed(field: string, reason: DeliveryFailureReason, count: number): void;
  /** From the event's arrival on this pod until its last frame was handed to the socket. */
  fanout(field: string, seconds: number): void;
  /** Registered once the fan-out exists (it needs the metrics first). */
  setSource(source: FanoutSource): void;
}

/** `fields`: the schema's subscription fields; anything else is labelled `other`. */
export function createSubscriptionMetrics(registry: Registry, fields: readonly string[]): SubscriptionMetrics {
  const registers = [registry];
  const known = new Set(fields);
  const label = (field: string) => (known.has(field) ? field : 'other');
  let source: FanoutSource | undefined;

  new Gauge({
    name: 'dandori_subscriptions_active',
    help: 'Subscriptions streaming on this pod, by subscribed field',
    labelNames: ['field'] as const,
    registers,
    collect() {
      this.reset();
      for (const field of fields) this.set({ field }, 0);
      for (const c of source?.counts() ?? []) this.inc({ field: label(c.field) }, c.subscriptions);
    },
  });
  new Gauge({
    name: 'dandori_subscription_groups',
    help: 'Groups of identical subscriptions (each event is executed once per group), by field',
    labelNames: ['field'] as const,
    registers,
    collect() {
      this.reset();
      for (const field of fields) this.set({ field }, 0);
      for (const c of source?.counts() ?? []) this.inc({ field: label(c.field) }, c.groups);
    },
  });
  new Gauge({
    name: 'dandori_subscription_queue_depth',
    help: 'Events waiting for a turn at the database (SUBSCRIPTION_DB_CONCURRENCY) on this pod',
    registers,
    collect() {
      this.set(source?.queued() ?? 0);
    },
  });
  const executions = new Counter({
    name: 'dandori_subscription_executions_total',
    help: 'Event executions (one per event per group), by field and outcome (delivered, skipped: nothing to send, failed)',
    labelNames: ['field', 'outcome'] as const,
    registers,
  });
  const deliveries = new Counter({
    name: 'dandori_subscription_deliveries_total',
    help: 'Event frames handed to subscribers’ sockets, by field',
    labelNames: ['field'] as const,
    registers,
  });
  const failures = new Counter({
    name: 'dandori_subscription_delivery_failures_total',
    help: 'Deliveries that did not happen, by field and reason (execution, send_error, slow_consumer, queue_full)',
    labelNames: ['field', 'reason'] as const,
    registers,
  });
  const fanout = new Histogram({
    name: 'dandori_subscription_fanout_seconds',
    help: 'From an event’s arrival on this pod until its last frame was handed to a socket, per group, by field',
    labelNames: ['field'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers,
  });
  for (const field of fields) {
    deliveries.inc({ field }, 0);
    for (const reason of DELIVERY_FAILURE_REASONS) failures.inc({ field, reason }, 0);
  }

  return {
    executed: (field, outcome) => executions.inc({ field: label(field), outcome }),
    delivered: (field, count) => deliveries.inc({ field: label(field) }, count),
    failed: (field, reason, count) => failures.inc({ field: label(field), reason }, count),
    fanout: (field, seconds) => fanout.observe({ field: label(field) }, seconds),
    setSource(added) {
      source = added;
    },
  };
}
