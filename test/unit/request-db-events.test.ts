/**
 * RequestDb publishes the live events queued during a write only after that write's transaction
 * committed, and never those of a write that rolled back. The TenantDb here is a stand-in whose
 * `transaction` behaves like Prisma's: it resolves with the callback's value (commit) or rejects
 * with its error (rollback).
 */
import { describe, expect, it } from 'vitest';
import { createRequestDb } from '../../src/db/request-db.js';
import type { TenantDb, TenantTx } from '../../src/db/tenant-db.js';
import type { QueuedEvent } from '../../src/pubsub/topics.js';

const TENANT = '11111111-1111-4111-8111-111111111111';

function fakeTenantDb(): TenantDb {
  const run = async <T>(work: (tx: TenantTx) => Promise<T>) => work({} as TenantTx); // a new tx object per transaction
  const openSqlRead = () => Promise.reject(new Error('these tests do not read'));
  return { tenantId: TENANT, readsFromReplica: false, singleSession: false, transaction: run, read: run, readSince: (_p, work) => run(work), openSqlRead, replicaPosition: async () => 0, writerPosition: async () => 0 };
}

const event = (id: string): QueuedEvent => ({
  name: 'ACTIVITY_RECORDED',
  payload: { activityEventId: id, verb: 'task.created', subjectType: 'Task', subjectId: id },
});

function recordingDb() {
  const published: { tenantId: string; event: QueuedEvent }[] = [];
  const db = createRequestDb(fakeTenantDb(), { publish: async (tenantId, events) => void published.push(...events.map((event) => ({ tenantId, event }))) });
  return { db, published };
}

describe('RequestDb live events', () => {
  it('publishes an event queued in a write once the write has committed, not before', async () => {
    const { db, published } = recordingDb();
    const result = await db.write(async (tx) => {
      db.publishAfterCommit(tx, event('a'));
      await Promise.resolve();
      expect(published).toEqual([]); // still inside the transaction
      return 'ok';
    });
    expect(result).toBe('ok');
    expect(published).toEqual([{ tenantId: TENANT, event: event('a') }]);
  });

  it('never publishes an event queued in a write that throws', async () => {
    const { db, published } = recordingDb();
    await expect(
      db.write(async (tx) => {
        db.publishAfterCommit(tx, event('rolled-back'));
        throw new Error('constraint violated');
      }),
    ).rejects.toThrow('constraint violated');
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(published).toEqual([]);
  });

  it('keeps concurrent writes apart: only the committed one publishes', async () => {
    const { db, published } = recordingDb();
    const outcomes = await Promise.allSettled([
      db.write(async (tx) => {
        db.publishAfterCommit(tx, event('fails'));
        await new Promise((resolve) => setTimeout(resolve, 5));
        throw new Error('rollback');
      }),
      db.write(async (tx) => {
        db.publishAfterCommit(tx, event('commits'));
        await new Promise((resolve) => setTimeout(resolve, 10));
      }),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'fulfilled']);
    expect(published.map((p) => p.event)).toEqual([event('commits')]);
  });

  it('refuses an event outside a running write of the same RequestDb', async () => {
    const { db } = recordingDb();
    const other = createRequestDb(fakeTenantDb());
    expect(() => db.publishAfterCommit({} as TenantTx, event('x'))).toThrow(/not the transaction of a running write/);
    await other.write(async (tx) => {
      expect(() => db.publishAfterCommit(tx, event('x'))).toThrow(/not the transaction of a running write/);
    });
  });
});
