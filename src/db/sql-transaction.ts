/**
 * A database transaction driven with plain SQL, for the read side of requests: on PostgreSQL a
 * connection of the same `pg` pool Prisma uses (BEGIN … COMMIT on it), on the embedded PGlite a
 * `transaction()` of its own, serialized with Prisma's by PGlite's lock.
 *
 * Why not Prisma here: a request's reads are a handful of small statements, and Prisma's client
 * (query compiler, result shaping, its interactive-transaction machinery) cost about three times
 * the CPU of the same statements sent by `pg` (measured: 6.9 vs 1.9 ms for a page of tasks with
 * its projects and assignees). Writes stay on Prisma, where its checks earn their keep.
 *
 * Statements are Prisma.Sql values (tagged templates with $n parameters): never string
 * concatenation of input. With DB_PREPARED_STATEMENTS each distinct text becomes a named prepared
 * statement on each connection (PostgreSQL parses and plans it once); off by default because a
 * named statement pins the connection to its client behind RDS Proxy.
 */
import { createHash } from 'node:crypto';
import type { PGlite, Transaction as PGliteTransaction } from '@electric-sql/pglite';
import pg from 'pg';
import type { Prisma } from '../generated/prisma/client.js';

export interface SqlTransaction {
  /** Runs one statement and returns its rows as PostgreSQL named the columns. */
  query<T = Record<string, unknown>>(statement: Prisma.Sql): Promise<T[]>;
  /**
   * Commits and gives the connection back; never rejects, and never waits more than
   * COMMIT_TIMEOUT_MS (a read-only COMMIT is instant on a server that answers). `broken` (a
   * statement failed, so the transaction is aborted) discards the connection instead.
   */
  end(broken?: boolean): Promise<void>;
}

/**
 * The COMMIT of a read transaction runs while its response waits: on a database that stopped
 * answering it is given up on after this long and the connection discarded (nothing was written).
 */
export const COMMIT_TIMEOUT_MS = 1_000;

/** What a statement looked like and how long it took, for tracing and statement-counting tests. */
export interface StatementEvent {
  query: string;
  /** When it was sent (epoch ms). */
  startedAt: number;
  durationMs: number;
}
export type StatementListener = (event: StatementEvent) => void;

const DATE_OID = 1082;
/** A DATE is a calendar day: midnight UTC, as Prisma gives it (pg would use the process time zone). */
const parseDate = (value: string) => new Date(`${value}T00:00:00.000Z`);
const pgTypes = {
  getTypeParser: (oid: number, format?: 'text' | 'binary') => (oid === DATE_OID ? parseDate : pg.types.getTypeParser(oid, format as 'text')),
};

/** Names of prepared statements by text (bounded: past it, statements run unnamed). */
const MAX_NAMED_STATEMENTS = 2_000;

export interface PgTransactionOptions {
  preparedStatements: boolean;
  /** The statement listener, if anyone listens right now. */
  listener: () => StatementListener | undefined;
}

export function pgTransactionOpener(pool: pg.Pool, options: PgTransactionOptions) {
  const names = new Map<string, string>();
  const nameOf = (text: string) => {
    let name = names.get(text);
    if (!name && names.size < MAX_NAMED_STATEMENTS) names.set(text, (name = `dandori_${createHash('sha1').update(text).digest('hex').slice(0, 16)}`));
    return name;
  };

  return async function open(preamble: Prisma.Sql): Promise<SqlTransaction> {
    // A connection lost while checked out cannot crash the process: every pool client has an
    // 'error' listener of its own (database.ts). The statement waiting on it fails, and is translated.
    const client = await pool.connect();
    const release = (error?: Error) => client.release(error);
    // One statement at a time on a connection: loaders of a request ask concurrently.
    let previous: Promise<unknown> = Promise.resolve();
    const send = async <T>(statement: Prisma.Sql, named: boolean, timeoutMs?: number): Promise<T[]> => {
      const started = performance.now();
      const config: pg.QueryConfig & { query_timeout?: number } = { text: statement.text, values: statement.values as unknown[], types: pgTypes };
      if (named && options.preparedStatements) config.name = nameOf(statement.text);
      if (timeoutMs !== undefined) config.query_timeout = timeoutMs; // else the pool's (DB_STATEMENT_TIMEOUT_MS + grace)
      const result = await client.query(config);
      options.listener()?.({ query: statement.text, startedAt: performance.timeOrigin + started, durationMs: performance.now() - started });
      return result.rows as T[];
    };
    const run = <T>(statement: Prisma.Sql, named: boolean, timeoutMs?: number): Promise<T[]> => {
      const next = previous.then(() => send<T>(statement, named, timeoutMs));
      previous = next.catch(() => {});
      return next;
    };
    try {
      await client.query('BEGIN');
      await run(preamble, false);
    } catch (error) {
      release(error as Error);
      throw error;
    }
    let ended = false;
    return {
      query: (statement) => run(statement, true),
      async end(broken = false) {
        if (ended) return;
        ended = true;
        if (broken) return release(new Error('transaction aborted by a failed statement')); // not reused
        try {
          await run({ text: 'COMMIT', values: [] } as unknown as Prisma.Sql, false, COMMIT_TIMEOUT_MS);
          release();
        } catch (error) {
          release(error as Error); // a connection that failed to commit is not reused
        }
      },
    };
  };
}

/**
 * PGlite has one session: its `transaction()` takes an exclusive lock until the callback
 * returns, so the transaction is held open by a promise that `end()` resolves.
 */
export function pgliteTransactionOpener(pglite: PGlite, listener: () => StatementListener | undefined) {
  return function open(preamble: Prisma.Sql): Promise<SqlTransaction> {
    return new Promise((resolve, reject) => {
      let release!: () => void;
      const released = new Promise<void>((r) => (release = r));
      const done = pglite
        .transaction(async (tx: PGliteTransaction) => {
          const run = async <T>(statement: Prisma.Sql): Promise<T[]> => {
            const started = performance.now();
            const result = await tx.query<T>(statement.text, statement.values as unknown[]);
            listener()?.({ query: statement.text, startedAt: performance.timeOrigin + started, durationMs: performance.now() - started });
            return result.rows;
          };
          await run(preamble);
          resolve({
            query: run,
            async end() {
              release();
              await done.catch(() => {});
              listener()?.({ query: 'COMMIT', startedAt: Date.now(), durationMs: 0 });
            },
          });
          await released;
        })
        .catch((error: unknown) => reject(error)); // after it opened, `end()` has nothing left to report
    });
  };
}
