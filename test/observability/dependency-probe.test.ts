/**
 * The background dependency probe behind `dandori_dependency_up`: rounds never overlap (a hung check
 * skips ticks instead of piling up), a check slower than the timeout counts as down, state changes
 * are reported once each; and against a real server its PostgreSQL probe never goes through Prisma,
 * so it never appears in the app's query log (and so in no trace or statement count).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDependencyProbe } from '../../src/observability/dependency-probe.js';
import { createApp, type App } from '../../src/server/app.js';
import { createLogger } from '../../src/observability/logger.js';
import { openMigratedDatabase, testConfig, type MigratedDatabase } from '../support/databases.js';
import { parseSamples, valueOf } from '../support/prometheus-text.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('startDependencyProbe', () => {
  it('counts a check slower than the timeout as down, and never starts a round while one is running', async () => {
    let calls = 0;
    const reports: boolean[] = [];
    const probe = startDependencyProbe({
      checks: { postgres: () => (calls++, new Promise(() => {})) }, // never answers
      report: (_, up) => reports.push(up),
      intervalMs: 10,
      timeoutMs: 100,
    });
    await probe.firstRound;
    await sleep(50);
    probe.stop();
    expect(reports[0]).toBe(false);
    // Ten-odd ticks passed while rounds were hung on the timeout: only one check per round ran.
    expect(calls).toBeLessThanOrEqual(2);
  });

  it('reports every round, and a change of state once', async () => {
    let up = true;
    const reports: boolean[] = [];
    const changes: Array<[string, boolean]> = [];
    const probe = startDependencyProbe({
      checks: { redis: async () => { if (!up) throw new Error('down'); } },
      report: (_, value) => reports.push(value),
      onChange: (dependency, value) => changes.push([dependency, value]),
      intervalMs: 10,
    });
    // Each state is held until the probe has reported it (a busy machine may skip ticks).
    await expect.poll(() => changes.length).toBe(1);
    up = false;
    await expect.poll(() => changes.length).toBe(2);
    up = true;
    await expect.poll(() => changes.length).toBe(3);
    await expect.poll(() => reports.length).toBeGreaterThanOrEqual(6);
    probe.stop();
    expect(reports.length).toBeGreaterThanOrEqual(6);
    expect(changes).toEqual([['redis', true], ['redis', false], ['redis', true]]);
  });
});

describe('the probe in a running server', () => {
  let migrated: MigratedDatabase;
  let app: App;
  const statements: string[] = [];

  beforeAll(async () => {
    migrated = await openMigratedDatabase('postgres');
    app = await createApp(testConfig({ PORT: '0', HOST: '127.0.0.1', DATABASE_URL: migrated.url! }), {
      logger: createLogger({ LOG_LEVEL: 'silent' }),
      logQueries: true,
      dependencyProbeIntervalMs: 50,
    });
    app.deps.database.onStatement((event) => statements.push(event.query));
  });
  afterAll(async () => {
    await app?.stop(2_000);
    await migrated?.close();
  });

  it('reports PostgreSQL up without a single statement in the app\'s query log', async () => {
    const base = await app.start();
    const postgresUp = async () => valueOf(parseSamples(await (await fetch(`${base}/metrics`)).text()), 'dandori_dependency_up', { dependency: 'postgres' });
    await expect.poll(postgresUp, { timeout: 10_000 }).toBe(1);
    await sleep(200); // a few more rounds, each of which would log its statement
    expect(statements.filter((s) => /SELECT 1/i.test(s))).toEqual([]);
  });
});
