/**
 * One log line when a dependency stops answering (with the cause) and one when it answers again
 * (with how long it was gone) — never one per request, so an outage does not flood the logs.
 * Each subsystem that can degrade (sessions, rate limits, cache) keeps its own.
 */
import type { Logger } from './logger.js';

export interface OutageLog {
  /** The dependency failed; logs only on the change from up to down. */
  down(err: unknown): void;
  /** The dependency answered; logs only on the change from down to up. */
  up(): void;
  readonly isDown: boolean;
}

/** `consequence` says what the server does meanwhile, e.g. "requests are allowed without counting". */
export function createOutageLog(logger: Pick<Logger, 'warn' | 'info'>, dependency: string, subsystem: string, consequence: string): OutageLog {
  let downSince: number | undefined;
  return {
    down(err) {
      if (downSince !== undefined) return;
      downSince = Date.now();
      logger.warn({ err, dependency, subsystem }, `${subsystem}: ${dependency} unavailable; ${consequence}`);
    },
    up() {
      if (downSince === undefined) return;
      logger.info({ dependency, subsystem, downMs: Date.now() - downSince }, `${subsystem}: ${dependency} is back`);
      downSince = undefined;
    },
    get isDown() {
      return downSince !== undefined;
    },
  };
}
