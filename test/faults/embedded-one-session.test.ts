/**
 * The embedded default (PGlite) has one database session for everybody. A request that read and
 * then wrote used to hold that session in its read transaction while its own write waited —
 * until the transaction timeout — and every other tenant waited behind it. Now each read is a
 * short transaction of its own (db/request-db.ts): one tenant's read-then-write never stalls
 * another tenant, nor itself.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';
import { graphql } from '../generated/index.js';

const THREE_TASKS = graphql(`query OneSessionThreeTasks { tasks(first: 3) { nodes { id } } }`);
const WRITES = graphql(`
  mutation OneSessionWrites($a: UUID!, $b: UUID!, $c: UUID!) {
    a: changeTaskStatus(id: $a, status: IN_PROGRESS) { status project { name } assignee { displayName } }
    b: changeTaskStatus(id: $b, status: BLOCKED) { status project { name } }
    c: addComment(taskId: $c, body: "while another tenant reads") { id author { displayName } }
  }
`);
const TENANT_TASKS = graphql(`query OneSessionTenantTasks { tenant { slug } tasks(first: 20) { nodes { title assignee { displayName } } } }`);

// Long, so that half of it is crossed only by a request held behind another's transaction, never
// by a busy machine; a held write would also fail at the timeout (checked through its errors).
const TIMEOUT_MS = 20_000;

describe('embedded default: one session, no stalls', () => {
  let server: TestServer;
  let sakura: string;
  let fuji: string;

  beforeAll(async () => {
    server = await startTestServer({ backend: 'pglite', env: { DB_TRANSACTION_TIMEOUT_MS: String(TIMEOUT_MS) } });
    sakura = (await server.login('sakura-kensetsu', 'admin@sakura-kensetsu.example')).accessToken;
    fuji = (await server.login('fuji-logistics', 'member@fuji-logistics.example')).accessToken;
  });
  afterAll(() => server?.close());

  it("lets another tenant read while one tenant's request reads and then writes", async () => {
    const { data } = await server.graphql(THREE_TASKS, {}, sakura);
    const ids = data!.tasks.nodes.map((t) => t.id);
    const started = Date.now();
    const timed = <T>(work: Promise<T>) => work.then((result) => ({ result, ms: Date.now() - started }));
    // Reads (tasks with relations), then three writes, each followed by reads of what it changed.
    const writer = timed(server.graphql(WRITES, { a: ids[0]!, b: ids[1]!, c: ids[2]! }, sakura));
    const readers = [1, 2, 3].map(() => timed(server.graphql(TENANT_TASKS, {}, fuji)));
    const [write, ...reads] = await Promise.all([writer, ...readers]);

    expect(write.result.errors).toBeUndefined();
    for (const read of reads) {
      expect(read.result.errors).toBeUndefined();
      expect(read.result.data!.tenant.slug).toBe('fuji-logistics');
      // Held behind the other tenant's transaction, this would take the whole transaction timeout.
      expect(read.ms).toBeLessThan(TIMEOUT_MS / 2);
    }
    expect(write.ms).toBeLessThan(TIMEOUT_MS / 2);
  });
});
