/**
 * The group key decides who may share one execution: it must differ whenever the sharing table
 * says a selected field depends on something the viewers do not share — role, user — and must not
 * differ for what cannot change the answer (whitespace, variable order).
 */
import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import type { Viewer } from '../../src/auth/viewer.js';
import { SHARING, type SharingTable } from '../../src/cache/sharing-table.js';
import { groupKeyOf } from '../../src/realtime/group-key.js';
import { buildSchema } from '../../src/server/schema.js';

const schema = buildSchema();
const tenantA = '11111111-1111-4111-8111-111111111111';
const tenantB = '22222222-2222-4222-8222-222222222222';
const viewer = (over: Partial<Viewer>): Viewer => ({ tenantId: tenantA, userId: 'u1', role: 'MEMBER', sessionId: 's1', ...over });
const key = (query: string, who: Viewer, variables?: Record<string, unknown>, table?: SharingTable) =>
  groupKeyOf({ schema, document: parse(query), variables, viewer: who }, table);

const ACTIVITY = 'subscription { activityRecorded { id summary actor { displayName } } }';

describe('groupKeyOf', () => {
  it('groups tenant-wide subscriptions of every user and role of a tenant, and only of that tenant', () => {
    const member = key(ACTIVITY, viewer({}));
    expect(member.depends).toBe('tenant');
    expect(key(ACTIVITY, viewer({ userId: 'u2', role: 'VIEWER', sessionId: 's2' })).key).toBe(member.key);
    expect(key('subscription {\n  activityRecorded { id, summary actor { displayName } }\n}', viewer({})).key).toBe(member.key);
    expect(key(ACTIVITY, viewer({ tenantId: tenantB })).key).not.toBe(member.key);
  });

  it('splits by variables, whatever their order', () => {
    const q = 'subscription($p: UUID) { taskChanged(projectId: $p) { id } }';
    const p1 = '33333333-3333-4333-8333-333333333333';
    expect(key(q, viewer({}), { p: p1 }).key).not.toBe(key(q, viewer({})).key);
    expect(key(q, viewer({}), { p: p1, x: 1 }).key).toBe(key(q, viewer({}), { x: 1, p: p1 }).key);
  });

  it('splits by user for a per-user field, and for a field the table does not list', () => {
    const notifications = 'subscription { notificationReceived { id kind } }';
    expect(key(notifications, viewer({})).depends).toBe('user');
    expect(key(notifications, viewer({ userId: 'u2' })).key).not.toBe(key(notifications, viewer({})).key);
    const unlisted = 'subscription { taskChanged { id attachments { id } } }';
    expect(key(unlisted, viewer({ userId: 'u2' })).key).not.toBe(key(unlisted, viewer({})).key);
  });

  it('splits by role, and only by role, when a selected field depends on the role', () => {
    const table: SharingTable = { ...SHARING, ActivityEvent: { ...SHARING.ActivityEvent, summary: { depends: 'role', changesWith: null } } };
    const member = key(ACTIVITY, viewer({}), undefined, table);
    expect(member.depends).toBe('role');
    expect(key(ACTIVITY, viewer({ role: 'VIEWER' }), undefined, table).key).not.toBe(member.key);
    expect(key(ACTIVITY, viewer({ userId: 'u2', sessionId: 's2' }), undefined, table).key).toBe(member.key);
  });
});
