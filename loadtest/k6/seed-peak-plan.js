// @ts-check
/**
 * The plan's peak test, in one place for both runners: the k6 script next to this file and our
 * own runner (`npm run loadtest -- --profile seed-peak`, loadtest/profiles/seed-peak.ts).
 *
 * Each virtual user signs in, then loops: the dashboard query, sleep 1 s. Stages ramp 100 ->
 * 1,000 -> 3,000 users, hold the peak, cool down. The success criteria are the plan's: p95 under
 * 200 ms and under 0.1 % failed requests. Data: `npm run db:seed -- --tenants 20 --users 150
 * --tasks 10000` (user n of tenant t is `user-<nnnn>@load-<ttt>.example`, password below).
 */

export const PEAK_VIRTUAL_USERS = 3000;
export const THINK_TIME_SECONDS = 1;
export const SEED = { tenants: 20, users: 150, tasks: 10000 };
export const PASSWORD = 'dandori-demo-2026';

/** Stage durations in seconds at scale 1 (about 12 minutes); `scale` shortens or stretches them. */
const STAGES = [
  { seconds: 60, target: 100 },
  { seconds: 120, target: 1000 },
  { seconds: 180, target: 3000 },
  { seconds: 300, target: 3000 },
  { seconds: 60, target: 0 },
];

/**
 * k6's `stages` for a duration scale (e.g. 0.25 for a 3-minute run).
 * @param {number} scale
 * @returns {{ duration: string, target: number }[]}
 */
export function seedPeakStages(scale) {
  if (!(scale > 0)) throw new Error(`duration scale must be a positive number, got ${scale}`);
  return STAGES.map((s) => ({ duration: `${Math.max(1, Math.round(s.seconds * scale))}s`, target: s.target }));
}

export const THRESHOLDS = {
  http_req_duration: ['p(95)<200'],
  http_req_failed: ['rate<0.001'],
};

/** What a manager's dashboard asks for: every figure and list of it. */
export const DASHBOARD_QUERY = `query Dashboard {
  dashboard {
    generatedAt
    taskCountsByStatus { status count }
    overdueCount
    overdueTasks(first: 5) { id title dueAt status }
    openTasksByAssignee(top: 5) { openCount assignee { id displayName } }
    projectsByStatus { status count }
    projectProgress(first: 5) { project { id name dueOn } progress { done total ratio } }
    recentActivity(first: 10) { id verb summary createdAt actor { id displayName } }
  }
}`;

/**
 * The seeded login of a virtual user (1-based id): users are spread over the tenants round robin,
 * so 3,000 virtual users are 3,000 distinct people of 20 companies.
 * @param {number} vu
 * @returns {{ tenantSlug: string, email: string }}
 */
export function loginOf(vu) {
  const index = (vu - 1) % (SEED.tenants * SEED.users);
  const tenant = String((index % SEED.tenants) + 1).padStart(3, '0');
  const user = String(Math.floor(index / SEED.tenants) + 1).padStart(4, '0');
  return { tenantSlug: `load-${tenant}`, email: `user-${user}@load-${tenant}.example` };
}

export const LOGIN_MUTATION = `mutation Login($tenantSlug: String!, $email: String!, $password: String!) {
  login(tenantSlug: $tenantSlug, email: $email, password: $password) { accessToken }
}`;
