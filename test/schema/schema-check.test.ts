/**
 * Schema checks (scripts/schema-check.ts): the committed released snapshot is the schema in
 * schema/ (the command CI runs passes), and the comparison fails on breaking changes and lists
 * dangerous ones, on changed copies of the real schema.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/paths.js';
import { compareSchemas, currentSchemaSdl, RELEASED_PATH } from '../../scripts/schema-check.js';

const run = promisify(execFile);
const released = readFileSync(RELEASED_PATH, 'utf8');

describe('schema check', () => {
  it('npm run schema:check passes: schema/ has no breaking change against schema/released/', async () => {
    const { stdout } = await run('npx', ['tsx', 'scripts/schema-check.ts'], { cwd: projectRoot });
    expect(stdout).toContain('schema check passed');
    expect(compareSchemas(released, currentSchemaSdl()).breaking).toEqual([]);
  });

  it('fails (exit 1) when a deployed client could break, naming each change, and lists dangerous ones', async () => {
    // The released schema had a field that schema/ no longer has (breaking), and lacked an enum value it has now (dangerous).
    const folder = await mkdtemp(join(tmpdir(), 'schema-check-'));
    const older = join(folder, 'schema.graphql');
    await writeFile(older, released.replace(/type Dashboard \{\n/, 'type Dashboard {\n  legacyScore: Int\n').replace(/(enum TaskStatus \{[^}]*?)\n  BLOCKED\n/, '$1\n'));
    try {
      await run('npx', ['tsx', 'scripts/schema-check.ts', '--released', older], { cwd: projectRoot });
      expect.unreachable('schema:check passed a breaking change');
    } catch (error) {
      const { code, stdout, stderr } = error as { code: number; stdout: string; stderr: string };
      expect(code).toBe(1);
      expect(stderr).toContain('BREAKING  FIELD_REMOVED: Dashboard.legacyScore was removed.');
      expect(stderr).toMatch(/schema check failed: 1 breaking change against/);
      expect(stdout).toContain('dangerous VALUE_ADDED_TO_ENUM: BLOCKED was added to enum type TaskStatus.');
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });

  it('a removed field and a changed argument type are breaking, each named', async () => {
    expect(released).toContain('  overdueCount: Int!\n');
    const changed = released.replace('  overdueCount: Int!\n', '').replace(/task\(id: UUID!\): Task/, 'task(id: String!): Task');
    const { breaking } = compareSchemas(released, changed);
    expect(breaking.map((change) => change.type).sort()).toEqual(['ARG_CHANGED_KIND', 'FIELD_REMOVED']);
    expect(breaking.map((change) => change.description).join('\n')).toContain('Dashboard.overdueCount was removed');
  });

  it('an enum value added is dangerous, not breaking; a field added is neither', () => {
    const withValue = released.replace(/enum TaskStatus \{\n/, 'enum TaskStatus {\n  ARCHIVED\n');
    expect(withValue).not.toBe(released);
    const valueAdded = compareSchemas(released, withValue);
    expect(valueAdded.breaking).toEqual([]);
    expect(valueAdded.dangerous.map((change) => change.type)).toEqual(['VALUE_ADDED_TO_ENUM']);
    const withField = released.replace(/type Dashboard \{\n/, 'type Dashboard {\n  blockedCount: Int\n');
    expect(compareSchemas(released, withField)).toEqual({ breaking: [], dangerous: [], changed: true });
  });
});
