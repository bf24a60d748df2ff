/**
 * Every GraphQL operation the /dashboard page sends, in one module: the page reads them from a JSON
 * block of its HTML (page.ts), and `npm run documents` lists them in the trusted documents manifest
 * (documents/persisted-query-manifest.json), so TRUSTED_DOCUMENTS=enforce serves the page.
 */
const FIELDS = `
  generatedAt
  taskCountsByStatus { status count }
  overdueCount
  overdueTasks(first: 5) { id title dueAt assignee { displayName } }
  openTasksByAssignee(top: 5) { openCount assignee { id displayName } }
  projectsByStatus { status count }
  projectProgress(first: 5) { project { id name } progress { done total ratio } }`;
/** An activity entry, with the cursor the page resumes its activity subscription from. */
const ACTIVITY = 'id summary createdAt actor { displayName } cursor';

export const DASHBOARD_OPERATIONS = {
  dashboard: `query LiveDashboardPage { me { displayName role } dashboard { ${FIELDS} recentActivity(first: 8) { ${ACTIVITY} } } }`,
  dashboardUpdated: `subscription LiveDashboardUpdates { dashboardUpdated { ${FIELDS} } }`,
  activityRecorded: `subscription LiveDashboardActivity($after: String) { activityRecorded(after: $after) { ${ACTIVITY} } }`,
  signIn: 'mutation DashboardSignIn($s: String!, $e: String!, $p: String!) { login(tenantSlug: $s, email: $e, password: $p) { accessToken refreshToken } }',
  refreshSession: 'mutation DashboardRefreshSession($t: String!) { refreshSession(refreshToken: $t) { accessToken refreshToken } }',
  signOut: 'mutation DashboardSignOut($t: String) { logout(refreshToken: $t) }',
} as const;
