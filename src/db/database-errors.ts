/**
 * Turns driver and Prisma failures into the application's coded errors where the cause is
 * known: an unreachable, restarting, hung or overloaded database, or an exhausted pool, becomes
 * SERVICE_UNAVAILABLE (503 + Retry-After) with a message that says which (the client may retry);
 * a unique violation becomes CONFLICT; input the database cannot take (a NUL, too many parameters)
 * becomes BAD_USER_INPUT. Anything else is returned unchanged, to be logged and masked by the
 * server. Plain-SQL reads and Prisma writes both come through here (db/tenant-db.ts).
 *
 * Causes are recognised by SQLSTATE where PostgreSQL gives one (the driver adapters nest it:
 * `describe` walks the causes), by the driver's own messages otherwise.
 */
import { AppError, BadUserInputError, ConflictError, ServiceUnavailableError } from '../errors.js';
import type { Database } from './database.js';

/**
 * Connection lost or refused, or the server going away: class 08 (connection exception), 57P01–03
 * (admin shutdown, crash shutdown, cannot connect now: a restart or failover), 53300 (too many
 * connections), and the messages of `pg`, Prisma (P1001 unreachable, P1017 closed connection) and
 * the OS for the same events.
 */
const CONNECTION_LOST =
  /\b08(000|001|003|004|006|P01)\b|\b57P0[123]\b|\b53300\b|\bP10(01|02|17)\b|ECONNREFUSED|ENOTFOUND|EHOSTUNREACH|ECONNRESET|EPIPE|Connection terminated|connect ETIMEDOUT|timeout expired|terminating connection|Server has closed the connection|connection error and is not queryable|Client was closed and is not queryable|the database system is (starting up|shutting down|in recovery mode)|DatabaseNotReachable|ConnectionClosed|TooManyConnections/i;
/** The database did not answer a statement in time: our client-side timeout, or the server's statement_timeout (57014). */
const NO_ANSWER = /Query read timeout|\b57014\b|canceling statement due to statement timeout|SocketTimeout|idle-in-transaction timeout|\b25P03\b/i;
/** Prisma gave up on a transaction whose time ran out (P2028), usually because the database was slow. */
const TRANSACTION_EXPIRED = /\bP2028\b|Transaction already closed|expired transaction/i;
/**
 * Input PostgreSQL cannot take, whatever got past the checks at the door (src/server/input-values.ts):
 * 22021 invalid byte sequence (a NUL in text), 22P05 untranslatable character (a NUL in jsonb),
 * and too many bind parameters for one statement (Prisma P2029 "query parameter limit", or the
 * protocol's 65,535 from `pg`: "bind message supplies N parameters", which PostgreSQL reports as
 * 08P01 — hence checked before the connection errors). The client's fault: 400.
 */
const UNUSABLE_INPUT = /\b22021\b|\b22P05\b|\bP2029\b|invalid byte sequence for encoding|unsupported Unicode escape sequence|query parameter limit|bind message (has|supplies) \d+ parameter|too many bind variables/i;
const POOL_TIMEOUT = /timeout exceeded when trying to connect|Unable to start a transaction in the given time|Transaction API error: .*(timeout|timed out)/i;

export function translateDatabaseError(error: unknown, database: Pick<Database, 'poolStats' | 'transactionOptions'>): unknown {
  if (error instanceof AppError) return error;
  const text = describe(error);
  const originalError = asError(error);
  if (UNUSABLE_INPUT.test(text)) {
    return new BadUserInputError('The input cannot be used: it holds a character PostgreSQL cannot take (such as U+0000) or too many values for one statement');
  }
  if (POOL_TIMEOUT.test(text)) {
    const writer = database.poolStats()[0];
    // A pool timeout with free slots means the server never answered; with none, we ran out.
    if (writer && writer.total >= writer.max) {
      return new ServiceUnavailableError(
        `Database busy: all ${writer.max} pooled connections stayed in use for ${database.transactionOptions.maxWait} ms; try again shortly`,
        { originalError },
      );
    }
    return unavailable(`Database unreachable: no connection within ${database.transactionOptions.maxWait} ms`, originalError);
  }
  if (NO_ANSWER.test(text)) return unavailable('Database did not answer in time; try again shortly', originalError);
  if (CONNECTION_LOST.test(text)) return unavailable('Database unreachable: the connection was refused or lost', originalError);
  if (TRANSACTION_EXPIRED.test(text)) return unavailable('Database too slow: the transaction ran out of time; try again shortly', originalError);
  if (codeOf(error) === 'P2002') {
    const target = (error as { meta?: { target?: unknown } }).meta?.target;
    const fields = Array.isArray(target) ? target.join(', ') : typeof target === 'string' ? target : 'these values';
    return new ConflictError(`A record with the same ${fields} already exists`);
  }
  return error;
}

/** True for the errors above that say the database itself is unavailable (not busy, not a bad request). */
export function isDatabaseUnavailable(error: unknown): boolean {
  return error instanceof ServiceUnavailableError && saidUnavailable.has(error);
}

/** The errors above that mean the database itself is gone or silent (a full pool is not). */
const saidUnavailable = new WeakSet<ServiceUnavailableError>();

function unavailable(message: string, originalError: Error | undefined): ServiceUnavailableError {
  const error = new ServiceUnavailableError(message, { originalError });
  saidUnavailable.add(error);
  return error;
}

function codeOf(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : undefined;
}

/** Message plus the causes' messages and codes: driver adapters nest the real reason. */
function describe(error: unknown, depth = 0): string {
  if (depth > 4 || error === null || typeof error !== 'object') return String(error);
  const e = error as { message?: unknown; code?: unknown; cause?: unknown; meta?: unknown; originalCode?: unknown; kind?: unknown };
  return [e.message, e.code, e.originalCode, e.kind, e.meta ? JSON.stringify(e.meta) : '', e.cause ? describe(e.cause, depth + 1) : '']
    .filter(Boolean)
    .join(' | ');
}

function asError(error: unknown): Error | undefined {
  return error instanceof Error ? error : undefined;
}
