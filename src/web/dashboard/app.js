// The live dashboard page (served at /dashboard by src/web/dashboard/routes.ts). Plain browser
// JavaScript, no build step: graphql-ws's browser build is loaded before this module and defines
// `globalThis.graphqlWs`.
//
// The contract it follows is the one every live client should (docs/live-updates.md):
//  - the dashboard is read over HTTP first, then its figures are kept current by `dashboardUpdated`
//    and its activity list by `activityRecorded(after)`, from the cursor of the newest entry read;
//  - after any drop the client reconnects (graphql-ws retries with back-off), REFETCHES the figures
//    (pub/sub is at-most-once) and resubscribes to the activity from the LAST CURSOR it saw: the
//    server replays what happened meanwhile, in order and once each, then goes live;
//  - a 4401 close (expired token, revoked session) refreshes the token once and reconnects; if that
//    fails, the user signs in again. A subscription ended with an error (e.g. the server dropped an
//    event under load, or too much happened to replay) is refetched and subscribed again.

// Every operation the page sends (operations.ts, listed in the trusted documents manifest).
const OPERATIONS = JSON.parse(document.getElementById('dashboard-operations').textContent);
const STATUSES = ['TODO', 'IN_PROGRESS', 'BLOCKED', 'DONE'];
const SESSION_KEY = 'dandori.dashboard.session';

const $ = (id) => document.getElementById(id);
let session = JSON.parse(sessionStorage.getItem(SESSION_KEY) ?? 'null');
let client;
let unsubscribe;
let unsubscribeActivity;
let retryTimer;
/** The activity list, newest first, and the cursor of the newest entry the page has (resumed from). */
let activity = [];
let lastCursor = null;
const ACTIVITY_SHOWN = 8;

function setStatus(state, text = state) {
  $('status').dataset.state = state;
  $('status').textContent = text;
}

function saveSession(next) {
  session = next;
  if (next) sessionStorage.setItem(SESSION_KEY, JSON.stringify(next));
  else sessionStorage.removeItem(SESSION_KEY);
}

async function graphql(query, variables, token) {
  const response = await fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token && { authorization: `Bearer ${token}` }) },
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.json();
  if (body.errors?.length) {
    const error = new Error(body.errors[0].message);
    error.code = body.errors[0].extensions?.code;
    throw error;
  }
  return body.data;
}

/** The access token's expiry (seconds since the epoch), read from the JWT's payload. */
function expiresAt(token) {
  try {
    return JSON.parse(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/'))).exp ?? 0;
  } catch {
    return 0;
  }
}

async function refreshTokens() {
  const data = await graphql(OPERATIONS.refreshSession, { t: session.refreshToken });
  saveSession({ ...session, ...data.refreshSession });
}

/** A token good for at least 30 more seconds, refreshed first when it is not. */
async function accessToken() {
  if (expiresAt(session.accessToken) - Date.now() / 1000 < 30) await refreshTokens();
  return session.accessToken;
}

// ---- rendering (textContent only: nothing from the server is ever parsed as HTML) ----

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  Object.assign(node, props);
  for (const child of children) node.append(child);
  return node;
}

function tile(key, label, value, alert = false) {
  let node = document.querySelector(`[data-tile="${key}"]`);
  if (!node) {
    node = el('div', { className: 'tile' }, el('div', { className: 'value' }), el('div', { className: 'label', textContent: label }));
    node.dataset.tile = key;
    $('tiles').append(node);
  }
  const text = String(value);
  const shown = node.querySelector('.value');
  if (shown.textContent !== '' && shown.textContent !== text) {
    node.classList.add('changed');
    setTimeout(() => node.classList.remove('changed'), 1500);
  }
  shown.textContent = text;
  node.classList.toggle('alert', alert && value > 0);
}

function list(id, items, render) {
  $(id).replaceChildren(...(items.length ? items.map((item) => el('li', {}, ...render(item))) : [el('li', { className: 'meta', textContent: 'nothing here' })]));
}

function render(dashboard) {
  const counts = Object.fromEntries(dashboard.taskCountsByStatus.map((c) => [c.status, c.count]));
  tile('OPEN', 'open tasks', (counts.TODO ?? 0) + (counts.IN_PROGRESS ?? 0) + (counts.BLOCKED ?? 0));
  for (const status of STATUSES) tile(status, status.replace('_', ' '), counts[status] ?? 0, status === 'BLOCKED');
  tile('OVERDUE', 'overdue', dashboard.overdueCount, true);
  const time = (iso) => new Date(iso).toLocaleString();
  list('overdue', dashboard.overdueTasks, (t) => [t.title, el('div', { className: 'meta', textContent: `due ${time(t.dueAt)} · ${t.assignee?.displayName ?? 'unassigned'}` })]);
  list('assignees', dashboard.openTasksByAssignee, (a) => [`${a.assignee.displayName} `, el('span', { className: 'meta', textContent: `${a.openCount} open` })]);
  list('projects', dashboard.projectProgress, (p) => [
    p.project.name,
    el('progress', { max: Math.max(1, p.progress.total), value: p.progress.done }),
    el('div', { className: 'meta', textContent: `${p.progress.done} of ${p.progress.total} done` }),
  ]);
  $('generated').textContent = `as of ${time(dashboard.generatedAt)}`;
}

/** Adds entries (from the query, a replay or live) to the list: each once, newest first, as the feed orders them. */
function addActivity(entries) {
  const byId = new Map([...activity, ...entries].map((a) => [a.id, a]));
  const newestFirst = (a, b) => (a.createdAt === b.createdAt ? (a.id < b.id ? 1 : -1) : a.createdAt < b.createdAt ? 1 : -1);
  activity = [...byId.values()].sort(newestFirst).slice(0, ACTIVITY_SHOWN);
  lastCursor = activity[0]?.cursor ?? lastCursor;
  const time = (iso) => new Date(iso).toLocaleString();
  list('activity', activity, (a) => [a.summary, el('div', { className: 'meta', textContent: `${a.actor?.displayName ?? 'system'} · ${time(a.createdAt)}` })]);
}

// ---- live updates ----

async function refetch() {
  const data = await graphql(OPERATIONS.dashboard, {}, await accessToken());
  $('who').textContent = `${data.me.displayName} (${data.me.role.toLowerCase()})`;
  render(data.dashboard);
  addActivity(data.dashboard.recentActivity);
}

function subscribe() {
  unsubscribe?.();
  unsubscribe = client.subscribe(
    { query: OPERATIONS.dashboardUpdated },
    {
      next: ({ data }) => data && render(data.dashboardUpdated),
      error: (error) => void recover(error),
      complete: () => {},
    },
  );
}

/** The activity from `lastCursor` on (after a reconnect: first what the page missed), then live. */
function followActivity() {
  unsubscribeActivity?.();
  unsubscribeActivity = client.subscribe(
    { query: OPERATIONS.activityRecorded, variables: { after: lastCursor } },
    {
      next: ({ data, errors }) => {
        if (data) {
          addActivity([data.activityRecorded]);
        } else if (errors?.length) void recover(errors[0].extensions ?? {}); // e.g. LIMIT_EXCEEDED: start again from a fresh read
      },
      error: (error) => void recover(error),
      complete: () => {},
    },
  );
}

/** A fatal close or an ended subscription: refresh the token if that is why, then start again. */
async function recover(error) {
  const code = error?.code;
  if (code === 4429) return setStatus('offline', 'too many open tabs: close one, then reload');
  try {
    if (code === 4401) await refreshTokens();
    clearTimeout(retryTimer);
    retryTimer = setTimeout(() => void start(), 1000);
  } catch {
    signOut('Your session ended: please sign in again.');
  }
}

async function start() {
  client?.dispose();
  setStatus('connecting', 'connecting…');
  let connectedBefore = false;
  client = graphqlWs.createClient({
    url: `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`,
    connectionParams: async () => ({ authorization: `Bearer ${await accessToken()}` }),
    retryAttempts: Infinity,
    shouldRetry: () => true,
    retryWait: async (retries) => new Promise((resolve) => setTimeout(resolve, Math.min(10_000, 500 * 2 ** retries) * (0.5 + Math.random()))),
    on: {
      connected: () => {
        setStatus('live');
        if (connectedBefore) {
          // Resume the activity from the last entry seen (graphql-ws would resend the old cursor);
          // dashboard events sent while we were away are lost (at-most-once): read the figures again.
          followActivity();
          void refetch().catch(() => {});
        }
        connectedBefore = true;
      },
      closed: () => setStatus('reconnecting', 'reconnecting…'),
    },
  });
  subscribe();
  activity = [];
  lastCursor = null;
  // First without a cursor: nothing to replay yet, and a subscription without one shares its
  // execution with every page of the same role (a resumed one runs for its client alone). Live
  // first, read second: an event in between is in one or the other (the list keeps each id once).
  followActivity();
  await refetch();
}

function signOut(message = '') {
  unsubscribe?.();
  unsubscribeActivity?.();
  client?.dispose();
  client = undefined;
  if (session) void graphql(OPERATIONS.signOut, { t: session.refreshToken }).catch(() => {});
  saveSession(null);
  $('dashboard').hidden = true;
  $('sign-in').hidden = false;
  $('sign-in-error').textContent = message;
  setStatus('signed-out', 'signed out');
}

$('sign-in').addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = new FormData(event.target);
  $('sign-in-error').textContent = '';
  try {
    const data = await graphql(
      OPERATIONS.signIn,
      { s: form.get('tenant'), e: form.get('email'), p: form.get('password') },
    );
    saveSession(data.login);
    showDashboard();
  } catch (error) {
    $('sign-in-error').textContent = error.message;
  }
});
$('sign-out').addEventListener('click', () => signOut());

function showDashboard() {
  $('sign-in').hidden = true;
  $('dashboard').hidden = false;
  start().catch((error) => recover(error));
}

if (session) showDashboard();
