// A session with Apollo Client 4: sign in, a query with variables, a mutation a MEMBER may run,
// then a subscription over WebSocket (graphql-ws). Run it against `npm start`:
//   npx tsx examples/apollo-client-session.ts
// (API_URL=... for another server). It prints each step and exits after the first live event:
// make any change meanwhile (e.g. createTask in the explorer) to see one arrive. Its operations are
// trusted documents (`npm run documents` lists them), so it runs against TRUSTED_DOCUMENTS=enforce too.
import { ApolloClient, ApolloLink, gql, HttpLink, InMemoryCache } from '@apollo/client';
import { SetContextLink } from '@apollo/client/link/context';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { getMainDefinition } from '@apollo/client/utilities';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws'; // Node 20 has no WebSocket of its own; browsers do not need this

const url = process.env.API_URL ?? 'http://localhost:4000/graphql';
let accessToken: string | undefined;

// Queries and mutations over HTTP, with the token as `Authorization: Bearer …`;
// subscriptions over WebSocket, with the token in connectionParams.
const http = ApolloLink.from([
  new SetContextLink((previous) => ({ headers: { ...previous.headers, ...(accessToken && { authorization: `Bearer ${accessToken}` }) } })),
  new HttpLink({ uri: url }),
]);
const socket = createClient({
  url: url.replace(/^http/, 'ws'),
  webSocketImpl: WebSocket,
  connectionParams: () => ({ authorization: `Bearer ${accessToken}` }),
});
const isSubscription = ({ query }: { query: Parameters<typeof getMainDefinition>[0] }) => {
  const definition = getMainDefinition(query);
  return definition.kind === 'OperationDefinition' && definition.operation === 'subscription';
};
const client = new ApolloClient({
  link: ApolloLink.split(isSubscription, new GraphQLWsLink(socket), http),
  cache: new InMemoryCache(),
});

// 1. Sign in as a MEMBER of the demo company sakura-kensetsu.
const { data: signedIn } = await client.mutate<{ login: { accessToken: string; user: { displayName: string; role: string } } }>({
  mutation: gql`
    mutation SessionSignIn($tenantSlug: String!, $email: String!, $password: String!) {
      login(tenantSlug: $tenantSlug, email: $email, password: $password) { accessToken user { displayName role } }
    }
  `,
  variables: { tenantSlug: 'sakura-kensetsu', email: 'member@sakura-kensetsu.example', password: 'dandori-demo-2026' },
});
accessToken = signedIn!.login.accessToken;
console.log('signed in as', signedIn!.login.user);

// 2. A query with variables: my open tasks, and a project to add one to.
const { data: work } = await client.query<{ tasks: { totalCount: number; nodes: { title: string; status: string }[] }; projects: { nodes: { id: string; name: string }[] } }>({
  query: gql`
    query SessionWork($first: Int!, $status: [TaskStatus!]) {
      tasks(first: $first, filter: { status: $status }) { totalCount nodes { id title status } }
      projects(first: 1) { nodes { id name } }
    }
  `,
  variables: { first: 3, status: ['TODO', 'IN_PROGRESS'] },
});
console.log('open tasks:', work!.tasks.totalCount, work!.tasks.nodes.map((t) => `${t.title} (${t.status})`));

// 3. A mutation a MEMBER may run (createProject would need ADMIN: FORBIDDEN, HTTP 403).
const project = work!.projects.nodes[0]!;
const { data: created } = await client.mutate<{ createTask: { id: string; title: string; status: string } }>({
  mutation: gql`
    mutation SessionNewTask($input: CreateTaskInput!) {
      createTask(input: $input) { id title status }
    }
  `,
  variables: { input: { projectId: project.id, title: 'Check the crane permit', priority: 'HIGH' } },
});
console.log(`created in ${project.name}:`, created!.createTask);

// 4. A subscription: activity in the tenant, pushed over WebSocket. It keeps the cursor of the last
// event it saw, and when the socket comes back after a drop (graphql-ws reconnects by itself) it
// subscribes again from that cursor: what happened meanwhile comes first, in order and once each,
// then live events (docs/live-updates.md, "Resume from a cursor").
const ACTIVITY = gql`
  subscription SessionActivity($after: String) {
    activityRecorded(after: $after) { verb summary actor { displayName } cursor }
  }
`;
let lastCursor: string | null = null;
let live: { unsubscribe(): void } | undefined;
function followActivity(onEvent: (data: unknown) => void, onError: (error: unknown) => void) {
  live?.unsubscribe();
  live = client
    .subscribe<{ activityRecorded: { cursor: string } }>({ query: ACTIVITY, variables: { after: lastCursor } })
    .subscribe({
      next: ({ data }) => {
        if (!data) return;
        lastCursor = data.activityRecorded.cursor;
        onEvent(data);
      },
      error: onError,
    });
}

console.log('waiting for the next activity event…');
const event = await new Promise<unknown>((resolve, reject) => {
  const first = (data: unknown) => {
    stopResuming();
    live?.unsubscribe();
    resolve(data);
  };
  const stopResuming = socket.on('connected', (_socket, _payload, wasRetry) => {
    if (wasRetry) followActivity(first, reject); // back after a drop: resume from the last cursor
  });
  followActivity(first, reject);
});
console.log('live event:', JSON.stringify(event));
await socket.dispose();
