/**
 * What the explorer opens with, online (Apollo Sandbox) and offline (GraphiQL alike): a document
 * that walks through signing in, a query with variables, a mutation a MEMBER may run, and a
 * subscription; the variables for it (a demo login from the start-up banner); and the header
 * template to paste the access token into.
 */
export const INITIAL_DOCUMENT = `# Welcome to the Dandori Portal API.
#
# 1. Run SignIn: any demo login from the start-up banner.
# 2. Copy data.login.accessToken into the headers:
#      { "Authorization": "Bearer <accessToken>" }
#    (/explorer has a sign-in form that does 1 and 2.)
# 3. Run MyWork, a query with variables. CreateTask
#    needs MEMBER or above (projects need ADMIN): set
#    its "projectId" variable to a project id first.
# 4. Subscriptions: WebSocket on this URL, protocol
#    graphql-ws, signed in with connectionParams
#      { "authorization": "Bearer <accessToken>" }
#    Run Activity, then CreateTask in another tab.

mutation SignIn($tenantSlug: String!, $email: String!, $password: String!) {
  login(tenantSlug: $tenantSlug, email: $email, password: $password) {
    accessToken
    accessTokenExpiresAt
    refreshToken
    user { displayName role }
  }
}

query MyWork($first: Int = 5, $status: [TaskStatus!] = [TODO, IN_PROGRESS]) {
  me { displayName role }
  tasks(first: $first, filter: { status: $status }) {
    totalCount
    nodes { id title status dueAt project { id name } assignee { displayName } }
  }
}

mutation CreateTask($projectId: UUID!) {
  createTask(input: { projectId: $projectId, title: "Tried the API explorer", priority: HIGH }) {
    id title status priority project { name }
  }
}

subscription Activity {
  activityRecorded { verb summary actor { displayName } createdAt }
}
`;

export const INITIAL_VARIABLES = {
  tenantSlug: 'sakura-kensetsu',
  email: 'member@sakura-kensetsu.example',
  password: 'dandori-demo-2026',
  first: 5,
  projectId: 'paste a project id from MyWork',
};

/**
 * The Authorization header template. One word after "Bearer" on purpose: an unusable token only
 * fails the operations that need a viewer (SignIn still works), whereas a malformed header
 * ("Bearer <paste here>") would fail every request, SignIn included.
 */
export const HEADER_TEMPLATE = { Authorization: 'Bearer paste-accessToken-from-SignIn-here' };

const AUTH_FIELDS = 'accessToken accessTokenExpiresAt refreshToken user { displayName role }';

/**
 * What the offline explorer's sign-in form sends (explorer.js reads them from the page's config),
 * listed with the prepared examples in the trusted documents manifest (npm run documents).
 */
export const EXPLORER_FORM_OPERATIONS = {
  signIn: `mutation ExplorerSignIn($tenantSlug: String!, $email: String!, $password: String!) { login(tenantSlug: $tenantSlug, email: $email, password: $password) { ${AUTH_FIELDS} } }`,
  refresh: `mutation ExplorerRefresh($refreshToken: String!) { refreshSession(refreshToken: $refreshToken) { ${AUTH_FIELDS} } }`,
  signOut: 'mutation ExplorerSignOut { logout }',
} as const;
