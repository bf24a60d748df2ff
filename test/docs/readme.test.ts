/**
 * The guide stays true: docs/auth.md's role table is what src/auth/permissions.ts says, docs/api.md's
 * Apollo Client block is examples/apollo-client-session.ts, and the README's example session — the
 * curl block, the subscription block — and the Apollo Client example run as written against a
 * started server.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderPermissionTable, TABLE_END, TABLE_START } from '../../src/auth/permission-table.js';
import { projectRoot } from '../../src/paths.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { until } from '../support/ws-client.js';

const readme = readFileSync(join(projectRoot, 'README.md'), 'utf8');
const apiGuide = readFileSync(join(projectRoot, 'docs', 'api.md'), 'utf8');
const authGuide = readFileSync(join(projectRoot, 'docs', 'auth.md'), 'utf8');

/** The fenced block whose info string is "<language> <name>" (GitHub shows only the language). */
function block(language: string, name: string, document = readme, documentName = 'README.md'): string {
  const match = new RegExp('```' + language + ' ' + name + '\\n([\\s\\S]*?)```').exec(document);
  if (!match) throw new Error(`${documentName} has no \`\`\`${language} ${name} block`);
  return match[1]!;
}

interface Run {
  code: number | null;
  output: string;
}

function run(command: string, args: string[], env: Record<string, string>, onOutput?: (output: string) => void): { done: Promise<Run>; output: () => string } {
  const child = spawn(command, args, { cwd: projectRoot, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
    onOutput?.(output);
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const done = new Promise<Run>((resolve) => child.once('exit', (code) => resolve({ code, output })));
  return { done, output: () => output };
}

/** Every line of `output` that is a JSON object. */
function jsonLines(output: string): Record<string, any>[] {
  return output
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, any>);
}

describe('README.md and its guides', () => {
  it('docs/auth.md has the role table generated from src/auth/permissions.ts (npm run docs)', () => {
    const start = authGuide.indexOf(TABLE_START);
    const end = authGuide.indexOf(TABLE_END);
    expect(start).toBeGreaterThan(-1);
    expect(authGuide.slice(start + TABLE_START.length, end).trim()).toBe(renderPermissionTable());
  });

  it('docs/api.md shows examples/apollo-client-session.ts exactly as it is', () => {
    const example = readFileSync(join(projectRoot, 'examples', 'apollo-client-session.ts'), 'utf8');
    expect(block('ts', 'apollo-client', apiGuide, 'docs/api.md')).toBe(example);
  });

  describe('the example session, run as written', () => {
    let server: TestServer;
    let url: string;
    beforeAll(async () => {
      server = await startTestServer();
      url = `${server.url}/graphql`;
    });
    afterAll(() => server?.close());

    const subscriptions = () => server.app.websocket.stats().subscriptions;
    /** A change in the tenant, made once the documented subscriber is listening. */
    async function makeAChange() {
      const { accessToken } = await server.login('sakura-kensetsu', 'member@sakura-kensetsu.example');
      const { data } = await server.graphql('{ projects(first: 1) { nodes { id } } }', undefined, accessToken);
      const created = await server.graphql(
        'mutation($input: CreateTaskInput!) { createTask(input: $input) { id } }',
        { input: { projectId: data!.projects.nodes[0].id, title: 'Seen live by the README example' } },
        accessToken,
      );
      expect(created.errors).toBeUndefined();
    }

    it('curl: signs in, queries with variables, creates a task as MEMBER, a project only as ADMIN', async () => {
      const { code, output } = await run('bash', ['-euo', 'pipefail', '-c', block('sh', 'session')], { URL: url }).done;
      expect(code, output).toBe(0);
      const [work, task, refused, project] = jsonLines(output);
      expect(work!.data.me).toEqual({ displayName: '佐藤 健太', role: 'MEMBER' });
      expect(work!.data.tasks.totalCount).toBeGreaterThan(0);
      expect(work!.data.tasks.nodes).toHaveLength(2);
      expect(work!.data.tasks.nodes.every((t: { status: string }) => ['TODO', 'IN_PROGRESS'].includes(t.status))).toBe(true);
      expect(task!.data.createTask).toMatchObject({ title: 'Check the crane permit', status: 'TODO', priority: 'HIGH', project: { name: work!.data.projects.nodes[0].name } });
      expect(refused!.errors[0].extensions.code).toBe('FORBIDDEN');
      expect(refused!.errors[0].message).toBe('project:manage needs the ADMIN role or higher; you are MEMBER');
      expect(project!.data.createProject).toMatchObject({ name: 'Yokohama warehouse', status: 'PLANNED' });
      // What the session wrote is really there.
      const count = await server.database.writer.task.count({ where: { title: 'Check the crane permit', tenantId: server.tenantIds['sakura-kensetsu'] } });
      expect(count).toBeGreaterThanOrEqual(1);
    }, 180_000);

    it('subscription: the graphql-ws one-liner prints the next activity event and exits', async () => {
      const { accessToken } = await server.login('sakura-kensetsu', 'viewer@sakura-kensetsu.example');
      const before = subscriptions();
      const subscriber = run('bash', ['-euo', 'pipefail', '-c', block('sh', 'subscribe')], { URL: url, TOKEN: accessToken });
      await until(() => subscriptions() > before, 60_000, () => `the subscriber to subscribe; output: ${subscriber.output()}`);
      await makeAChange();
      const { code, output } = await subscriber.done;
      expect(code, output).toBe(0);
      const [event] = jsonLines(output);
      expect(event!.data.activityRecorded).toMatchObject({ verb: 'task.created', actor: { displayName: '佐藤 健太' } });
    }, 180_000);

    it('Apollo Client: the example file runs every step and receives a live event', async () => {
      const before = subscriptions();
      const example = run(process.execPath, ['--import', 'tsx', 'examples/apollo-client-session.ts'], { API_URL: url });
      await until(() => subscriptions() > before, 90_000, () => `the example to subscribe; output: ${example.output()}`);
      await makeAChange();
      const { code, output } = await example.done;
      expect(code, output).toBe(0);
      expect(output).toMatch(/signed in as \{ __typename: 'User', displayName: '佐藤 健太', role: 'MEMBER' \}/);
      expect(output).toMatch(/open tasks: \d+ \[/);
      expect(output).toMatch(/created in .+: \{[\s\S]*title: 'Check the crane permit'/);
      expect(output).toMatch(/live event: \{"activityRecorded":\{"__typename":"ActivityEvent","verb":"task\.created"/);
    }, 180_000);
  });
});
