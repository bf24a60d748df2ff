/**
 * The app's least-privilege login role (docker/ensure-app-login.mjs, run by the migration Job) on a
 * real PostgreSQL: created by a master that is not a superuser (like Aurora's), a member of
 * dandori_app and of nothing else, unable to become any other role or to change the schema, and
 * enough for the whole app: a server started as that role signs in and reads its tenant's data.
 * Running it again strips what was granted by hand and rotates the password.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openMigratedDatabase, type MigratedDatabase } from '../support/databases.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { seedDemo } from '../../src/seed/demo.js';
import { repoRoot } from './support/deps.js';

// Both are imported from the script the image runs.
const { scramVerifier } = (await import(path.join(repoRoot, 'docker', 'ensure-app-login.mjs'))) as { scramVerifier(password: string, salt?: Buffer, iterations?: number): string };

const suffix = randomBytes(4).toString('hex');
const MASTER = `test_master_${suffix}`;
const LOGIN = `test_api_${suffix}`;

describe('the app\'s database login role', () => {
  let migrated: MigratedDatabase;
  let superuser: pg.Client;
  const urlFor = (user: string, password = 'unused') => {
    const url = new URL(migrated.url!);
    url.username = user;
    url.password = password;
    return url.toString();
  };
  const ensure = (password: string) =>
    execFileSync(process.execPath, [path.join(repoRoot, 'docker', 'ensure-app-login.mjs')], {
      env: { ...process.env, DATABASE_URL: urlFor(MASTER), APP_DATABASE_USER: LOGIN, APP_DATABASE_PASSWORD: password },
      encoding: 'utf8',
    });
  const asLogin = async <T>(work: (client: pg.Client) => Promise<T>): Promise<T> => {
    const client = new pg.Client({ connectionString: urlFor(LOGIN) });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  };
  const memberships = async () =>
    (await superuser.query(
      `SELECT r.rolname FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.roleid WHERE m.member = (SELECT oid FROM pg_roles WHERE rolname = $1) ORDER BY 1`,
      [LOGIN],
    )).rows.map((r) => r.rolname);

  beforeAll(async () => {
    migrated = await openMigratedDatabase('postgres');
    await seedDemo(migrated.database);
    superuser = new pg.Client({ connectionString: migrated.url });
    await superuser.connect();
    // Aurora's master: may create roles and databases, is no superuser, administers dandori_app and
    // owns the schema's objects (it ran the migrations).
    await superuser.query(`CREATE ROLE ${MASTER} LOGIN CREATEROLE CREATEDB NOSUPERUSER`);
    await superuser.query(`GRANT dandori_app TO ${MASTER} WITH ADMIN OPTION`);
    const owned = await superuser.query(
      `SELECT format('ALTER %s %s OWNER TO ${MASTER}', CASE c.relkind WHEN 'S' THEN 'SEQUENCE' ELSE 'TABLE' END, c.oid::regclass) AS sql
       FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p', 'S')`,
    );
    for (const { sql } of owned.rows) await superuser.query(sql);
  });
  afterAll(async () => {
    await superuser?.query(`DROP ROLE IF EXISTS ${LOGIN}`).catch(() => {});
    await superuser?.query(`DROP ROLE IF EXISTS ${MASTER}`).catch(() => {});
    await superuser?.end();
    await migrated?.close();
  });

  it('is created by a non-superuser master as a login role in dandori_app only, with no attribute of its own', async () => {
    expect(ensure('first-password-0123456789')).toContain(`migrate: ${LOGIN}: login, member of dandori_app only`);
    const { rows: [role] } = await superuser.query(
      'SELECT rolcanlogin, rolinherit, rolsuper, rolcreatedb, rolcreaterole, rolreplication, rolbypassrls, rolconfig FROM pg_roles WHERE rolname = $1',
      [LOGIN],
    );
    expect(role).toEqual({
      rolcanlogin: true, rolinherit: true, rolsuper: false, rolcreatedb: false, rolcreaterole: false, rolreplication: false, rolbypassrls: false, rolconfig: null,
    });
    expect(await memberships()).toEqual(['dandori_app']);
  });

  it('stores a SCRAM-SHA-256 verifier PostgreSQL itself would have computed, never the password', async () => {
    const { rows: [{ rolpassword }] } = await superuser.query('SELECT rolpassword FROM pg_authid WHERE rolname = $1', [LOGIN]);
    expect(rolpassword).toMatch(/^SCRAM-SHA-256\$4096:[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+$/);
    expect(rolpassword).not.toContain('first-password');
    // Cross-check the verifier: let PostgreSQL hash a password, then compute ours with its salt.
    await superuser.query(`ALTER ROLE ${MASTER} PASSWORD 'cross-check-0123456789'`);
    const { rows: [{ rolpassword: theirs }] } = await superuser.query('SELECT rolpassword FROM pg_authid WHERE rolname = $1', [MASTER]);
    const [, iterations, salt] = /^SCRAM-SHA-256\$(\d+):([^$]+)\$/.exec(theirs)!;
    expect(scramVerifier('cross-check-0123456789', Buffer.from(salt!, 'base64'), Number(iterations))).toBe(theirs);
  });

  it('can become dandori_app and read its tenant through RLS, and nothing else', async () => {
    const tenantId = (await superuser.query("SELECT id FROM tenants WHERE slug = 'sakura-kensetsu'")).rows[0].id as string;
    await asLogin(async (client) => {
      // Outside a tenant transaction RLS shows nothing; inside one, the tenant's rows.
      expect((await client.query('SELECT count(*)::int AS n FROM tasks')).rows[0].n).toBe(0);
      await client.query('BEGIN');
      await client.query("SELECT set_config('role', 'dandori_app', true), set_config('app.current_tenant', $1, true)", [tenantId]);
      expect((await client.query('SELECT count(*)::int AS n FROM tasks')).rows[0].n).toBeGreaterThan(0);
      await client.query('COMMIT');
      for (const statement of [`SET ROLE ${MASTER}`, 'SET ROLE postgres', 'CREATE TABLE public.intruder (id int)', 'DROP TABLE tasks', 'ALTER TABLE tasks DISABLE ROW LEVEL SECURITY']) {
        await expect(client.query(statement), statement).rejects.toThrow(/permission denied|must be owner/);
      }
    });
  });

  it('is enough for the app: a server connected as this role signs in and reads its tenant\'s data', async () => {
    let server: TestServer | undefined;
    try {
      server = await startTestServer({ databaseUrl: migrated.url, env: { DATABASE_URL: urlFor(LOGIN) } });
      const { accessToken } = await server.login('sakura-kensetsu', 'member@sakura-kensetsu.example');
      const result = await server.graphql<{ tasks: { totalCount: number } }>('{ tasks(first: 1) { totalCount } }', {}, accessToken);
      expect(result.errors).toBeUndefined();
      expect(result.data!.tasks.totalCount).toBeGreaterThan(0);
    } finally {
      await server?.close();
    }
  });

  it('strips memberships and grants added by hand, and rotates the password, when run again', async () => {
    await superuser.query(`GRANT pg_read_all_data TO ${LOGIN}`);
    await superuser.query(`SET ROLE ${MASTER}; GRANT SELECT, UPDATE ON users TO ${LOGIN}; RESET ROLE`); // by hand, as the master
    await superuser.query(`ALTER ROLE ${LOGIN} SET statement_timeout = 0`);
    const before = (await superuser.query('SELECT rolpassword FROM pg_authid WHERE rolname = $1', [LOGIN])).rows[0].rolpassword;
    const out = ensure('second-password-0123456789');
    expect(out).toContain('revoked membership in pg_read_all_data');
    expect(out).toContain('revoked table privileges on users');
    expect(await memberships()).toEqual(['dandori_app']);
    expect((await superuser.query("SELECT has_table_privilege($1, 'users', 'SELECT') AS direct", [LOGIN])).rows[0].direct).toBe(true); // through dandori_app
    const direct = await superuser.query("SELECT count(*)::int AS n FROM information_schema.role_table_grants WHERE grantee = $1", [LOGIN]);
    expect(direct.rows[0].n).toBe(0);
    expect((await superuser.query('SELECT rolconfig FROM pg_roles WHERE rolname = $1', [LOGIN])).rows[0].rolconfig).toBeNull();
    expect((await superuser.query('SELECT rolpassword FROM pg_authid WHERE rolname = $1', [LOGIN])).rows[0].rolpassword).not.toBe(before);
  });

  it('refuses a weak password or a role name it would have to quote', () => {
    expect(() => ensure('short')).toThrow(/at least 16 printable ASCII characters/);
    expect(() => execFileSync(process.execPath, [path.join(repoRoot, 'docker', 'ensure-app-login.mjs')], {
      env: { ...process.env, DATABASE_URL: urlFor(MASTER), APP_DATABASE_USER: 'Robert"; DROP', APP_DATABASE_PASSWORD: 'x'.repeat(20) },
      stdio: 'pipe',
    })).toThrow(/APP_DATABASE_USER must be a plain role name/);
  });
});
