/**
 * A client that stops reading cannot make the server hold its events in memory without bound:
 * once more than WS_SEND_BUFFER_MAX_BYTES wait unsent on its socket it is closed with 1013, its
 * subscriptions leave their groups, the failure is counted, and a healthy client of the same
 * group keeps getting every event.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { parseSamples, valueOf } from '../support/prometheus-text.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { connectWs, until } from '../support/ws-client.js';

/** Twenty aliases of the project's whole task list: a large frame for every task change. */
const LARGE = `subscription { taskChanged { id ${Array.from({ length: 20 }, (_, i) => `a${i}: project { tasks(first: 100) { nodes { id title description status createdAt } } }`).join(' ')} } }`;

/** A raw graphql-transport-ws client whose reading can be paused, as a stalled browser tab's would be. */
async function rawClient(url: string, token: string) {
  const socket = new WebSocket(`${url.replace(/^http/, 'ws')}/graphql`, 'graphql-transport-ws');
  const closes: { code: number; reason: string }[] = [];
  socket.on('close', (code, reason) => closes.push({ code, reason: reason.toString() }));
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.once('open', () => socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } })));
    socket.once('message', () => resolve()); // connection_ack
  });
  const tcp = (socket as unknown as { _socket: { pause(): void; resume(): void } })._socket;
  return {
    socket,
    closes,
    subscribe: (id: string, query: string) => socket.send(JSON.stringify({ id, type: 'subscribe', payload: { query } })),
    pause: () => tcp.pause(),
    resume: () => tcp.resume(),
  };
}

describe('a slow consumer', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ env: { WS_SEND_BUFFER_MAX_BYTES: '65536' } });
  });
  afterAll(() => server?.close());

  it('is closed with 1013 once its send buffer is over the limit; the rest of its group is unaffected', async () => {
    const member = await server.login('sakura-kensetsu', 'member@sakura-kensetsu.example');
    const viewer = await server.login('sakura-kensetsu', 'viewer@sakura-kensetsu.example');
    const projects = await server.graphql('{ projects(first: 20) { nodes { id status } } }', {}, member.accessToken);
    const projectId = projects.data!.projects.nodes.find((p: { status: string }) => p.status !== 'ARCHIVED').id;
    const stats = () => server.app.websocket.stats();
    const slowConsumerFailures = async () =>
      valueOf(parseSamples(await server.app.metrics.render()), 'dandori_subscription_delivery_failures_total', { field: 'taskChanged', reason: 'slow_consumer' });

    const slow = await rawClient(server.url, viewer.accessToken);
    for (let i = 0; i < 20; i++) slow.subscribe(`s${i}`, LARGE);
    const healthyClient = connectWs(server.url, `Bearer ${member.accessToken}`);
    const healthy = healthyClient.subscribe<{ taskChanged: { id: string } }>(LARGE);
    try {
      await until(() => stats().subscriptions === 21);
      slow.pause();

      const created: string[] = [];
      for (let i = 0; i < 300 && (await slowConsumerFailures()) === 0; i++) {
        const result = await server.graphql('mutation($i: CreateTaskInput!) { createTask(input: $i) { id } }', { i: { projectId, title: `Backlog ${i}`, description: 'x'.repeat(4000) } }, member.accessToken);
        created.push(result.data!.createTask.id);
      }
      expect(await slowConsumerFailures()).toBe(1);
      slow.resume(); // read the backlog, and the close frame behind it
      await until(() => slow.closes.length > 0, 10_000, () => 'the slow consumer to be closed');
      expect(slow.closes[0]).toEqual({ code: 1013, reason: 'Slow consumer: over 65536 bytes unsent; reconnect and refetch' });
      // Its 20 subscriptions left the group; the healthy member stays and got every event.
      await until(() => stats().connections === 1 && stats().subscriptions === 1);
      await healthy.waitFor(created.length, 20_000);
      expect(healthy.results.map((r) => r.data!.taskChanged.id)).toEqual(created);
      expect(healthy.error).toBeUndefined();
    } finally {
      slow.socket.terminate();
      await healthyClient.dispose();
    }
  });
});
