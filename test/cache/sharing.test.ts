/**
 * The sharing table (src/cache/sharing-table.ts) and the plan it gives an operation: what may be
 * shared between viewers, and what may be cached across requests. The table is checked against
 * the schema, so it cannot name a field that is gone; a field added to the schema but not to the
 * table makes every result that selects it private and uncached.
 */
import { extendSchema, isObjectType, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { planSharing } from '../../src/cache/sharing.js';
import { SHARING } from '../../src/cache/sharing-table.js';
import { buildSchema } from '../../src/server/schema.js';
import { FULL_DASHBOARD } from '../support/queries.js';

const schema = buildSchema();
const plan = (query: string, operationName?: string) => planSharing(schema, parse(query), operationName);

describe('the sharing table', () => {
  it('names only fields that exist', () => {
    for (const [typeName, fields] of Object.entries(SHARING)) {
      const type = schema.getType(typeName);
      expect(type && isObjectType(type), `${typeName} is not an object type of the schema`).toBe(true);
      const existing = Object.keys((type as { getFields(): object }).getFields());
      for (const field of Object.keys(fields)) expect(existing, `${typeName}.${field}`).toContain(field);
    }
  });

  it('shares the dashboard by tenant, keyed by the classes it reads', () => {
    expect(plan(FULL_DASHBOARD)).toEqual({ depends: 'tenant', cacheable: true, classes: ['dashboard', 'user_list'] });
    expect(plan('{ tenant { name } departments(first: 5) { nodes { name } } }')).toEqual({ depends: 'tenant', cacheable: true, classes: ['master'] });
  });

  it('makes a result per-user when one field depends on the user', () => {
    expect(plan('{ dashboard { overdueCount } me { id } }')).toMatchObject({ depends: 'user', cacheable: true });
  });

  it('treats a field missing from the table as per-user and never cached, however it is reached', () => {
    const extended = extendSchema(schema, parse('extend type Dashboard { myOpenTasks: Int! }'));
    const direct = planSharing(extended, parse('{ dashboard { overdueCount myOpenTasks } }'));
    expect(direct).toEqual({ depends: 'user', cacheable: false, classes: ['dashboard'], reason: 'Dashboard.myOpenTasks is not in the sharing table' });
    const viaFragment = planSharing(extended, parse('query { dashboard { ...Mine } } fragment Mine on Dashboard { myOpenTasks }'));
    expect(viaFragment).toMatchObject({ depends: 'user', cacheable: false });
    const viaInline = planSharing(extended, parse('{ dashboard { ... on Dashboard { myOpenTasks } } }'));
    expect(viaInline).toMatchObject({ depends: 'user', cacheable: false });
  });

  it('never caches live data, introspection or a mutation', () => {
    expect(plan('{ tasks(first: 5) { nodes { title } } }')).toMatchObject({ depends: 'tenant', cacheable: false, reason: 'Query.tasks is live data' });
    expect(plan('{ dashboard { overdueTasks { comments { totalCount } } } }')).toMatchObject({ cacheable: false, reason: 'Task.comments is live data' });
    expect(plan('{ __schema { queryType { name } } }')).toMatchObject({ depends: 'user', cacheable: false, reason: 'Query.__schema is introspection' });
    expect(plan('mutation { markAllNotificationsRead }')).toMatchObject({ cacheable: false, reason: 'a mutation is never cached' });
  });

  it('plans the operation asked for in a document of several', () => {
    const document = 'query A { dashboard { overdueCount } } query B { me { id } }';
    expect(plan(document, 'A')).toMatchObject({ depends: 'tenant', cacheable: true });
    expect(plan(document, 'B')).toMatchObject({ depends: 'user', cacheable: true });
    expect(plan(document)).toMatchObject({ cacheable: false, reason: 'no operation to run' });
  });

  it('needs nobody for a document that reads no data', () => {
    expect(plan('{ __typename }')).toEqual({ depends: 'none', cacheable: true, classes: [] });
  });
});
