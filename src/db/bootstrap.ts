/**
 * Opens the database for the server. On the embedded default (no DATABASE_URL) it also migrates
 * and, on first start, seeds demo data, so `npm start` on a fresh clone gives a working portal.
 * Against a real server, migrations are a deploy step (`npm run db:migrate` / `prisma migrate
 * deploy`, the k8s migration Job) unless DB_AUTO_MIGRATE=true.
 */
import type { Config } from '../config.js';
import { createDatabase, keptDataDir, type Database, type DatabaseOptions } from './database.js';
import { migrationsRecorded, recordMigrations } from './migration-stamp.js';
import { migrate, readMigrations } from './migrations.js';

export interface DemoLogin {
  tenantSlug: string;
  email: string;
  password: string;
  role: string;
}

export interface BootstrapResult {
  database: Database;
  /** Logins created by this start's demo seed (empty when the data already existed). */
  demoLogins: DemoLogin[];
}

export interface BootstrapOptions extends DatabaseOptions {
  log?: (line: string) => void;
  /** Seeds demo data into an empty embedded database; injected so production code never loads it. */
  seedDemo?: (database: Database) => Promise<DemoLogin[]>;
}

export async function bootstrapDatabase(config: Config, options: BootstrapOptions = {}): Promise<BootstrapResult> {
  const log = options.log ?? (() => {});
  const database = await createDatabase(config, options);
  const embedded = database.kind === 'pglite';
  log(embedded ? `Embedded PostgreSQL (PGlite): data lives in ${database.location}` : `PostgreSQL: ${database.location}`);

  if (config.DB_AUTO_MIGRATE ?? embedded) await migrateIfNeeded(database, log);

  let demoLogins: DemoLogin[] = [];
  if (embedded && options.seedDemo && !(await hasTenants(database))) {
    log('first start: seeding demo tenants');
    demoLogins = await options.seedDemo(database);
  }
  return { database, demoLogins };
}

/** Runs the migrations, unless the embedded database's folder says it has exactly these (migration-stamp.ts). */
async function migrateIfNeeded(database: Database, log: (line: string) => void): Promise<void> {
  const dataDir = keptDataDir(database);
  const migrations = dataDir ? await readMigrations() : [];
  if (dataDir && (await migrationsRecorded(dataDir, migrations))) return;
  const session = await database.openAdminSession();
  try {
    const { applied } = await migrate(session, { log });
    if (applied.length) log(`migrations applied: ${applied.join(', ')}`);
  } finally {
    await session.close();
  }
  if (dataDir) await recordMigrations(dataDir, migrations);
}

/**
 * In plain SQL on the admin session rather than through Prisma: Prisma's first query loads its
 * query compiler (WebAssembly), which would otherwise be paid before the server is ready.
 */
async function hasTenants(database: Database): Promise<boolean> {
  const session = await database.openAdminSession();
  try {
    const [row] = await session.query<{ seeded: boolean }>('SELECT EXISTS (SELECT 1 FROM tenants) AS seeded');
    return row!.seeded;
  } finally {
    await session.close();
  }
}
