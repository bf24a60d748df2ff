/**
 * Schema checks: `npm run schema:check` compares the schema in schema/*.graphql with the released
 * one, schema/released/schema.graphql (what deployed clients were built against), using graphql-js's
 * findBreakingChanges / findDangerousChanges. Breaking changes (a field, type or argument removed,
 * a type changed, an argument made required…) fail the check; dangerous ones (an enum value or an
 * optional argument added, a default changed…) are listed and pass. `.ci/run` runs it before the tests.
 *
 * `npm run schema:release` writes the current schema as the released snapshot (sorted, printed by
 * graphql-js): run it when a release ships, or to accept a breaking change deliberately.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mergeTypeDefs } from '@graphql-tools/merge';
import { buildASTSchema, buildSchema, findBreakingChanges, findDangerousChanges, lexicographicSortSchema, printSchema, type BreakingChange, type DangerousChange } from 'graphql';
import { projectRoot } from '../src/paths.js';

export const SCHEMA_DIR = join(projectRoot, 'schema');
export const RELEASED_PATH = join(SCHEMA_DIR, 'released', 'schema.graphql');

/** The schema of every SDL file in `dir` (not its subfolders), merged, sorted and printed. */
export function currentSchemaSdl(dir = SCHEMA_DIR): string {
  const typeDefs = readdirSync(dir)
    .filter((file) => file.endsWith('.graphql'))
    .sort()
    .map((file) => readFileSync(join(dir, file), 'utf8'));
  return `${printSchema(lexicographicSortSchema(buildASTSchema(mergeTypeDefs(typeDefs))))}\n`;
}

export interface SchemaComparison {
  breaking: BreakingChange[];
  dangerous: DangerousChange[];
  /** Whether the two differ at all (a safe change too, e.g. a field added). */
  changed: boolean;
}

export function compareSchemas(releasedSdl: string, currentSdl: string): SchemaComparison {
  const released = buildSchema(releasedSdl);
  const current = buildSchema(currentSdl);
  return {
    breaking: findBreakingChanges(released, current),
    dangerous: findDangerousChanges(released, current),
    changed: printSchema(lexicographicSortSchema(released)) !== printSchema(lexicographicSortSchema(current)),
  };
}

function main() {
  const current = currentSchemaSdl();
  // `--released <file>` compares with another snapshot (the test's altered copies).
  const given = process.argv.indexOf('--released');
  const releasedPath = given > 0 && process.argv[given + 1] ? resolve(process.argv[given + 1]!) : RELEASED_PATH;
  const where = relative(projectRoot, releasedPath);
  if (process.argv.includes('--release')) {
    mkdirSync(dirname(releasedPath), { recursive: true });
    writeFileSync(releasedPath, current);
    console.log(`wrote ${where}: the released schema is now schema/*.graphql`);
    return;
  }
  const { breaking, dangerous, changed } = compareSchemas(readFileSync(releasedPath, 'utf8'), current);
  for (const change of breaking) console.error(`BREAKING  ${change.type}: ${change.description}`);
  for (const change of dangerous) console.log(`dangerous ${change.type}: ${change.description}`);
  if (breaking.length) {
    console.error(
      `schema check failed: ${breaking.length} breaking change${breaking.length === 1 ? '' : 's'} against ${where}; deployed clients would fail. ` +
        'Deprecate instead of removing (@deprecated), add instead of changing; or, deliberately, `npm run schema:release`.',
    );
    process.exit(1);
  }
  console.log(
    changed
      ? `schema check passed: no breaking change against ${where} (${dangerous.length} dangerous); run \`npm run schema:release\` when this ships`
      : `schema check passed: schema/ is the released schema (${where})`,
  );
}

// Run as a command (tsx scripts/…), not when a test imports the functions above.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
