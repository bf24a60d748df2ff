/**
 * The process-wide last net (installed by src/main.ts once the app is up): a promise rejection
 * nobody handled, or an exception nobody caught, is logged with its cause and counted in
 * dandori_unhandled_errors_total{kind}, and the pod keeps serving — Node's default would end the
 * process, and with it every open connection of the pod, for one forgotten `.catch`.
 *
 * It is a net, not a design: every dependency call is caught where it is made, and the fault tests
 * (test/faults/redis-failover.test.ts) fail if anything reaches this handler.
 */
import type { Logger } from './logger.js';
import type { Metrics } from './metrics.js';

/** The log message of an error caught here (tests look for it). */
export const LAST_NET_MESSAGE = 'unhandled error reached the last net; the server keeps serving';

export interface ProcessEvents {
  on(event: 'unhandledRejection', listener: (reason: unknown) => void): unknown;
  on(event: 'uncaughtException', listener: (error: Error) => void): unknown;
  off(event: 'unhandledRejection', listener: (reason: unknown) => void): unknown;
  off(event: 'uncaughtException', listener: (error: Error) => void): unknown;
}

/** Installs the handlers on `target` (the process); returns a function that removes them. */
export function installLastNet(target: ProcessEvents, logger: Pick<Logger, 'error'>, metrics: Pick<Metrics, 'unhandledError'>): () => void {
  const onRejection = (reason: unknown) => {
    metrics.unhandledError('rejection');
    logger.error({ err: reason, kind: 'rejection' }, LAST_NET_MESSAGE);
  };
  const onException = (error: Error) => {
    metrics.unhandledError('exception');
    logger.error({ err: error, kind: 'exception' }, LAST_NET_MESSAGE);
  };
  target.on('unhandledRejection', onRejection);
  target.on('uncaughtException', onException);
  return () => {
    target.off('unhandledRejection', onRejection);
    target.off('uncaughtException', onException);
  };
}
