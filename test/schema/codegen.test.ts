/**
 * The schema is the contract: resolver types are generated from schema/*.graphql, and the tests'
 * operation types from their `graphql(...)` documents, never written by hand. This fails when
 * src/generated/graphql.ts or test/generated/ is not what `npm run generate` makes now.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { generate } from '@graphql-codegen/cli';
import { describe, expect, it } from 'vitest';
import { codegenConfig } from '../../codegen.js';
import { buildSchema, loadTypeDefs } from '../../src/server/schema.js';

describe('generated GraphQL types', () => {
  it('are current with schema/*.graphql and the tests\' documents (run `npm run generate` if this fails)', async () => {
    const outputs = (await generate({ ...codegenConfig, silent: true }, false)) as { filename: string; content: string }[];
    const files = outputs.map((output) => output.filename).sort();
    const committedTests = readdirSync('test/generated').map((name) => `test/generated/${name}`);
    expect(files).toEqual(['src/generated/graphql.ts', ...committedTests].sort());
    for (const output of outputs) {
      expect(readFileSync(output.filename, 'utf8').trim(), output.filename).toBe(output.content.trim());
    }
    // The typed tests are really typed: at least the test server's own login is a document there.
    expect(readFileSync('test/generated/gql.ts', 'utf8')).toContain('TestSupportLogin');
  });

  it('has one SDL file per domain, merged into one executable schema', () => {
    expect(loadTypeDefs().length).toBeGreaterThanOrEqual(10);
    const schema = buildSchema();
    for (const type of ['Tenant', 'User', 'Department', 'Project', 'Task', 'Comment', 'Attachment', 'Notification', 'ActivityEvent', 'Dashboard']) {
      expect(schema.getType(type), type).toBeDefined();
    }
    const query = schema.getQueryType()!.getFields();
    for (const field of ['me', 'tenant', 'users', 'user', 'departments', 'projects', 'project', 'tasks', 'task', 'notifications', 'activity', 'dashboard']) {
      expect(query[field], field).toBeDefined();
    }
  });
});
