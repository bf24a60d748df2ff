/**
 * Turns driver and Prisma failures into the application's coded errors where the cause is
 * known: an unreachable database or an exhausted pool becomes SERVICE_UNAVAILABLE with a message
 * that says which (the client may retry); a unique violation becomes CONFLICT; input the database
 * cannot take (a NUL, too many parameters) becomes BAD_USER_INPUT. Anything else is
 * returned unchanged, to be logged and masked by the server.
 */
import { AppError, BadUserInputError, ConflictError, ServiceUnavailableError } from '../errors.js';
import type { Database } from './database.js';

const CONNECT_FAILURE = /ECONNREFUSED|ENOTFOUND|EHOSTUNREACH|ECONNRESET|Connection terminated|connect ETIMEDOUT|timeout expired|terminating connection|the database system is (starting up|shutting down)|DatabaseNotReachable/i;
/**
 * Input PostgreSQL cannot take, whatever got past the checks at the door (src/server/input-values.ts):
 * 22021 invalid byte sequence (a NUL in text), 22P05 untranslatable character (a NUL in jsonb),
 * and too many bind parameters for one statement (Prisma P2029 "query parameter limit", or the
 * protocol's 65,535 from `pg`: "bind message supplies N parameters"). The client's fault: 400.
 */
const UNUSABLE_INPUT = /\b22021\b|\b22P05\b|\bP2029\b|invalid byte sequence for encoding|unsupported Unicode escape sequence|query parameter limit|bind message (has|supplies) \d+ parameter|too many bind variables/i;
const POOL_TIMEOUT = /timeout exceeded when trying to connect|Unable to start a transaction in the given time|Transaction API error: .*(timeout|timed out)/i;

export function translateDatabaseError(error: unknown, database: Pick<Database, 'poolStats' | 'transactionOptions'>): unknown {
  if (error instanceof AppError) return error;
  const text = describe(error);
  // First: a driver's protocol complaint about parameters must not read as a lost connection.
  if (UNUSABLE_INPUT.test(text)) return unusableInput();
  if (POOL_TIMEOUT.test(text)) {
    const writer = database.poolStats()[0];
    // A pool timeout with free slots means the server never answered; with none, we ran out.
    if (writer && writer.total >= writer.max) {
      return new ServiceUnavailableError(
        `Database busy: all ${writer.max} pooled connections stayed in use for ${database.transactionOptions.maxWait} ms; try again shortly`,
        { originalError: asError(error) },
      );
    }
    return new ServiceUnavailableError(
      `Database unreachable: no connection within ${database.transactionOptions.maxWait} ms`,
      { originalError: asError(error) },
    );
  }
  if (CONNECT_FAILURE.test(text)) {
    return new ServiceUnavailableError('Database unreachable: the connection was refused or lost', {
      originalError: asError(error),
    });
  }
  if (codeOf(error) === 'P2002') {
    const target = (error as { meta?: { target?: unknown } }).meta?.target;
    const fields = Array.isArray(target) ? target.join(', ') : typeof target === 'string' ? target : 'these values';
    return new ConflictError(`A record with the same ${fields} already exists`);
  }
  return error;
}

/** Only the input class above (for plain-SQL reads, whose connection failures are handled where they open). */
export function translateInputError(error: unknown): unknown {
  return !(error instanceof AppError) && UNUSABLE_INPUT.test(describe(error)) ? unusableInput() : error;
}

function unusableInput(): BadUserInputError {
  return new BadUserInputError('The input cannot be used: it holds a character PostgreSQL cannot take (such as U+0000) or too many values for one statement');
}

function codeOf(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : undefined;
}

/** Message plus the causes' messages and codes: driver adapters nest the real reason. */
function describe(error: unknown, depth = 0): string {
  if (depth > 4 || error === null || typeof error !== 'object') return String(error);
  const e = error as { message?: unknown; code?: unknown; cause?: unknown; meta?: unknown };
  return [e.message, e.code, e.meta ? JSON.stringify(e.meta) : '', e.cause ? describe(e.cause, depth + 1) : '']
    .filter(Boolean)
    .join(' | ');
}

function asError(error: unknown): Error | undefined {
  return error instanceof Error ? error : undefined;
}
