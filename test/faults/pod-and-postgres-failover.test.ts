/**
 * The other two faults of a failover, with subscriptions open on two pods and writes flowing
 * (test/support/failover-harness.ts; Redis faults are in redis-failover.test.ts):
 *  - PostgreSQL restarted: the pods reach it through a TCP proxy, which goes away (every
 *    connection cut, new ones refused) for PG_OUTAGE_MS and comes back;
 *  - one pod SIGTERMed in the middle of a fan-out (a rollout): it drains and exits 0.
 * Each asserts: the pods that were not told to stop alive and healthy, nothing at the last net,
 * every HTTP answer 200 or 503 SERVICE_UNAVAILABLE with Retry-After, and afterwards a subscription
 * opened before the fault receives the next event; the stopped pod's clients are closed with 1001
 * and, subscribed again on the other pod, receive the next event too.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from '../generated/index.js';
import { ACTIVITY, openFailoverHarness, type FailoverHarness } from '../support/failover-harness.js';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.js';
import { connectWs, sleep, until } from '../support/ws-client.js';

const PG_OUTAGE_MS = 5_000;
/** How long after the fault a subscription opened before it must receive events again (slack for a busy machine). */
const RECOVERY_MS = 30_000;
/**
 * Subscriptions held on the pod that is stopped, so that its SIGTERM lands in a fan-out: within
 * the default limits of one user (10 connections per pod, one already open; 20 subscriptions each).
 */
const CROWD_CONNECTIONS = 8;
const SUBSCRIBERS_ON_STOPPED_POD = CROWD_CONNECTIONS * 18;
const BURST = 20;
const CREATE_BURST_TASK = graphql(`mutation FailoverBurstTask($i: CreateTaskInput!) { createTask(input: $i) { id title } }`);

describe('PostgreSQL restart and a pod SIGTERM with subscriptions open on two pods', () => {
  let proxy: TcpProxy;
  let h: FailoverHarness;
  let traffic: { stop(): Promise<void> } | undefined;

  beforeAll(async () => {
    proxy = await startTcpProxy({ host: '127.0.0.1', port: 5432 });
    h = await openFailoverHarness({
      env: { REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', DB_CONNECT_TIMEOUT_MS: '1000' },
      databaseUrl: (url) => {
        const viaProxy = new URL(url);
        viaProxy.port = String(proxy.port);
        return viaProxy.toString();
      },
    });
    await h.nextEventReaches(h.subscriptions, RECOVERY_MS); // both subscriptions are live
  }, 180_000);

  afterAll(async () => {
    await traffic?.stop();
    await h?.close();
    await proxy?.close();
  });

  it(`survives PostgreSQL gone for ${PG_OUTAGE_MS / 1000} s (a restart): open subscriptions receive events again`, async () => {
    traffic = h.startTraffic();
    await sleep(1_000);
    await proxy.down();
    const outageEnds = Date.now() + PG_OUTAGE_MS;
    while (Date.now() < outageEnds) {
      await sleep(500);
      for (const [n, pod] of h.pods.entries()) expect(pod.child.exitCode, `pod ${n} exited during the outage:\n${pod.output().slice(-2000)}`).toBeNull();
    }
    await proxy.up();
    await h.nextEventReaches(h.subscriptions, RECOVERY_MS);
    await traffic.stop();
    traffic = undefined;

    h.assertAnswers();
    expect(h.answers.some((a) => a.status === 503 && a.what === 'createTask')).toBe(true); // the outage was seen
    await h.assertPodsHealthy();
  }, 120_000);

  it('survives one pod SIGTERMed mid-fan-out: it exits 0, its clients get 1001 and resubscribe on the other pod', async () => {
    const { pods, session } = h;
    await traffic?.stop(); // left running by a failed test before
    h.answers.length = 0;
    const stopping = pods[1]!;
    const crowd = Array.from({ length: CROWD_CONNECTIONS }, () => connectWs(stopping.url, `Bearer ${session.token}`));
    h.clients.push(...crowd);
    const crowdSubscriptions = Array.from({ length: SUBSCRIBERS_ON_STOPPED_POD }, (_, n) => crowd[n % crowd.length]!.subscribe(ACTIVITY));
    // Every subscription is live once one event reached it.
    await h.nextEventReaches([...h.subscriptions, ...crowdSubscriptions], RECOVERY_MS);

    traffic = h.startTraffic();
    const received = crowdSubscriptions.reduce((n, s) => n + s.results.length, 0);
    // A burst of writes through the pod that stays, then SIGTERM once the other pod is delivering them.
    const burst = Promise.all(Array.from({ length: BURST }, (_, n) => pods[0]!.graphql(CREATE_BURST_TASK, { i: { projectId: h.projectId, title: `burst ${n}` } }, session.token)));
    await until(() => crowdSubscriptions.reduce((n, s) => n + s.results.length, 0) > received, RECOVERY_MS, () => 'the stopping pod delivering the burst');
    h.routed.delete(1); // a load balancer stops routing to a pod told to stop
    const exitCode = await stopping.stop(30_000);
    for (const written of await burst) {
      expect(written.status, JSON.stringify(written.errors)).toBe(200);
      expect(written.data?.createTask.title).toMatch(/^burst /);
    }

    expect(exitCode, stopping.output().slice(-2000)).toBe(0);
    expect(stopping.output()).not.toContain('Unhandled');
    for (const client of [h.clients[1]!, ...crowd]) {
      await until(() => client.closes.length > 0, RECOVERY_MS, () => 'the stopped pod closing its sockets');
      expect(client.closes[0]!.code).toBe(1001);
    }

    // The stopped pod's clients subscribe again on the pod that stays; everybody gets the next event.
    const moved = connectWs(pods[0]!.url, `Bearer ${session.token}`);
    h.clients.push(moved);
    const resubscribed = moved.subscribe(ACTIVITY);
    await h.nextEventReaches([h.subscriptions[0]!, resubscribed], RECOVERY_MS);
    await traffic.stop();
    traffic = undefined;

    h.assertAnswers();
    await h.assertPodsHealthy([0]);
  }, 120_000);
});

