/**
 * Pods start into a stream of events: every logout, role change or deactivation on another pod
 * publishes SESSIONS_REVOKED, every write ACTIVITY_RECORDED (which drops cached entries), and an
 * HPA scale-up or a rollout starts pods in the middle of that. No listener may run before what it
 * uses exists: before the start-up order was fixed, a revocation arriving while `createApp` was
 * still building its dependencies ended the process ("Cannot access 'deps' before
 * initialization"). Here a publisher floods both topics of the demo tenants on the shared Redis
 * while twenty servers start one after the other, and every start must succeed and serve.
 */
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app.js';
import { createLogger } from '../../src/observability/logger.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { testConfig } from '../support/databases.js';

const STARTS = 20;
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

describe('starting while other pods publish', () => {
  let first: TestServer;
  let publisher: Redis;
  beforeAll(async () => {
    // Migrates and seeds the database the twenty servers share; it serves too, as another pod.
    first = await startTestServer({ env: { REDIS_URL } });
    publisher = new Redis(REDIS_URL);
  });
  afterAll(async () => {
    publisher?.disconnect();
    await first?.close();
  });

  it(`starts ${STARTS} times in a row while revocations and invalidations arrive continuously`, async () => {
    const tenants = Object.values(first.tenantIds);
    let published = 0;
    let flooding = true;
    const flood = (async () => {
      while (flooding) {
        const tenant = tenants[published % tenants.length]!;
        await Promise.all([
          publisher.publish(`${tenant}:SESSIONS_REVOKED`, JSON.stringify({ sessionIds: [randomUUID()] })),
          publisher.publish(`${tenant}:ACTIVITY_RECORDED`, JSON.stringify({ activityEventId: randomUUID(), verb: 'task.updated', subjectType: 'Task', subjectId: randomUUID() })),
        ]);
        published += 2;
      }
    })();

    const started: { readyz: number; eventsDuringStart: number }[] = [];
    try {
      for (let i = 0; i < STARTS; i++) {
        const before = published;
        const config = testConfig({
          PORT: '0', HOST: '127.0.0.1', REDIS_URL, DATABASE_URL: first.databaseUrl!,
          JWT_SECRET: 'test-secret-test-secret-test-secret-0123456789', UPLOAD_DIR: `.data/test-uploads-${process.pid}`,
        });
        const app = await createApp(config, { logger: createLogger({ LOG_LEVEL: 'silent' }) });
        const url = await app.start();
        const readyz = (await fetch(`${url}/readyz`)).status;
        started.push({ readyz, eventsDuringStart: published - before });
        await app.stop();
      }
    } finally {
      flooding = false;
      await flood;
    }
    expect(started.map((s) => s.readyz)).toEqual(Array(STARTS).fill(200));
    // Every start really happened inside the stream of events: both topics published at least
    // once while it was being built (how many more depends on how busy the machine is).
    for (const s of started) expect(s.eventsDuringStart).toBeGreaterThanOrEqual(2);
  }, 180_000);
});
