/**
 * A resume behind a lagging read replica: reads go to a streaming replica that applies the log
 * 600 ms late, and a client resumes right after changes committed. The replay must still send
 * them — they were published before it subscribed, so only the replay can — which it does by
 * reading on the writer when the replica has not applied what committed before the subscribe.
 * Then a live event, whose row is not on the replica yet either when it is executed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateAndSeedDemo } from '../support/databases.js';
import { replicaToolsAvailable, startPostgresReplica, type PostgresReplica } from '../support/postgres-replica.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { connectWs, until, type TestWsClient } from '../support/ws-client.js';

const ACTIVITY = 'subscription($after: String) { activityRecorded(after: $after) { subjectId cursor } }';

describe.skipIf(!replicaToolsAvailable)('resuming behind a lagging replica', () => {
  let replica: PostgresReplica;
  let server: TestServer;
  let client: TestWsClient | undefined;

  beforeAll(async () => {
    replica = await startPostgresReplica({ applyDelayMs: 600 });
    await migrateAndSeedDemo(replica.primaryUrl);
    server = await startTestServer({ databaseUrl: replica.primaryUrl, env: { DATABASE_REPLICA_URL: replica.replicaUrl, DB_REPLICA_POSITION: 'wal' } });
  }, 180_000);
  afterAll(async () => {
    await client?.dispose();
    await server?.close();
    await replica?.stop();
  });

  it('replays the changes committed just before the subscribe, though the replica has not applied them', async () => {
    const member = await server.login('sakura-kensetsu', 'member@sakura-kensetsu.example');
    const projects = await server.graphql('{ projects(first: 20) { nodes { id status } } }', {}, member.accessToken);
    const projectId = projects.data!.projects.nodes.find((p: { status: string }) => p.status !== 'ARCHIVED').id;
    const createTask = async (title: string) => {
      const created = await server.graphql('mutation($i: CreateTaskInput!) { createTask(input: $i) { id } }', { i: { projectId, title } }, member.accessToken);
      expect(created.errors).toBeUndefined();
      return created.data!.createTask.id as string;
    };
    const seen = await createTask('Seen');
    // The cursor of the last event seen, once the replica has it too (reads go to the replica).
    let cursor = '';
    await expect
      .poll(async () => {
        const page = await server.graphql('{ activity(first: 1) { edges { cursor node { subjectId } } } }', {}, member.accessToken);
        cursor = page.data?.activity.edges[0]?.cursor ?? '';
        return page.data?.activity.edges[0]?.node.subjectId;
      }, { timeout: 20_000 })
      .toBe(seen);

    const missed = [await createTask('Missed 1'), await createTask('Missed 2'), await createTask('Missed 3')];
    client = connectWs(server.url, `Bearer ${member.accessToken}`);
    const resumed = client.subscribe<{ activityRecorded: { subjectId: string } }>(ACTIVITY, { after: cursor });
    await until(() => resumed.results.length >= 3 || resumed.error !== undefined, 30_000, () => `the replay; got ${JSON.stringify(resumed.results)}`);
    expect(resumed.results.map((r) => r.data?.activityRecorded.subjectId ?? r.errors)).toEqual(missed);
    // Then live: the event's row is read on the writer when the replica has not applied it yet.
    const live = await createTask('Live');
    await until(() => resumed.results.length >= 4 || resumed.error !== undefined, 30_000, () => `the live event; got ${JSON.stringify(resumed.results)}`);
    expect(resumed.results.map((r) => r.data?.activityRecorded.subjectId ?? r.errors)).toEqual([...missed, live]);
  });
});
