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

export interface OutageLogOptions {
  /**
   * "Back" only once the dependency has answered for this long without failing again (default 0:
   * at the first answer). A restart or a failover fails connections one after another for a
   * moment — each pooled connection finds out on its own — and is one outage, not many.
   */
  settleMs?: number;
}

/** `consequence` says what the server does meanwhile, e.g. "requests are allowed without counting". */
export function createOutageLog(
  logger: Pick<Logger, 'warn' | 'info'>,
  dependency: string,
  subsystem: string,
  consequence: string,
  { settleMs = 0 }: OutageLogOptions = {},
): OutageLog {
  let downSince: number | undefined;
  /** Since when it has answered without failing, while still counted as down. */
  let answeringSince: number | undefined;
  return {
    down(err) {
      answeringSince = undefined;
      if (downSince !== undefined) return;
      downSince = Date.now();
      logger.warn({ err, dependency, subsystem }, `${subsystem}: ${dependency} unavailable; ${consequence}`);
    },
    up() {
      if (downSince === undefined) return;
      const now = Date.now();
      answeringSince ??= now;
      if (now - answeringSince < settleMs) return;
      logger.info({ dependency, subsystem, downMs: answeringSince - downSince }, `${subsystem}: ${dependency} is back`);
      downSince = undefined;
      answeringSince = undefined;
    },
    get isDown() {
      return downSince !== undefined;
    },
  };
}
