/**
 * A real client, as the web app uses it: Apollo Client logs in, keeps the access token, and runs
 * the dashboard over HTTP against a started server.
 */
import { ApolloClient, ApolloLink, gql, HttpLink, InMemoryCache } from '@apollo/client';
import { SetContextLink } from '@apollo/client/link/context';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, startTestServer, type TestServer } from '../support/server.js';

const LOGIN = gql`
  mutation Login($tenantSlug: String!, $email: String!, $password: String!) {
    login(tenantSlug: $tenantSlug, email: $email, password: $password) {
      accessToken
      user { id displayName role }
    }
  }
`;

const DASHBOARD = gql`
  query Dashboard {
    dashboard {
      generatedAt
      taskCountsByStatus { status count }
      overdueCount
      overdueTasks(first: 5) { id title dueAt assignee { id displayName } }
      openTasksByAssignee(top: 3) { openCount assignee { id displayName } }
      projectsByStatus { status count }
      projectProgress(first: 5) { project { id name } progress { done total ratio } }
      recentActivity(first: 5) { id verb summary actor { id displayName } }
    }
  }
`;

describe('Apollo Client', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server?.close());

  it('logs in and runs the dashboard', async () => {
    let accessToken: string | undefined;
    const auth = new SetContextLink((previous) => ({
      headers: { ...previous.headers, ...(accessToken && { authorization: `Bearer ${accessToken}` }) },
    }));
    const client = new ApolloClient({
      link: ApolloLink.from([auth, new HttpLink({ uri: `${server.url}/graphql`, fetch })]),
      cache: new InMemoryCache(),
    });

    const login = await client.mutate({
      mutation: LOGIN,
      variables: { tenantSlug: 'sakura-kensetsu', email: 'admin@sakura-kensetsu.example', password: DEMO_PASSWORD },
    });
    const payload = (login.data as { login: { accessToken: string; user: { role: string } } }).login;
    expect(payload.user.role).toBe('ADMIN');
    accessToken = payload.accessToken;

    const { data, error } = await client.query({ query: DASHBOARD });
    expect(error).toBeUndefined();
    const dashboard = (data as { dashboard: Record<string, any> }).dashboard;
    const total = dashboard.taskCountsByStatus.reduce((sum: number, s: { count: number }) => sum + s.count, 0);
    const [row] = await server.database.writer.$queryRaw<{ n: bigint }[]>`
      SELECT count(*) AS n FROM tasks WHERE tenant_id = ${server.tenantIds['sakura-kensetsu']}::uuid`;
    expect(total).toBe(Number(row!.n));
    expect(dashboard.taskCountsByStatus.map((s: { status: string }) => s.status).sort()).toEqual(['BLOCKED', 'DONE', 'IN_PROGRESS', 'TODO']);
    expect(dashboard.recentActivity.length).toBeGreaterThan(0);
    expect(dashboard.projectProgress[0].progress.total).toBeGreaterThanOrEqual(dashboard.projectProgress[0].progress.done);
  });
});
