/**
 * Open-loop load for the fault bench: requests leave at a fixed rate whatever the answers take
 * (a frozen database does not slow the arrivals down, as it does not slow real users clicking),
 * through the load balancer, as signed-in users. Of every three requests one is a task list
 * (never cached: it reaches PostgreSQL), one the dashboard and one a comment with a body of its
 * own (a marker), so the bench can check afterwards which writes were committed.
 *
 * Every request is recorded when it leaves (so what is still in flight is known) and completed
 * when it is answered or fails.
 */
import { request, type Dispatcher } from 'undici';
import { FULL_DASHBOARD } from '../../test/support/queries.js';
import type { Balancer } from './load-balancer.js';

const TASKS = '{ tasks(first: 10) { nodes { id title assignee { displayName } } } }';
const ADD_COMMENT = 'mutation($t: UUID!, $b: String!) { addComment(taskId: $t, body: $b) { id } }';
/** Longer than every server-side bound (REQUEST_DEADLINE_MS, SHUTDOWN_GRACE_MS): a timeout here is a request that hung. */
const CLIENT_TIMEOUT_MS = 30_000;

export type RequestKind = 'tasks' | 'dashboard' | 'comment';
const KINDS: RequestKind[] = ['tasks', 'dashboard', 'comment'];

export interface SignedInUser {
  tenant: string;
  email: string;
  role: string;
  token: string;
  /** Tasks of the user's tenant, to comment on. */
  taskIds: string[];
}

export interface Sample {
  scenario: string;
  kind: RequestKind;
  /** Epoch milliseconds. */
  sentAt: number;
  /** Unset while the request is in flight. */
  doneAt?: number;
  latencyMs?: number;
  /** Base URL of the server the balancer picked. */
  target?: string;
  /** HTTP status, when an answer came. */
  status?: number;
  /** Why no HTTP answer came (refused, reset, client timeout, no ready server). */
  network?: string;
  /** extensions.code of each error in the body, deduplicated ('no code' for an error without one). */
  codes: string[];
  retryAfter?: string;
  /** Body of the comment a write adds (unique per request). */
  marker?: string;
}

/** What a client counts as served: 200 with data and no errors. */
export const succeeded = (s: Sample): boolean => s.status === 200 && s.codes.length === 0;

export const epochNow = (): number => performance.timeOrigin + performance.now();

export interface OpenLoopOptions {
  scenario: string;
  /** Requests per second. */
  rate: number;
  balancer: Balancer;
  dispatcher: Dispatcher;
  users: SignedInUser[];
  /** The comment body of write number `seq`; unique across the run. */
  marker(seq: number): string;
  /** Stops sending when aborted (the bench is interrupted). */
  signal?: AbortSignal;
}

export interface OpenLoopLoad {
  readonly samples: Sample[];
  inFlight(): number;
  /** Stops sending and resolves once every request in flight is answered or failed. */
  stop(): Promise<void>;
}

export function startOpenLoad(options: OpenLoopOptions): OpenLoopLoad {
  const writers = options.users.filter((u) => u.role !== 'VIEWER'); // comment:write needs MEMBER (src/auth/permissions.ts)
  if (writers.length === 0) throw new Error('no signed-in user may comment');
  const samples: Sample[] = [];
  const pending = new Set<Promise<void>>();
  const gap = 1000 / options.rate;
  const started = epochNow();
  let seq = 0;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;

  const send = (n: number) => {
    const kind = KINDS[n % KINDS.length]!;
    const user = kind === 'comment' ? writers[Math.floor(n / KINDS.length) % writers.length]! : options.users[n % options.users.length]!;
    const sample: Sample = { scenario: options.scenario, kind, sentAt: epochNow(), codes: [] };
    samples.push(sample);
    const body =
      kind === 'comment'
        ? { query: ADD_COMMENT, variables: { t: user.taskIds[n % user.taskIds.length], b: (sample.marker = options.marker(n)) } }
        : { query: kind === 'tasks' ? TASKS : FULL_DASHBOARD };
    const done = execute(sample, user.token, body, options).finally(() => pending.delete(done));
    pending.add(done);
  };
  // Every request leaves at its scheduled time; when this process was held up, the ones that
  // were due leave at once (the arrivals do not depend on how fast anything answers).
  const tick = () => {
    if (options.signal?.aborted) stopped = true;
    while (!stopped && epochNow() >= started + seq * gap) send(seq++);
    if (!stopped) timer = setTimeout(tick, Math.max(0, started + seq * gap - epochNow()));
  };
  tick();

  return {
    samples,
    inFlight: () => pending.size,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      while (pending.size > 0) await Promise.all([...pending]);
    },
  };
}

async function execute(sample: Sample, token: string, body: unknown, { balancer, dispatcher }: OpenLoopOptions): Promise<void> {
  try {
    const target = balancer.pick();
    if (!target) {
      sample.network = 'no ready server'; // the ALB answers 503 itself
      return;
    }
    sample.target = target;
    const response = await request(`${target}/graphql`, {
      method: 'POST', dispatcher, body: JSON.stringify(body), signal: AbortSignal.timeout(CLIENT_TIMEOUT_MS),
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    });
    sample.status = response.statusCode;
    const retryAfter = response.headers['retry-after'];
    if (retryAfter !== undefined) sample.retryAfter = String(retryAfter);
    sample.codes = errorCodes(await response.body.text());
  } catch (error) {
    sample.network = describeNetworkError(error);
  } finally {
    sample.doneAt = epochNow();
    sample.latencyMs = Math.round((sample.doneAt - sample.sentAt) * 10) / 10;
  }
}

function errorCodes(text: string): string[] {
  let body: { data?: unknown; errors?: { extensions?: { code?: unknown } }[] };
  try {
    body = JSON.parse(text);
  } catch {
    return ['not JSON'];
  }
  if (body.errors?.length) return [...new Set(body.errors.map((e) => (typeof e.extensions?.code === 'string' ? e.extensions.code : 'no code')))];
  return body.data ? [] : ['no data'];
}

function describeNetworkError(error: unknown): string {
  const { name, code, cause } = error as { name?: string; code?: string; cause?: { code?: string } };
  if (name === 'TimeoutError') return `no answer in ${CLIENT_TIMEOUT_MS / 1000} s`;
  return code ?? cause?.code ?? name ?? String(error);
}
