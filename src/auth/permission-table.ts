/**
 * The "Roles" table of docs/auth.md, generated from the role table in permissions.ts: one row per action,
 * a column per role, ✓ where the role may. `npm run docs` rewrites the section between
 * the markers; test/docs/readme.test.ts fails when it differs from what this renders.
 */
import { actionDescriptions, minimumRole, roleAtLeast, roles, type Action } from './permissions.js';

export const TABLE_START = '<!-- roles-table:start (generated from src/auth/permissions.ts by `npm run docs`) -->';
export const TABLE_END = '<!-- roles-table:end -->';

export function renderPermissionTable(): string {
  const actions = Object.keys(minimumRole) as Action[];
  const header = `| action | what it allows | ${roles.join(' | ')} |`;
  const divider = `|---|---|${roles.map(() => ':---:').join('|')}|`;
  const rows = actions.map((action) => {
    const marks = roles.map((role) => (roleAtLeast(role, minimumRole[action]) ? '✓' : ''));
    return `| \`${action}\` | ${actionDescriptions[action]} | ${marks.join(' | ')} |`;
  });
  return [header, divider, ...rows].join('\n');
}

/** `readme` with the text between the markers replaced by the current table. */
export function withPermissionTable(readme: string): string {
  const start = readme.indexOf(TABLE_START);
  const end = readme.indexOf(TABLE_END);
  if (start === -1 || end === -1 || end < start) throw new Error(`the document needs the markers ${TABLE_START} … ${TABLE_END}`);
  return `${readme.slice(0, start + TABLE_START.length)}\n${renderPermissionTable()}\n${readme.slice(end)}`;
}
