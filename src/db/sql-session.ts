/**
 * The smallest SQL surface the migration runner and the start-up checks need, over either a
 * real PostgreSQL connection (`pg`) or the embedded PGlite instance.
 */
import pg from 'pg';
import type { PGlite } from '@electric-sql/pglite';

export interface SqlSession {
  /** One statement with positional parameters ($1, $2, ...). */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** A script of several statements, no parameters. */
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
}

export async function connectPg(url: string, connectTimeoutMs = 2_000): Promise<SqlSession> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: connectTimeoutMs });
  // A terminated connection emits 'error', which without a listener ends the process; the
  // statement waiting on it fails on its own.
  client.on('error', () => {});
  await client.connect();
  return {
    query: async (sql, params) => (await client.query(sql, params as unknown[])).rows,
    exec: async (sql) => {
      await client.query(sql);
    },
    close: () => client.end(),
  };
}

/** Wraps a PGlite instance; closing the session leaves the instance open (it is shared). */
export function pgliteSession(db: PGlite): SqlSession {
  return {
    query: async <T>(sql: string, params?: unknown[]) => (await db.query<T>(sql, params)).rows,
    exec: async (sql) => {
      await db.exec(sql);
    },
    close: async () => {},
  };
}
