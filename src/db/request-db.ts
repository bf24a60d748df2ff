/**
 * The database as one GraphQL request sees it: bound to the viewer's tenant (TenantDb), with
 *  - reads sharing ONE transaction for the whole request, opened on first use (on the replica
 *    when there is one): one BEGIN + set_config for every loader batch of the request, instead
 *    of one per batch, and a consistent snapshot of the tenant's settings;
 *  - writes in their own short transaction on the writer, so a mutation and its ActivityEvent
 *    commit together or not at all. After a write, later reads of the request go to the writer
 *    (read-your-writes) even when a replica lags.
 * `finish()` ends the shared read transaction; the server calls it when the response is sent.
 */
import type { TenantDb, TenantTx } from './tenant-db.js';

export interface RequestDb {
  readonly tenantId: string;
  read<T>(work: (tx: TenantTx) => Promise<T>): Promise<T>;
  write<T>(work: (tx: TenantTx) => Promise<T>): Promise<T>;
  finish(): Promise<void>;
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

export function createRequestDb(tenantDb: TenantDb): RequestDb {
  let session: ReadSession | undefined;
  let wrote = false;
  const sessions: ReadSession[] = [];

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
      const result = await tenantDb.transaction(work);
      if (!wrote) {
        wrote = true;
        // A replica may not have the write yet: the next read opens a session on the writer.
        if (tenantDb.readsFromReplica) session = undefined;
      }
      return result;
    },
    async finish() {
      session = undefined;
      const open = sessions.splice(0);
      for (const s of open) s.end();
      await Promise.all(open.map((s) => s.done));
    },
  };
}
