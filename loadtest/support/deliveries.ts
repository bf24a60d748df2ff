/**
 * What the fan-out bench counts as a delivery, for one set of subscribers (one subscriber process):
 * for each mutation (its task id), when each subscriber first had an event at least as new. The
 * processes' tallies merge into the bench's figures (`mergeTallies`).
 */
import type { Received } from './ws-subscriber.js';

export type LiveField = 'activityRecorded' | 'taskChanged' | 'dashboardUpdated';

export interface Tally {
  /** Per mutation: when its last subscriber (of these) had it; -Infinity when none had it. */
  lastAt: number[];
  /** Subscriber × mutation pairs delivered. */
  delivered: number;
  /** Frames that carried an error (or no data) in place of the event. */
  errors: number;
}

/** The task an event is about; for a dashboard, the newest activity it shows. */
function subjectOf(field: LiveField, value: any): string | undefined {
  if (field === 'activityRecorded') return value.subjectId;
  if (field === 'taskChanged') return value.id;
  return value.recentActivity?.[0]?.subjectId;
}

/** `received`: each subscriber's frames of its subscription to `field`. */
export function tally(field: LiveField, received: Received[][], taskIds: string[]): Tally {
  const order = new Map(taskIds.map((id, index) => [id, index]));
  const lastAt: number[] = taskIds.map(() => -Infinity);
  let delivered = 0;
  let errors = 0;
  for (const frames of received) {
    const firstAt: number[] = taskIds.map(() => Infinity);
    for (const { at, text } of frames) {
      const payload = JSON.parse(text).payload as { data?: Record<string, any> | null; errors?: unknown[] };
      if (payload.errors?.length || !payload.data) {
        errors++;
        continue;
      }
      const subject = subjectOf(field, payload.data[field]);
      const index = subject === undefined ? undefined : order.get(subject);
      if (index === undefined) continue;
      // A coalesced dashboard carries every change up to its newest one.
      for (let k = 0; k <= (field === 'dashboardUpdated' ? index : -1); k++) firstAt[k] = Math.min(firstAt[k]!, at);
      firstAt[index] = Math.min(firstAt[index]!, at);
    }
    firstAt.forEach((at, k) => {
      if (at === Infinity) return;
      delivered++;
      lastAt[k] = Math.max(lastAt[k]!, at);
    });
  }
  return { lastAt, delivered, errors };
}

export function mergeTallies(tallies: Tally[]): Tally {
  return {
    lastAt: tallies[0]!.lastAt.map((_, k) => Math.max(...tallies.map((t) => t.lastAt[k]!))),
    delivered: tallies.reduce((sum, t) => sum + t.delivered, 0),
    errors: tallies.reduce((sum, t) => sum + t.errors, 0),
  };
}
