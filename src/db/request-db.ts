/**
 * The database as one GraphQL request sees it: bound to the viewer's tenant (TenantDb), with
 *  - reads sharing ONE transaction for the whole request, opened on first use (on the replica
 *    when there is one): one BEGIN + set_config for every loader batch of the request, instead
 *    of one per batch, and a consistent snapshot of the tenant's settings;
 *  - writes in their own short transaction on the writer, so a mutation and its ActivityEvent
 *    commit together or not at all. After a write, later reads of the request go to the writer
 *    (read-your-writes) even when a replica lags.
 * `finish()` ends the shared read transaction; the server calls it when the response is sent.
 * Live events (pub/sub) queued during a write with `publishAfterCommit` go out only once that
 * write's transaction has committed: a subscriber never hears of a change that rolled back, and
 * never loads an object that is not visible yet.
 */
import type { QueuedEvent } from '../pubsub/topics.js';
import type { TenantDb, TenantTx } from './tenant-db.js';

export interface RequestDb {
  readonly tenantId: string;
  read<T>(work: (tx: TenantTx) => Promise<T>): Promise<T>;
  write<T>(work: (tx: TenantTx) => Promise<T>): Promise<T>;
  /**
   * Queues `event` for this db's tenant, to be published after the write whose transaction `tx`
   * is commits; dropped if it rolls back. Throws when `tx` is not a running `write()` of this db.
   */
  publishAfterCommit(tx: TenantTx, event: QueuedEvent): void;
  finish(): Promise<void>;
}

export interface RequestDbOptions {
  /** Delivers committed events (fire and forget: the write has committed whatever happens). */
  publish?: (tenantId: string, event: QueuedEvent) => void;
  /**
   * Awaited once a write that queued events has committed, BEFORE they are published and before
   * `write()` returns: the cache invalidation (src/cache/invalidation.ts). Must not reject.
   */
  beforePublish?: (tenantId: string, events: QueuedEvent[]) => Promise<void>;
}

interface ReadSession {
  tx: Promise<TenantTx>;
  /** Lets the transaction callback return, which commits it. */
  end(): void;
  /** Settles when the transaction has committed (or failed). */
  done: Promise<void>;
}

function openReadSession(run: TenantDb['read']): ReadSession {
  let end!: () => void;
  const ended = new Promise<void>((resolve) => (end = resolve));
  let resolveTx!: (tx: TenantTx) => void;
  let rejectTx!: (error: unknown) => void;
  const tx = new Promise<TenantTx>((resolve, reject) => {
    resolveTx = resolve;
    rejectTx = reject;
  });
  const done = run(async (opened) => {
    resolveTx(opened);
    await ended;
  }).then(
    () => {},
    (error: unknown) => rejectTx(error), // no-op if the transaction had opened
  );
  return { tx, end, done };
}

export function createRequestDb(tenantDb: TenantDb, options: RequestDbOptions = {}): RequestDb {
  let session: ReadSession | undefined;
  let wrote = false;
  const sessions: ReadSession[] = [];
  // Keyed by the transaction, not held in one list, so concurrent writes never share a queue.
  const queues = new WeakMap<TenantTx, QueuedEvent[]>();

  const currentSession = (): ReadSession => {
    if (!session) {
      session = openReadSession(wrote ? tenantDb.transaction : tenantDb.read);
      sessions.push(session);
    }
    return session;
  };

  return {
    tenantId: tenantDb.tenantId,
    async read(work) {
      return work(await currentSession().tx);
    },
    async write(work) {
      const queued: QueuedEvent[] = [];
      const result = await tenantDb.transaction((tx) => {
        queues.set(tx, queued);
        return work(tx);
      });
      if (!wrote) {
        wrote = true;
        // A replica may not have the write yet: the next read opens a session on the writer.
        if (tenantDb.readsFromReplica) session = undefined;
      }
      // Only reached when the transaction committed; a throw above drops the queue with it.
      if (queued.length && options.beforePublish) await options.beforePublish(tenantDb.tenantId, queued);
      for (const event of queued) options.publish?.(tenantDb.tenantId, event);
      return result;
    },
    publishAfterCommit(tx, event) {
      const queue = queues.get(tx);
      if (!queue) throw new Error(`publishAfterCommit(${event.name}): tx is not the transaction of a running write() of this request`);
      queue.push(event);
    },
    async finish() {
      session = undefined;
      const open = sessions.splice(0);
      for (const s of open) s.end();
      await Promise.all(open.map((s) => s.done));
    },
  };
}
