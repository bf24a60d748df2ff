/**
 * A private PostgreSQL primary and a streaming replica of it, in production's shape (Aurora's
 * readers lag their writer; so does this replica, by `recovery_min_apply_delay`): built with the
 * server's own tools (`pg_config --bindir`: initdb, pg_ctl, pg_basebackup -R) in a temporary
 * folder, run as the `postgres` user on free ports. The shared cluster on 5432 is never touched.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { freePort } from './ports.js';

export interface PostgresReplica {
  /** The primary's (writer's) URL, database `dandori`. */
  readonly primaryUrl: string;
  /** The replica's URL (same database, read-only, lagging by `applyDelayMs`). */
  readonly replicaUrl: string;
  readonly applyDelayMs: number;
  /** The primary's current WAL position and the replica's replay position, in bytes. */
  positions(): Promise<{ primary: number; replayed: number }>;
  stop(): Promise<void>;
}

const bindir = () => execFileSync('pg_config', ['--bindir'], { encoding: 'utf8' }).trim();
export const replicaToolsAvailable = (() => {
  try {
    return spawnSync(join(bindir(), 'initdb'), ['--version']).status === 0 && spawnSync('id', ['postgres']).status === 0;
  } catch {
    return false;
  }
})();

/** Runs a server tool as the `postgres` user (PostgreSQL refuses to run as root). */
function asPostgres(tool: string, args: string[]): string {
  const binary = join(bindir(), tool);
  const command = process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', binary, ...args]] as const : [binary, args] as const;
  return execFileSync(command[0], [...command[1]], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

async function scalar(url: string, sql: string): Promise<string | null> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query(sql);
    return (rows[0] as Record<string, string | null> | undefined)?.value ?? null;
  } finally {
    await client.end();
  }
}

export async function startPostgresReplica({ applyDelayMs = 600 } = {}): Promise<PostgresReplica> {
  const dir = mkdtempSync(join(tmpdir(), 'dandori-replica-'));
  if (process.getuid?.() === 0) chownSync(dir, Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' })), Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' })));
  const primary = join(dir, 'primary');
  const replica = join(dir, 'replica');
  const [primaryPort, replicaPort] = [await freePort(), await freePort()];
  const settings = (port: number) =>
    [`port = ${port}`, `listen_addresses = '127.0.0.1'`, `unix_socket_directories = '${dir}'`, 'fsync = off', 'synchronous_commit = on', 'wal_level = replica',
      'max_wal_senders = 4', 'hot_standby = on', 'shared_buffers = 32MB', 'max_connections = 100'].join('\n') + '\n';
  const started: string[] = [];
  const stop = async () => {
    for (const data of started.reverse()) {
      try {
        asPostgres('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } catch {
        /* already down */
      }
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    asPostgres('initdb', ['-D', primary, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8', '--locale=C']);
    appendFileSync(join(primary, 'postgresql.conf'), settings(primaryPort));
    writeFileSync(join(primary, 'pg_hba.conf'), 'local all all trust\nhost all all 127.0.0.1/32 trust\nhost replication all 127.0.0.1/32 trust\n');
    asPostgres('pg_ctl', ['-D', primary, '-l', join(dir, 'primary.log'), '-w', 'start']);
    started.push(primary);
    asPostgres('pg_basebackup', ['-h', '127.0.0.1', '-p', String(primaryPort), '-U', 'postgres', '-D', replica, '-R', '-X', 'stream', '--no-sync']);
    appendFileSync(join(replica, 'postgresql.conf'), settings(replicaPort) + `recovery_min_apply_delay = '${applyDelayMs}ms'\n`);
    asPostgres('pg_ctl', ['-D', replica, '-l', join(dir, 'replica.log'), '-w', 'start']);
    started.push(replica);
    const admin = `postgresql://postgres@127.0.0.1:${primaryPort}/postgres`;
    await scalar(admin, 'CREATE DATABASE dandori');
    const primaryUrl = `postgresql://postgres@127.0.0.1:${primaryPort}/dandori`;
    const replicaUrl = `postgresql://postgres@127.0.0.1:${replicaPort}/dandori`;
    // The new database reaches the replica after the apply delay.
    for (const until = Date.now() + 30_000; ; ) {
      try {
        await scalar(replicaUrl, 'SELECT 1 AS value');
        break;
      } catch (error) {
        if (Date.now() > until) throw error;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    return {
      primaryUrl,
      replicaUrl,
      applyDelayMs,
      async positions() {
        const [p, r] = await Promise.all([
          scalar(primaryUrl, `SELECT (pg_current_wal_lsn() - '0/0'::pg_lsn)::text AS value`),
          scalar(replicaUrl, `SELECT (pg_last_wal_replay_lsn() - '0/0'::pg_lsn)::text AS value`),
        ]);
        return { primary: Number(p), replayed: Number(r) };
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
