/**
 * The only door to tenant data. A TenantDb is bound to one tenant when it is created (from the
 * verified token, in the request context); every query it runs happens inside a transaction that
 * first switches to the application role and sets the tenant, both transaction-local:
 *
 *   SELECT set_config('role', 'dandori_app', true), set_config('app.current_tenant', $1, true),
 *          set_config('statement_timeout', $2, true), set_config('idle_in_transaction_session_timeout', $3, true)
 *
 * so a pooled connection never carries one tenant's setting into another's transaction, and
 * PostgreSQL's forced RLS policies filter every row by tenant_id even if a query forgets to.
 * The same statement bounds the transaction: `statement_timeout` (DB_STATEMENT_TIMEOUT_MS) and
 * `idle_in_transaction_session_timeout` (DB_TRANSACTION_TIMEOUT_MS: a transaction left open by
 * mistake is ended by the server). (set_config inside a SELECT, not SET, so RDS Proxy keeps
 * multiplexing the connection.)
 *
 * Errors come out translated (database-errors.ts): a lost, refused or silent database is a
 * retryable SERVICE_UNAVAILABLE, and `database.outage` hears of it (one log line per change).
 */
import { Prisma } from '../generated/prisma/client.js';
import { assertUuid } from '../uuid.js';
import type { Database } from './database.js';
import { isDatabaseUnavailable, translateDatabaseError } from './database-errors.js';
import type { SqlTransaction } from './sql-transaction.js';
import { positionOf } from './replica-position.js';

/** The name is fixed by the RLS migration (prisma/migrations/*_row_level_security). */
export const APP_ROLE = 'dandori_app';

export type TenantTx = Prisma.TransactionClient;

export interface TenantDb {
  readonly tenantId: string;
  /** True when `read` goes to a replica (which may lag behind the writer). */
  readonly readsFromReplica: boolean;
  /** Runs `work` in one transaction on the writer, as the app role, scoped to this tenant. */
  transaction<T>(work: (tx: TenantTx) => Promise<T>): Promise<T>;
  /** Same, on the read replica when one is configured; use for reads that may lag by a moment. */
  read<T>(work: (tx: TenantTx) => Promise<T>): Promise<T>;
  /**
   * `read`, but seeing every write committed at or before log position `position`: on the
   * replica when it has applied that far (asked in the same transaction), else on the writer.
   */
  readSince<T>(position: number, work: (tx: TenantTx) => Promise<T>): Promise<T>;
  /** How far the replica behind `tx` (a reader's transaction) has applied the writer's log; 0 without a replica. */
  replicaPosition(tx: SqlTransaction): Promise<number>;
  /** The writer's log position now (after a commit: at or past it); 0 without a replica (replica-position.ts). */
  writerPosition(): Promise<number>;
  /**
   * Opens a plain-SQL read transaction (db/sql-transaction.ts) as the app role, scoped to this
   * tenant — on the replica when there is one, unless `onWriter` — for the request's reads.
   */
  openSqlRead(onWriter: boolean): Promise<SqlTransaction>;
  /** True on the embedded PGlite: one session for everybody, so nothing may hold it long. */
  readonly singleSession: boolean;
}

export function createTenantDb(database: Database, tenantId: string): TenantDb {
  assertUuid(tenantId, 'tenantId');
  const run = <T>(client: Database['writer'], work: (tx: TenantTx) => Promise<T>) =>
    runScoped(database, client, tenantId, work);
  const preamble = tenantPreamble(database, tenantId);
  return Object.freeze({
    tenantId,
    readsFromReplica: database.reader !== database.writer,
    singleSession: database.kind === 'pglite',
    transaction: <T>(work: (tx: TenantTx) => Promise<T>) => run(database.writer, work),
    read: <T>(work: (tx: TenantTx) => Promise<T>) => run(database.reader, work),
    readSince: async <T>(position: number, work: (tx: TenantTx) => Promise<T>): Promise<T> => {
      const statement = database.replicaPosition;
      if (!statement || position <= 0) return run(database.reader, work);
      const onReplica = await run(database.reader, async (tx) =>
        positionOf(await tx.$queryRaw<{ position: string }[]>(statement)) >= position ? { value: await work(tx) } : undefined,
      );
      return onReplica ? onReplica.value : run(database.writer, work);
    },
    replicaPosition: async (tx: SqlTransaction) =>
      database.replicaPosition ? positionOf(await tx.query<{ position: string }>(database.replicaPosition)) : 0,
    writerPosition: () => database.writerPosition(),
    openSqlRead: async (onWriter: boolean) => {
      const opened = await database.openSqlTransaction(onWriter ? 'writer' : 'reader', preamble).catch((error: unknown) => {
        throw unavailableOr(database, error);
      });
      database.outage.up();
      return translatingErrors(database, opened);
    },
  });
}

/** The transaction's statements reject with translated errors; ending it never rejects anyway. */
function translatingErrors(database: Database, tx: SqlTransaction): SqlTransaction {
  return {
    query: <T>(statement: Prisma.Sql) => tx.query<T>(statement).catch((error: unknown) => {
      throw unavailableOr(database, error);
    }),
    end: (broken) => tx.end(broken),
  };
}

/** The error translated; an unavailable database is reported to `database.outage` on the way. */
function unavailableOr(database: Database, error: unknown): unknown {
  const translated = translateDatabaseError(error, database);
  if (isDatabaseUnavailable(translated)) database.outage.down(error);
  return translated;
}

/**
 * The first statement of every tenant transaction: the app role, the tenant and the time limits,
 * all transaction-local.
 */
function tenantPreamble(database: Pick<Database, 'statementTimeoutMs' | 'transactionOptions'>, tenantId: string): Prisma.Sql {
  return Prisma.sql`SELECT set_config('role', ${APP_ROLE}, true), set_config('app.current_tenant', ${tenantId}, true), set_config('statement_timeout', ${String(database.statementTimeoutMs)}, true), set_config('idle_in_transaction_session_timeout', ${String(database.transactionOptions.timeout)}, true)`;
}

/**
 * Runs `work` as the app role with no tenant at all: RLS shows no tenant rows, and the only
 * useful thing to do is call the SECURITY DEFINER helpers (such as tenant_id_for_slug).
 */
export function runWithoutTenant<T>(database: Database, work: (tx: TenantTx) => Promise<T>): Promise<T> {
  return runScoped(database, database.writer, '', work);
}

async function runScoped<T>(
  database: Database,
  client: Database['writer'],
  tenantId: string,
  work: (tx: TenantTx) => Promise<T>,
): Promise<T> {
  try {
    const result = await client.$transaction(async (tx) => {
      await tx.$executeRaw(tenantPreamble(database, tenantId));
      return work(tx);
    }, database.transactionOptions);
    database.outage.up();
    return result;
  } catch (error) {
    throw unavailableOr(database, error);
  }
}
