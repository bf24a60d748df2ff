/**
 * Positions in the writer's log, as plain numbers (bytes of WAL; exact up to 2^53, i.e. 8 PiB of
 * WAL), so a cache generation can carry "made by a write that committed at or before P" and a
 * fill from a replica can first ask "has this replica applied P?" (docs/caching.md).
 *
 *  - 'wal' (PostgreSQL streaming replication): the writer's `pg_current_wal_lsn()` read after
 *    the commit (it is at or past the commit record, which was flushed before COMMIT answered);
 *    the replica's `pg_last_wal_replay_lsn()` (NULL on a server that is not a standby: counted as
 *    0, behind everything, so such a "replica" is never trusted for a young generation).
 *  - 'aurora' (Aurora PostgreSQL, whose readers do not replay a WAL stream of their own but apply
 *    the writer's log records to their page cache): `aurora_replica_status()` on either node; the
 *    writer's row (`session_id = 'MASTER_SESSION_ID'`) gives the volume's durable LSN, a reader's
 *    own row (`server_id = aurora_db_instance_identifier()`) the durable LSN it has applied up to.
 *    Both are the same log's numbers, so the comparison is the same as for 'wal'.
 *
 * Both statements run inside the transaction that then reads (READ COMMITTED: every later
 * statement takes a snapshot at least as new), on the connection that reads — the reader
 * endpoint of Aurora balances connections over several readers, so a position read on one
 * connection says nothing about another.
 */
import { Prisma } from '../generated/prisma/client.js';

export type ReplicaPositionKind = 'wal' | 'aurora';

/** A position no replica reaches: a write whose position could not be read is never served from one. */
export const UNKNOWN_POSITION = Number.MAX_SAFE_INTEGER;

export const writerPositionStatement: Record<ReplicaPositionKind, Prisma.Sql> = {
  wal: Prisma.sql`SELECT (pg_current_wal_lsn() - '0/0'::pg_lsn)::text AS position`,
  aurora: Prisma.sql`SELECT durable_lsn::text AS position FROM aurora_replica_status() WHERE session_id = 'MASTER_SESSION_ID'`,
};

export const replicaPositionStatement: Record<ReplicaPositionKind, Prisma.Sql> = {
  wal: Prisma.sql`SELECT (pg_last_wal_replay_lsn() - '0/0'::pg_lsn)::text AS position`,
  aurora: Prisma.sql`SELECT durable_lsn::text AS position FROM aurora_replica_status() WHERE server_id = aurora_db_instance_identifier()`,
};

/** The number in the first row's `position` (0 when there is none: not a replica, or behind everything). */
export function positionOf(rows: { position?: unknown }[]): number {
  const value = Number(rows[0]?.position ?? 0);
  return Number.isFinite(value) ? value : 0;
}
