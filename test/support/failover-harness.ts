/**
 * What every failover test (test/faults/*-failover.test.ts) stands on: two server processes
 * ("pods") sharing PostgreSQL and Redis, a live graphql-ws subscription to `activityRecorded` on
 * each, and traffic (createTask, a read, a sign-in now and then) on the pods a load balancer would
 * route to. Every HTTP answer is recorded; the checks are the ones the fault tests share: both
 * processes alive and healthy, nothing reached the last net, every answer 200 or a coded 503 with
 * Retry-After, and a subscription opened before the fault receives the next event.
 */
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { expect } from 'vitest';
import { DEMO_PASSWORD, seedDemo } from '../../src/seed/demo.js';
import { LAST_NET_MESSAGE } from '../../src/observability/last-net.js';
import { graphql } from '../generated/index.js';
import { openMigratedDatabase, type MigratedDatabase } from './databases.js';
import { operationText, type GraphQLResult } from './operations.js';
import { find, parseSamples } from './prometheus-text.js';
import { startServerProcess, type ServerProcess } from './server-process.js';
import { connectWs, sleep, type TestSubscription, type TestWsClient } from './ws-client.js';

/** Every HTTP request of the traffic must be answered within this (a hung request counts as status 0). */
export const ANSWER_WITHIN_MS = 15_000;

/** How long a sign-in may keep being answered with a retryable 503 on a busy machine. */
const SIGN_IN_WITHIN_MS = 60_000;

export const LOGIN = graphql(`mutation FailoverLogin($s: String!, $e: String!, $p: String!) { login(tenantSlug: $s, email: $e, password: $p) { accessToken } }`);
export const CREATE_TASK = graphql(`mutation FailoverCreateTask($i: CreateTaskInput!) { createTask(input: $i) { id } }`);
const READ = graphql(`query FailoverRead { me { id } tasks(first: 5) { nodes { id } } }`);
const PROJECTS = graphql(`query FailoverProjects { projects(first: 20) { nodes { id status } } }`);
/** Sent as text by the WebSocket client; results are checked for `verb`. */
export const ACTIVITY = operationText(graphql(`subscription FailoverActivity { activityRecorded { id verb subjectId } }`));
export const ADMIN = { s: 'sakura-kensetsu', e: 'admin@sakura-kensetsu.example', p: DEMO_PASSWORD };

export interface Answer {
  pod: number;
  what: string;
  status: number;
  code?: string | undefined;
  retryAfter?: string | null;
  afterEmptyRestart: boolean;
}

export interface FailoverHarness {
  readonly database: MigratedDatabase;
  readonly pods: ServerProcess[];
  readonly clients: TestWsClient[];
  /** One per pod, opened before any fault. */
  readonly subscriptions: TestSubscription[];
  readonly answers: Answer[];
  /** `emptyRestart`: Redis came back empty, so a 401 for the token minted before is expected. */
  readonly session: { token: string; emptyRestart: boolean };
  /** The pods traffic goes to (a load balancer's view: a pod told to stop leaves it at once). */
  readonly routed: Set<number>;
  projectId: string;
  signIn(pod: ServerProcess): Promise<string>;
  startTraffic(): { stop(): Promise<void> };
  /** Writes (through a routed pod) until each of `subscriptions` has received one more event. */
  nextEventReaches(subscriptions: TestSubscription[], timeoutMs: number): Promise<void>;
  assertPodsHealthy(podIndexes?: number[]): Promise<void>;
  assertAnswers(): void;
  close(): Promise<void>;
}

/**
 * `databaseUrl(url)` may route the pods through a proxy (PostgreSQL faults); `env` is shared by
 * both pods (REDIS_URL included).
 */
export async function openFailoverHarness(options: { env: Record<string, string>; databaseUrl?: (url: string) => string }): Promise<FailoverHarness> {
  const database = await openMigratedDatabase('postgres');
  await seedDemo(database.database);
  const pods: ServerProcess[] = [];
  const clients: TestWsClient[] = [];
  const subscriptions: TestSubscription[] = [];
  const answers: Answer[] = [];
  const session = { token: '', emptyRestart: false };
  const routed = new Set<number>([0, 1]);

  /**
   * Signs in, again while the pod answers a coded 503: on a busy machine a sign-in (a memory-hard
   * password hash) may pass the request deadline, which is the answer the deadline promises.
   */
  async function signIn(pod: ServerProcess): Promise<string> {
    const deadline = Date.now() + SIGN_IN_WITHIN_MS;
    for (;;) {
      const result = await pod.graphql(LOGIN, ADMIN);
      if (result.status === 200) return result.data!.login.accessToken;
      const retryable = result.status === 503 && result.errors?.[0]?.extensions?.code === 'SERVICE_UNAVAILABLE';
      if (!retryable || Date.now() > deadline) throw new Error(`login answered ${result.status}: ${JSON.stringify(result.errors)}`);
      await sleep(500);
    }
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

  const routedPod = (i: number) => {
    const live = [...routed];
    return live[i % live.length]!;
  };

  const harness: FailoverHarness = {
    database,
    pods,
    clients,
    subscriptions,
    answers,
    session,
    routed,
    projectId: '',
    signIn,

    startTraffic() {
      let running = true;
      const loop = (async () => {
        for (let i = 0; running; i++) {
          const pod = routedPod(i);
          const created = await call(pod, 'createTask', CREATE_TASK, { i: { projectId: harness.projectId, title: `failover ${i}` } }, session.token);
          await call(pod, 'read', READ, {}, session.token);
          if (created?.status === 401 && session.emptyRestart) {
            const login = await call(pod, 'login', LOGIN, ADMIN);
            if (login?.status === 200 && login.data) session.token = login.data.login.accessToken;
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
    },

    async nextEventReaches(waiting, timeoutMs) {
      const counts = waiting.map((s) => s.results.length);
      const deadline = Date.now() + timeoutMs;
      let i = 0;
      while (!waiting.every((s, n) => s.results.length > counts[n]!)) {
        if (Date.now() > deadline) throw new Error(`no event after recovery within ${timeoutMs} ms: ${waiting.map((s) => `${s.results.length} results, error ${JSON.stringify(s.error)}`)}`);
        const pod = pods[routedPod(i)]!;
        const written = await pod.graphql(CREATE_TASK, { i: { projectId: harness.projectId, title: `after recovery ${i++}` } }, session.token).catch(() => undefined);
        if (written?.status === 401) session.token = await signIn(pod).catch(() => session.token); // an empty Redis lost the session
        await sleep(250);
      }
      for (const s of waiting) {
        expect(s.error).toBeUndefined();
        const last = s.results.at(-1)!;
        expect(last.errors, JSON.stringify(last.errors)).toBeUndefined();
        expect(last.data?.activityRecorded.verb).toBe('task.created');
      }
    },

    async assertPodsHealthy(podIndexes = pods.map((_, n) => n)) {
      for (const n of podIndexes) {
        const pod = pods[n]!;
        expect(pod.child.exitCode, `pod ${n} exited:\n${pod.output().slice(-3000)}`).toBeNull();
        expect((await fetch(`${pod.url}/healthz`)).status).toBe(200);
        expect(pod.output()).not.toContain(LAST_NET_MESSAGE);
        const metrics = await (await fetch(`${pod.url}/metrics`)).text();
        expect(find(parseSamples(metrics), 'dandori_unhandled_errors_total').reduce((sum, s) => sum + s.value, 0)).toBe(0);
      }
    },

    assertAnswers() {
      expect(answers.length).toBeGreaterThan(0);
      const wrong = answers.filter((a) => {
        if (a.status === 200) return false;
        if (a.status === 503) return a.code !== 'SERVICE_UNAVAILABLE' || !a.retryAfter;
        return !(a.status === 401 && a.code === 'UNAUTHENTICATED' && a.afterEmptyRestart);
      });
      expect(wrong, JSON.stringify(wrong.slice(0, 5))).toEqual([]);
    },

    async close() {
      await Promise.all(clients.map((c) => c.dispose()));
      await Promise.all(pods.map((pod) => pod.stop()));
      await database.close();
    },
  };

  const url = options.databaseUrl ? options.databaseUrl(database.url!) : database.url!;
  const env = { DATABASE_URL: url, LOG_LEVEL: 'info', ...options.env };
  pods.push(...(await Promise.all([startServerProcess(env), startServerProcess(env)])));
  session.token = await signIn(pods[0]!);
  const projects = await pods[0]!.graphql(PROJECTS, {}, session.token);
  harness.projectId = projects.data!.projects.nodes.find((p) => p.status !== 'ARCHIVED')!.id;
  for (const pod of pods) {
    const client = connectWs(pod.url, `Bearer ${session.token}`);
    clients.push(client);
    subscriptions.push(client.subscribe(ACTIVITY));
  }
  return harness;
}
