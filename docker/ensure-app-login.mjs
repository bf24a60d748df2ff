#!/usr/bin/env node
/**
 * Makes sure the app's login role (APP_DATABASE_USER, e.g. dandori_api) can log in with
 * APP_DATABASE_PASSWORD and can do nothing but become `dandori_app`: a member of dandori_app and of
 * no other role, with no privileges, settings or attributes of its own. The app drops to dandori_app
 * in every transaction (set_config('role', 'dandori_app', true)), and Row Level Security does the rest.
 *
 * Run by docker/migrate.sh after the migrations, in the migration Job, as Aurora's master user
 * (DATABASE_URL). Idempotent: it also rotates the password and strips anything granted by hand.
 * Written for a master that is NOT a superuser (Aurora's rds_superuser): it never sets SUPERUSER,
 * REPLICATION or BYPASSRLS (only superusers may), but checks that they are off.
 *
 * The password never reaches the server in clear: it sends a SCRAM-SHA-256 verifier, as psql's
 * \password does, so no statement log can contain it.
 */
import { createHash, createHmac, pbkdf2Sync, randomBytes } from 'node:crypto';
import pg from 'pg';

export const APP_ROLE = 'dandori_app';
/** Any constant: serialises concurrent runs (two Jobs of overlapping releases). */
const LOCK_KEY = 72707370;

/** The SCRAM-SHA-256 verifier PostgreSQL stores for `password` (RFC 5802/7677; ASCII passwords need no SASLprep). */
export function scramVerifier(password, salt = randomBytes(16), iterations = 4096) {
  const salted = pbkdf2Sync(password, salt, iterations, 32, 'sha256');
  const clientKey = createHmac('sha256', salted).update('Client Key').digest();
  const storedKey = createHash('sha256').update(clientKey).digest();
  const serverKey = createHmac('sha256', salted).update('Server Key').digest();
  return `SCRAM-SHA-256$${iterations}:${salt.toString('base64')}$${storedKey.toString('base64')}:${serverKey.toString('base64')}`;
}

/** Tables, sequences, functions and schemas on which `user` itself (not through a role) holds privileges. */
async function directGrants(client, user) {
  const { rows } = await client.query(
    `WITH r AS (SELECT oid FROM pg_roles WHERE rolname = $1)
     SELECT DISTINCT 'TABLE' AS kind, c.oid::regclass::text AS object FROM pg_class c, aclexplode(c.relacl) a, r WHERE a.grantee = r.oid
     UNION SELECT DISTINCT 'FUNCTION', p.oid::regprocedure::text FROM pg_proc p, aclexplode(p.proacl) a, r WHERE a.grantee = r.oid
     UNION SELECT DISTINCT 'SCHEMA', quote_ident(n.nspname) FROM pg_namespace n, aclexplode(n.nspacl) a, r WHERE a.grantee = r.oid
     ORDER BY 1, 2`,
    [user],
  );
  return rows;
}

export async function ensureAppLogin({ databaseUrl, user, password, log = () => {} }) {
  if (!/^[a-z_][a-z0-9_]*$/.test(user ?? '')) throw new Error(`APP_DATABASE_USER must be a plain role name, got ${JSON.stringify(user)}`);
  if (!/^[\x21-\x7e]{16,}$/.test(password ?? '')) throw new Error('APP_DATABASE_PASSWORD must be at least 16 printable ASCII characters');
  const client = new pg.Client({ connectionString: databaseUrl, application_name: 'dandori-migrate' });
  await client.connect();
  const role = client.escapeIdentifier(user);
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [LOCK_KEY]);
    const { rowCount } = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [user]);
    if (rowCount === 0) {
      await client.query(`CREATE ROLE ${role}`);
      log(`created role ${user}`);
    }
    await client.query(
      `ALTER ROLE ${role} WITH LOGIN INHERIT NOCREATEDB NOCREATEROLE CONNECTION LIMIT -1 PASSWORD ${client.escapeLiteral(scramVerifier(password))}`,
    );
    await client.query(`ALTER ROLE ${role} RESET ALL`);
    await client.query(`GRANT ${client.escapeIdentifier(APP_ROLE)} TO ${role}`);
    const others = await client.query(
      `SELECT r.rolname FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.roleid
       WHERE m.member = (SELECT oid FROM pg_roles WHERE rolname = $1) AND r.rolname <> $2`,
      [user, APP_ROLE],
    );
    for (const { rolname } of others.rows) {
      await client.query(`REVOKE ${client.escapeIdentifier(rolname)} FROM ${role}`);
      log(`revoked membership in ${rolname}`);
    }
    // Privileges granted to the login role itself, rather than to dandori_app.
    for (const grant of await directGrants(client, user)) {
      await client.query(`REVOKE ALL ON ${grant.kind} ${grant.object} FROM ${role}`);
      log(`revoked ${grant.kind.toLowerCase()} privileges on ${grant.object}`);
    }
    const left = await directGrants(client, user);
    if (left.length > 0) throw new Error(`could not revoke ${user}'s own privileges on ${left.map((g) => g.object).join(', ')} (granted by another role)`);
    const { rows: [attributes] } = await client.query(
      'SELECT rolsuper, rolreplication, rolbypassrls FROM pg_roles WHERE rolname = $1',
      [user],
    );
    const held = Object.entries(attributes).filter(([, on]) => on).map(([name]) => name);
    if (held.length > 0) throw new Error(`${user} has ${held.join(', ')}: only a superuser can clear that; refusing to continue`);
    await client.query('COMMIT');
    log(`${user}: login, member of ${APP_ROLE} only`);
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    await client.end();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  ensureAppLogin({
    databaseUrl: process.env.DATABASE_URL,
    user: process.env.APP_DATABASE_USER,
    password: process.env.APP_DATABASE_PASSWORD,
    log: (line) => console.log(`migrate: ${line}`),
  }).catch((error) => {
    console.error(`migrate: login role: ${error instanceof Error ? error.message : error}`);
    process.exit(1);
  });
}
