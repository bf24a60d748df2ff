/**
 * Structured JSON logs (pino), one logger per process. Secrets never reach a log line: the
 * paths below are redacted wherever they appear in a logged object.
 */
import { pino, type Logger } from 'pino';
import type { Config } from '../config.js';

export type { Logger };

export const redactedPaths = [
  'password', '*.password', '*.*.password',
  'accessToken', '*.accessToken', 'refreshToken', '*.refreshToken', '*.*.refreshToken',
  'authorization', '*.authorization', 'headers.authorization', 'req.headers.authorization',
  'variables.password', 'variables.refreshToken', 'variables.input.password',
  'passwordHash', '*.passwordHash', 'JWT_SECRET', '*.JWT_SECRET',
  // Anything else that carries a credential, should it ever be logged as part of an object.
  '*.*.accessToken', 'token', '*.token', 'secret', '*.secret',
  'cookie', '*.cookie', 'headers.cookie', 'req.headers.cookie', 'variables.token', 'variables.input.refreshToken',
];

export function createLogger(config: Pick<Config, 'LOG_LEVEL'>, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level: config.LOG_LEVEL,
      base: { service: 'dandori-portal-api' },
      redact: { paths: redactedPaths, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}
