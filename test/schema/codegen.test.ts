/**
 * The schema is the contract: resolver types are generated from schema/*.graphql, never written
 * by hand. This fails when src/generated/graphql.ts is not what `npm run generate` makes now.
 */
import { readFileSync } from 'node:fs';
import { generate } from '@graphql-codegen/cli';
import { describe, expect, it } from 'vitest';
import { codegenConfig } from '../../codegen.js';
import { buildSchema, loadTypeDefs } from '../../src/server/schema.js';

describe('generated GraphQL types', () => {
  it('are current with schema/*.graphql (run `npm run generate` if this fails)', async () => {
    const [output] = (await generate({ ...codegenConfig, silent: true }, false)) as { filename: string; content: string }[];
    expect(output?.filename).toBe('src/generated/graphql.ts');
    const committed = readFileSync('src/generated/graphql.ts', 'utf8');
    expect(committed.trim()).toBe(output!.content.trim());
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
