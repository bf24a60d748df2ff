/**
 * The database as one GraphQL request sees it: bound to the viewer's tenant (TenantDb), with
 *  - reads as plain SQL statements (`query`) sharing ONE transaction for the whole request,
 *    opened on first use (on the replica when there is one): one BEGIN + set_config for every
 *    loader batch of the request, and one consistent snapshot;
 *  - writes in their own short Prisma transaction on the writer, so a mutation and its
 *    ActivityEvent commit together or not at all. After a write, later reads of the request go
 *    to the writer (read-your-writes) even when a replica lags.
 * `finish()` ends the shared read transaction; the request's opener calls it (context/scope.ts).
 *
 * On the embedded PGlite there is one database session for everybody: a read transaction held
 * for the length of a request would block every other request — and this request's own write
 * would wait on it until the transaction timeout. There, each read statement runs in a short
 * transaction of its own.
 *
 * Live events (pub/sub) queued during a write with `publishAfterCommit` go out only once that
 * write's transaction has committed: a subscriber never hears of a change that rolled back, and
 * never loads an object that is not visible yet.
 */
import type { Prisma } from '../generated/prisma/client.js';
import type { QueuedEvent } from '../pubsub/topics.js';
import { camelCaseRow } from './rows.js';
import type { SqlTransaction } from './sql-transaction.js';
import type { TenantDb, TenantTx } from './tenant-db.js';

export interface RequestDb {
  readonly tenantId: string;
  /** One read statement in the request's tenant transaction; rows with camelCase keys. */
  query<T>(statement: Prisma.Sql): Promise<T[]>;
  write<T>(work: (tx: TenantTx) => Promise<T>): Promise<T>;
  /**
   * Queues `event` for this db's tenant, to be published after the write whose transaction `tx`
   * is commits; dropped if it rolls back. Throws when `tx` is not a running `write()` of this db.
   */
  publishAfterCommit(tx: TenantTx, event: QueuedEvent): void;
  /**
   * DataLoader's `batchScheduleFn`: runs `dispatch` once no read of this request is in flight.
   * The request's reads go one after another on one connection, so a load asked for while
   * others run would wait for them anyway; waiting here lets loads asked for in the meantime
   * (the assignees of one list and the actors of another) join one batch — one statement.
   */
  afterPendingReads(dispatch: () => void): void;
  /**
   * Later reads of this request must see every write committed at or before log position
   * `position` (a cache fill under a generation made at that position, docs/caching.md): when
   * the request reads from a replica that has not applied that far (asked once in its read
   * transaction), its reads move to the writer. Free without a replica, after a write, or for 0.
   */
  requirePosition(position: number): Promise<void>;
  finish(): Promise<void>;
}

export interface RequestDbOptions {
  /**
   * Delivers a write's committed events; must not reject (the write has committed whatever
   * happens). Awaited before `write()` returns, so a client that has the mutation's answer knows
   * every pod has been sent its invalidation (the caller bounds the wait: a frozen Redis must not
   * hold the answer).
   */
  publish?: (tenantId: string, events: QueuedEvent[]) => Promise<void>;
  /**
   * Awaited once a write that queued events has committed, BEFORE they are published and before
   * `write()` returns: the cache invalidation (src/cache/invalidation.ts). Must not reject.
   */
  beforePublish?: (tenantId: string, events: QueuedEvent[], position: number) => Promise<void>;
}

export function createRequestDb(tenantDb: TenantDb, options: RequestDbOptions = {}): RequestDb {
  let session: Promise<SqlTransaction> | undefined;
  /** Reads go to the writer: this request wrote, or a replica was behind what it must see. */
  let onWriter = false;
  /** How far the current read session's replica is known to have applied the writer's log. */
  let sessionPosition = 0;
  /** Every read transaction this request opened, ended by `finish()`. */
  const opened: Promise<SqlTransaction>[] = [];
  // Keyed by the transaction, not held in one list, so concurrent writes never share a queue.
  const queues = new WeakMap<TenantTx, QueuedEvent[]>();
  let inFlight = 0;
  let waiting: (() => void)[] = [];
  const dispatchWaiting = () => {
    if (inFlight > 0 || waiting.length === 0) return;
    const ready = waiting;
    waiting = [];
    for (const dispatch of ready) dispatch();
  };
  /** Counts a read while it runs; the last one to finish lets waiting batches go. */
  const counted = async <T>(read: Promise<T>): Promise<T> => {
    inFlight++;
    try {
      return await read;
    } finally {
      if (--inFlight === 0) setImmediate(dispatchWaiting);
    }
  };

  const readSession = (): Promise<SqlTransaction> => {
    if (!session) {
      session = tenantDb.openSqlRead(onWriter);
      sessionPosition = onWriter ? Number.POSITIVE_INFINITY : 0;
      opened.push(session);
      session.catch(() => (session = undefined)); // the next read tries again
    }
    return session;
  };

  async function queryShared<T>(statement: Prisma.Sql): Promise<T[]> {
    const current = readSession();
    const tx = await current;
    try {
      return (await tx.query<Record<string, unknown>>(statement)).map(camelCaseRow) as T[];
    } catch (error) {
      // A failed statement aborts the transaction: later reads get a fresh one.
      if (session === current) session = undefined;
      await tx.end(true);
      throw error;
    }
  }

  async function queryAlone<T>(statement: Prisma.Sql): Promise<T[]> {
    const tx = await tenantDb.openSqlRead(true);
    try {
      return (await tx.query<Record<string, unknown>>(statement)).map(camelCaseRow) as T[];
    } finally {
      await tx.end();
    }
  }

  return {
    tenantId: tenantDb.tenantId,
    query: (statement) => counted(tenantDb.singleSession ? queryAlone(statement) : queryShared(statement)),
    afterPendingReads(dispatch) {
      waiting.push(dispatch);
      if (inFlight === 0 && waiting.length === 1) setImmediate(dispatchWaiting);
    },
    async write(work) {
      const queued: QueuedEvent[] = [];
      const result = await tenantDb.transaction((tx) => {
        queues.set(tx, queued);
        return work(tx);
      });
      if (!onWriter) {
        onWriter = true;
        // A replica may not have the write yet: the next read opens a session on the writer.
        if (tenantDb.readsFromReplica) session = undefined;
      }
      // Only reached when the transaction committed; a throw above drops the queue with it.
      if (queued.length && options.beforePublish) {
        // Where the log stood after the commit goes with the generations the write bumps.
        const position = tenantDb.readsFromReplica ? await tenantDb.writerPosition() : 0;
        await options.beforePublish(tenantDb.tenantId, queued, position);
      }
      if (queued.length && options.publish) await options.publish(tenantDb.tenantId, queued);
      return result;
    },
    publishAfterCommit(tx, event) {
      const queue = queues.get(tx);
      if (!queue) throw new Error(`publishAfterCommit(${event.name}): tx is not the transaction of a running write() of this request`);
      queue.push(event);
    },
    async requirePosition(position) {
      if (position <= 0 || !tenantDb.readsFromReplica || onWriter || sessionPosition >= position) return;
      const current = readSession();
      let applied = 0;
      try {
        applied = await counted(current.then((tx) => tenantDb.replicaPosition(tx)));
      } catch {
        // Unknown counts as behind; a failed statement aborted that transaction, so it is not reused.
        if (session === current) session = undefined;
        void current.then((tx) => tx.end(true), () => {});
      }
      if (session === current) sessionPosition = Math.max(sessionPosition, applied);
      if (applied >= position) return;
      // The replica has not applied the write yet: this request reads on the writer from now on.
      onWriter = true;
      if (session === current) session = undefined;
    },
    async finish() {
      session = undefined;
      const sessions = opened.splice(0);
      await Promise.all(sessions.map((s) => s.then((tx) => tx.end(), () => {})));
    },
  };
}
