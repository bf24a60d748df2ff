/**
 * A Redis outage and a Redis failover with subscriptions open and writes flowing. Two server
 * processes ("pods") share PostgreSQL and a Redis of the test's own; each holds a live graphql-ws
 * subscription to `activityRecorded`, and a client keeps writing (createTask) and reading on both
 * pods. Then:
 *  - Redis is killed (SIGKILL) for OUTAGE_MS and restarted empty;
 *  - Redis is killed and restarted at once, in place (what a failover looks like to a pod).
 * Each asserts: both processes alive; every HTTP answer 200, or 503 SERVICE_UNAVAILABLE with
 * Retry-After; a subscribe during the outage is refused with the retryable SERVICE_UNAVAILABLE;
 * after recovery the subscriptions opened before the fault receive the next event, on both pods,
 * with no client action; and nothing reached the last net (dandori_unhandled_errors_total = 0 and
 * no log line of it) — an error there is a dependency call not caught where it was made.
 *
 * On the code before GuardedRedisPubSub this fails: the subscribe made during the outage gets no
 * answer at all (its SUBSCRIBE waits in ioredis' offline queue), and in production (compiled pods)
 * the unheard UNSUBSCRIBE/SUBSCRIBE rejections ended the pods with MaxRetriesPerRequestError.
 *
 * An empty Redis has lost the sessions it held: a token minted before answers 401 afterwards, as
 * after a revocation (test/faults/redis-down.test.ts), and the client signs in again — the one
 * answer besides 200 and 503 allowed here, and only after the empty restart. The pods re-check
 * WebSocket sessions every WS_SESSION_CHECK_SECONDS and would close the old socket (4401) at the
 * next check; the check is set long here so that this test shows pub/sub, not sessions.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, seedDemo } from '../../src/seed/demo.js';
import { LAST_NET_MESSAGE } from '../../src/observability/last-net.js';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { openMigratedDatabase, type MigratedDatabase } from '../support/databases.js';
import { operationText, type GraphQLResult, type ResultOf } from '../support/operations.js';
import { find, parseSamples } from '../support/prometheus-text.js';
import { startPrivateRedis, type PrivateRedis } from '../support/redis-server.js';
import { startServerProcess, type ServerProcess } from '../support/server-process.js';
import { connectWs, sleep, until, type TestSubscription, type TestWsClient } from '../support/ws-client.js';
import { graphql } from '../generated/index.js';

/** How long Redis stays away in the first fault (the issue's 20 s; FAULT_OUTAGE_MS to shorten locally). */
const OUTAGE_MS = Number(process.env.FAULT_OUTAGE_MS ?? 20_000);
/**
 * How long after Redis is back a subscription opened before the fault must receive events again:
 * ioredis reconnects within 2 s of Redis answering (its default back-off is capped at 2 s), then
 * the pod re-subscribes; the rest is slack for a busy machine.
 */
const RECOVERY_MS = 30_000;
/** Every HTTP request of the traffic must be answered within this (a hung request counts as status 0). */
const ANSWER_WITHIN_MS = 15_000;

const LOGIN = graphql(`mutation RedisFailoverLogin($s: String!, $e: String!, $p: String!) { login(tenantSlug: $s, email: $e, password: $p) { accessToken } }`);
const CREATE_TASK = graphql(`mutation RedisFailoverCreateTask($i: CreateTaskInput!) { createTask(input: $i) { id } }`);
const READ = graphql(`query RedisFailoverRead { me { id } tasks(first: 5) { nodes { id } } }`);
const PROJECTS = graphql(`query RedisFailoverProjects { projects(first: 20) { nodes { id status } } }`);
const ACTIVITY = graphql(`subscription RedisFailoverActivity { activityRecorded { id verb subjectId } }`);
const ADMIN = { s: 'sakura-kensetsu', e: 'admin@sakura-kensetsu.example', p: DEMO_PASSWORD };

interface Answer {
  pod: number;
  what: string;
  status: number;
  code?: string | undefined;
  retryAfter?: string | null;
  afterEmptyRestart: boolean;
}

describe('Redis failover with subscriptions open on two pods', () => {
  let database: MigratedDatabase;
  let redis: PrivateRedis;
  const pods: ServerProcess[] = [];
  const clients: TestWsClient[] = [];
  const subscriptions: TestSubscription<ResultOf<typeof ACTIVITY>>[] = [];
  let projectId: string;
  const session = { token: '', emptyRestart: false };
  const answers: Answer[] = [];
  let traffic: { stop(): Promise<void> } | undefined;

  async function signIn(pod: ServerProcess): Promise<string> {
    const result = await pod.graphql(LOGIN, ADMIN);
    if (result.status !== 200) throw new Error(`login answered ${result.status}: ${JSON.stringify(result.errors)}`);
    return result.data!.login.accessToken;
  }

  /** One operation, its answer recorded; a network error (a dead pod) is recorded as status 0. */
  async function call<TResult, TVariables>(podIndex: number, what: string, query: TypedDocumentNode<TResult, TVariables>, variables: TVariables, token?: string) {
    const pod = pods[podIndex]!;
    try {
      // Bounded: a request the pod never answers is a failure to see, not a test that hangs.
      const response = await fetch(`${pod.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token && { authorization: `Bearer ${token}` }) },
        body: JSON.stringify({ query: operationText(query), variables }),
        signal: AbortSignal.timeout(ANSWER_WITHIN_MS),
      });
      const result = { status: response.status, headers: response.headers, ...((await response.json()) as Pick<GraphQLResult<TResult>, 'data' | 'errors'>) };
      const code = result.errors?.[0]?.extensions?.code as string | undefined;
      // A 200 carrying INTERNAL is a failure that was not turned into a coded error.
      const status = result.status === 200 && code === 'INTERNAL' ? 500 : result.status;
      answers.push({ pod: podIndex, what, status, code, retryAfter: result.headers.get('retry-after'), afterEmptyRestart: session.emptyRestart });
      return result;
    } catch (err) {
      answers.push({ pod: podIndex, what, status: 0, code: String(err), afterEmptyRestart: session.emptyRestart });
      return undefined;
    }
  }

  /** Writes and reads on both pods until stopped; signs in again when an empty Redis lost the session. */
  function startTraffic() {
    let running = true;
    const loop = (async () => {
      for (let i = 0; running; i++) {
        const pod = i % 2;
        const created = await call(pod, 'createTask', CREATE_TASK, { i: { projectId, title: `failover ${i}` } }, session.token);
        await call(pod, 'read', READ, {}, session.token);
        if (created?.status === 401 && session.emptyRestart) {
          const login = await call(pod, 'login', LOGIN, ADMIN);
          if (login?.status === 200) session.token = login.data!.login.accessToken;
        } else if (i % 10 === 0) await call(pod, 'login', LOGIN, ADMIN); // sign-in needs Redis: 503 while it is away
        await sleep(100);
      }
    })();
    return {
      async stop() {
        running = false;
        // Each call is bounded, so the loop ends within one round; a test must not hang on it anyway.
        await Promise.race([loop, sleep(4 * ANSWER_WITHIN_MS)]);
      },
    };
  }

  /** Writes (through pod 0) until every pre-fault subscription has received one more event. */
  async function nextEventReachesEveryone(timeoutMs: number) {
    const counts = subscriptions.map((s) => s.results.length);
    const deadline = Date.now() + timeoutMs;
    let i = 0;
    while (!subscriptions.every((s, n) => s.results.length > counts[n]!)) {
      if (Date.now() > deadline) throw new Error(`no event after recovery within ${timeoutMs} ms: ${subscriptions.map((s) => `${s.results.length} results, error ${JSON.stringify(s.error)}`)}`);
      const written = await pods[0]!.graphql(CREATE_TASK, { i: { projectId, title: `after recovery ${i++}` } }, session.token);
      if (written.status === 401) session.token = await signIn(pods[0]!).catch(() => session.token); // an empty Redis lost the session
      await sleep(250);
    }
    for (const s of subscriptions) {
      expect(s.error).toBeUndefined();
      const last = s.results.at(-1)!;
      expect(last.errors, JSON.stringify(last.errors)).toBeUndefined();
      expect(last.data?.activityRecorded.verb).toBe('task.created');
    }
  }

  async function unhandledCount(pod: ServerProcess): Promise<number> {
    const text = await (await fetch(`${pod.url}/metrics`)).text();
    return find(parseSamples(text), 'dandori_unhandled_errors_total').reduce((sum, s) => sum + s.value, 0);
  }

  async function assertPodsHealthy() {
    for (const [n, pod] of pods.entries()) {
      expect(pod.child.exitCode, `pod ${n} exited:\n${pod.output().slice(-3000)}`).toBeNull();
      expect((await fetch(`${pod.url}/healthz`)).status).toBe(200);
      expect(pod.output()).not.toContain(LAST_NET_MESSAGE);
      expect(await unhandledCount(pod)).toBe(0);
    }
  }

  function assertAnswers() {
    expect(answers.length).toBeGreaterThan(0);
    const wrong = answers.filter((a) => {
      if (a.status === 200) return false;
      if (a.status === 503) return a.code !== 'SERVICE_UNAVAILABLE' || !a.retryAfter;
      return !(a.status === 401 && a.code === 'UNAUTHENTICATED' && a.afterEmptyRestart);
    });
    expect(wrong, JSON.stringify(wrong.slice(0, 5))).toEqual([]);
  }

  beforeAll(async () => {
    database = await openMigratedDatabase('postgres');
    await seedDemo(database.database);
    redis = await startPrivateRedis();
    const env = { DATABASE_URL: database.url!, REDIS_URL: redis.url, LOG_LEVEL: 'info', WS_SESSION_CHECK_SECONDS: '3600' };
    pods.push(...(await Promise.all([startServerProcess(env), startServerProcess(env)])));
    session.token = await signIn(pods[0]!);
    const projects = await pods[0]!.graphql(PROJECTS, {}, session.token);
    projectId = projects.data!.projects.nodes.find((p) => p.status !== 'ARCHIVED')!.id;
    for (const pod of pods) {
      const client = connectWs(pod.url, `Bearer ${session.token}`);
      clients.push(client);
      subscriptions.push(client.subscribe<ResultOf<typeof ACTIVITY>>(operationText(ACTIVITY)));
    }
    await nextEventReachesEveryone(RECOVERY_MS); // both subscriptions are live
  }, 180_000);

  afterAll(async () => {
    await traffic?.stop();
    await Promise.all(clients.map((c) => c.dispose()));
    await Promise.all(pods.map((pod) => pod.stop()));
    await redis?.close();
    await database?.close();
  });

  it(`survives Redis killed for ${OUTAGE_MS / 1000} s and restarted empty: open subscriptions receive events again`, async () => {
    traffic = startTraffic();
    await sleep(1_000);
    await redis.kill();
    const outageEnds = Date.now() + OUTAGE_MS;

    const alive = async (until: number) => {
      while (Date.now() < until) {
        await sleep(500);
        for (const [n, pod] of pods.entries()) expect(pod.child.exitCode, `pod ${n} exited during the outage:\n${pod.output().slice(-2000)}`).toBeNull();
      }
    };
    await alive(Date.now() + OUTAGE_MS / 2);

    // A subscribe while Redis is away is refused at once with a coded, retryable error.
    const late = clients[1]!.subscribe('subscription { activityRecorded { id subjectType } }');
    await alive(outageEnds);
    expect(late.results.length > 0 || late.error !== undefined, 'an answer to the subscribe made during the outage, before it ended').toBe(true);
    const refusal = late.results[0]?.errors?.[0] ?? (late.error as { extensions?: Record<string, unknown> }[] | undefined)?.[0];
    expect(refusal?.extensions?.code, JSON.stringify(refusal)).toBe('SERVICE_UNAVAILABLE');
    expect(refusal?.extensions?.retryAfterSeconds).toBeGreaterThan(0);
    session.emptyRestart = true;
    await redis.start();
    await nextEventReachesEveryone(RECOVERY_MS);
    await traffic.stop();
    traffic = undefined;

    assertAnswers();
    expect(answers.some((a) => a.status === 503 && a.what === 'login')).toBe(true); // the outage was seen
    await assertPodsHealthy();
    for (const pod of pods) expect(pod.output()).toContain('pub/sub: channels subscribed again after a reconnect');
  }, OUTAGE_MS + 120_000);

  it('survives Redis restarted in place (a failover): open subscriptions receive events again', async () => {
    await traffic?.stop(); // left running by a failed test before
    for (const [n, pod] of pods.entries()) expect(pod.child.exitCode, `pod ${n} is not running`).toBeNull();
    answers.length = 0;
    session.emptyRestart = false;
    traffic = startTraffic();
    await sleep(1_000);
    await redis.kill();
    session.emptyRestart = true; // in place, but not persistent: the sessions are gone as well
    await redis.start();
    await nextEventReachesEveryone(RECOVERY_MS);
    await sleep(1_000);
    await traffic.stop();
    traffic = undefined;

    assertAnswers();
    await assertPodsHealthy();
  }, 120_000);
});
