/**
 * `npm run docs`: regenerates the parts of the documentation that are derived from code (today the
 * role table in docs/auth.md, from src/auth/permissions.ts). test/docs/readme.test.ts fails when they are stale.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { withPermissionTable } from '../src/auth/permission-table.js';
import { projectRoot } from '../src/paths.js';

const path = join(projectRoot, 'docs', 'auth.md');
const before = readFileSync(path, 'utf8');
const after = withPermissionTable(before);
if (after !== before) writeFileSync(path, after);
console.log(after === before ? 'docs/auth.md is up to date' : 'docs/auth.md: role table regenerated');
