/** The container image's contract (no Docker engine here: the Dockerfile is read, migrate.sh is run). */
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './support/deps.js';
import { DATABASE_CA_BUNDLE } from '../../pulumi/src/database';

const dockerfile = readFileSync(path.join(repoRoot, 'Dockerfile'), 'utf8');
const stages = dockerfile.split(/^FROM /m).slice(1);

describe('Dockerfile', () => {
  it('builds with dev dependencies and runs with production ones only', () => {
    expect(stages).toHaveLength(2);
    expect(stages[0]).toMatch(/RUN npm ci\b/);
    expect(stages[0]).toMatch(/^RUN npm run build$/m);
    // prebuild generates the Prisma client; the GraphQL types are committed (test/schema/codegen.test.ts).
    expect(JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')).scripts.prebuild).toMatch(/generate:prisma/);
    expect(stages[0]).toMatch(/npm prune --omit=dev/);
    expect(stages[1]).toMatch(/COPY --from=build \/app\/node_modules/);
    expect(stages[1]).not.toMatch(/npm (ci|install)/);
  });

  it('runs as a non-root user with NODE_ENV=production, a health check and the app\'s files', () => {
    const runtime = stages[1]!;
    expect(runtime).toMatch(/^USER 10001:10001$/m);
    expect(runtime).toMatch(/NODE_ENV=production/);
    expect(runtime).toMatch(/HEALTHCHECK .*\n.*\/healthz/);
    for (const dir of ['dist', 'prisma', 'schema', 'prisma.config.ts']) expect(runtime).toContain(`COPY --from=build /app/${dir} ./${dir}`);
    expect(runtime).toMatch(/CMD \["node", "dist\/src\/main.js"\]/);
    expect(runtime).toMatch(/EXPOSE 4000 9464/);
    // Production refuses to start without METRICS_PORT (src/config.ts): the image sets it.
    expect(runtime).toMatch(/^\s+METRICS_PORT=9464 \\$/m);
  });

  it('ships the database CA bundle the connection strings name: RDS\'s CAs and the Amazon roots RDS Proxy\'s certificates chain to', () => {
    const runtime = stages[1]!;
    expect(runtime).toContain('ADD https://truststore.pki.rds.amazonaws.com/global/global-bundle.pem ');
    expect(runtime).toContain(`> ${DATABASE_CA_BUNDLE}`);
    const sources = [...runtime.matchAll(/\/usr\/share\/ca-certificates\/mozilla\/(\S+\.crt)/g)].map((m) => m[1]);
    expect(sources).toEqual(['Amazon_Root_CA_1.crt', 'Amazon_Root_CA_2.crt', 'Amazon_Root_CA_3.crt', 'Amazon_Root_CA_4.crt', 'Starfield_Services_Root_Certificate_Authority_-_G2.crt']);
    // Debian bookworm's ca-certificates (the image's base) has every one of them.
    if (existsSync('/usr/share/ca-certificates/mozilla')) {
      for (const file of sources) expect(existsSync(`/usr/share/ca-certificates/mozilla/${file}`), file).toBe(true);
    }
    expect(runtime).toContain('COPY docker/migrate.sh docker/ensure-app-login.mjs ./docker/');
    // TRUSTED_DOCUMENTS=enforce (production) reads the manifest at start.
    expect(runtime).toContain('COPY documents ./documents');
  });

  it('keeps tests, infrastructure and secrets out of the build context', () => {
    const ignored = readFileSync(path.join(repoRoot, '.dockerignore'), 'utf8').split('\n');
    for (const entry of ['.git', 'node_modules', '.env', 'pulumi', 'test']) expect(ignored).toContain(entry);
    expect(ignored).not.toContain('docker');
  });
});

describe('docker/migrate.sh', () => {
  /** A fake app directory whose `node` and `prisma` print how they were called. */
  function fakeApp(engine: boolean): { dir: string; env: NodeJS.ProcessEnv } {
    const dir = mkdtempSync(path.join(tmpdir(), 'migrate-'));
    const bin = path.join(dir, 'bin');
    mkdirSync(path.join(dir, 'node_modules', '.bin'), { recursive: true });
    mkdirSync(bin);
    const fake = (file: string, name: string) => {
      writeFileSync(file, `#!/bin/sh\necho "${name} $* engine=\${PRISMA_SCHEMA_ENGINE_BINARY:-none} home=$HOME"\n`);
      chmodSync(file, 0o755);
    };
    fake(path.join(bin, 'node'), 'node');
    fake(path.join(dir, 'node_modules', '.bin', 'prisma'), 'prisma');
    const enginePath = path.join(dir, 'schema-engine');
    if (engine) {
      fake(enginePath, 'engine');
      writeFileSync(path.join(dir, '.prisma-schema-engine'), `${enginePath}\n`);
    } else {
      writeFileSync(path.join(dir, '.prisma-schema-engine'), '');
    }
    return { dir, env: { PATH: `${bin}:/usr/bin:/bin`, APP_DIR: dir, DATABASE_URL: 'postgresql://u:p@h/db', PRISMA_SCHEMA_ENGINE_BINARY: '/bin/true' } };
  }
  const run = (env: NodeJS.ProcessEnv) => execFileSync('sh', [path.join(repoRoot, 'docker', 'migrate.sh')], { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

  it('uses prisma migrate deploy with the engine baked into the image', () => {
    const { dir, env } = fakeApp(true);
    expect(run(env)).toContain(`prisma migrate deploy engine=${path.join(dir, 'schema-engine')} home=/tmp`);
  });

  it('then makes sure of the app\'s login role, when the Job names one', () => {
    const { env } = fakeApp(true);
    const out = run({ ...env, APP_DATABASE_USER: 'dandori_api', APP_DATABASE_PASSWORD: 'x'.repeat(20) });
    expect(out.indexOf('prisma migrate deploy')).toBeLessThan(out.indexOf('node docker/ensure-app-login.mjs'));
    expect(run(env)).not.toContain('ensure-app-login');
  });

  it('stops before the login role when the migrations fail', () => {
    const { dir, env } = fakeApp(false);
    writeFileSync(path.join(dir, 'bin', 'node'), '#!/bin/sh\necho "node $*"\ncase "$1" in dist/*) exit 3;; esac\n');
    chmodSync(path.join(dir, 'bin', 'node'), 0o755);
    let failure: { status?: number; stdout?: string } = {};
    try {
      run({ ...env, APP_DATABASE_USER: 'dandori_api', APP_DATABASE_PASSWORD: 'x'.repeat(20) });
    } catch (error) {
      failure = error as typeof failure;
    }
    expect(failure.status).toBe(3);
    expect(failure.stdout).not.toContain('ensure-app-login');
  });

  it('falls back to our runner without an engine, and never passes the /bin/true stand-in', () => {
    const { env } = fakeApp(false);
    const out = run(env);
    expect(out).toContain('node dist/src/db/migrate-cli.js engine=none');
    expect(out).not.toContain('prisma migrate');
  });

  it('uses the runner when asked to, and refuses to start without DATABASE_URL', () => {
    const { env } = fakeApp(true);
    expect(run({ ...env, MIGRATE_WITH: 'runner' })).toContain('node dist/src/db/migrate-cli.js');
    expect(() => run({ ...env, DATABASE_URL: '' })).toThrow(/DATABASE_URL is not set/);
  });
});
