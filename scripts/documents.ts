/**
 * `npm run documents`: writes documents/persisted-query-manifest.json, the trusted documents
 * (src/server/trusted-documents.ts) — every operation our own clients send — in Apollo's persisted
 * query manifest format. `npm run documents -- --check` writes nothing and fails when the
 * committed manifest is not what the clients send today (CI runs it; test/api/trusted-documents.test.ts too).
 *
 * The clients:
 *  - the /dashboard page (src/web/dashboard/operations.ts), sent as written;
 *  - the explorer: its prepared examples (INITIAL_DOCUMENT, one entry per operation) and its
 *    sign-in form (src/server/explorer/initial-document.ts);
 *  - examples/*.ts: each gql`…` document, as Apollo Client sends it (its cache adds __typename).
 * Each body is the operation with the fragments it uses, printed by graphql-js; id = SHA-256 of it.
 */
import { readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { addTypenameToDocument } from '@apollo/client/utilities';
import { parse, type DocumentNode } from 'graphql';
import { projectRoot } from '../src/paths.js';
import { EXPLORER_FORM_OPERATIONS, INITIAL_DOCUMENT } from '../src/server/explorer/initial-document.js';
import { MANIFEST_PATH, operationBodies, sha256, type Manifest, type ManifestOperation } from '../src/server/trusted-documents.js';
import { DASHBOARD_OPERATIONS } from '../src/web/dashboard/operations.js';

interface Source {
  /** Where the document comes from, for error messages. */
  origin: string;
  document: DocumentNode;
}

const examplesDir = join(projectRoot, 'examples');

/** gql`…` templates without interpolation (the examples keep their documents literal). */
function gqlDocuments(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/\bgql`([^`]*)`/g)].map((match) => {
    if (match[1]!.includes('${')) throw new Error(`${relative(projectRoot, file)}: a gql document with \${…} cannot be listed; write it out`);
    return match[1]!;
  });
}

export function clientDocuments(): Source[] {
  const sources: Source[] = [];
  for (const [key, text] of Object.entries(DASHBOARD_OPERATIONS)) sources.push({ origin: `dashboard page (${key})`, document: parse(text) });
  sources.push({ origin: 'explorer prepared examples', document: parse(INITIAL_DOCUMENT) });
  for (const [key, text] of Object.entries(EXPLORER_FORM_OPERATIONS)) sources.push({ origin: `explorer sign-in form (${key})`, document: parse(text) });
  for (const file of readdirSync(examplesDir).filter((name) => /\.(ts|js|mjs)$/.test(name)).sort()) {
    for (const text of gqlDocuments(join(examplesDir, file))) {
      // What Apollo Client's InMemoryCache does to every document before sending it.
      sources.push({ origin: `examples/${file}`, document: addTypenameToDocument(parse(text)) });
    }
  }
  return sources;
}

/** The manifest of the given documents; refuses one name for two different bodies (as Apollo's generator does). */
export function buildManifest(sources: Source[]): Manifest {
  const byName = new Map<string, ManifestOperation & { origin: string }>();
  for (const { origin, document } of sources) {
    for (const operation of operationBodies(document)) {
      const entry = { id: sha256(operation.body), ...operation, origin };
      const earlier = byName.get(operation.name);
      if (earlier && earlier.id !== entry.id) throw new Error(`operation name ${operation.name} has two different bodies: in ${earlier.origin} and in ${origin}; rename one`);
      byName.set(operation.name, entry);
    }
  }
  const operations = [...byName.values()]
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map(({ id, name, type, body }) => ({ id, name, type, body }));
  return { format: 'apollo-persisted-query-manifest', version: 1, operations };
}

export function manifestText(manifest: Manifest): string {
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

function main() {
  const check = process.argv.includes('--check');
  const text = manifestText(buildManifest(clientDocuments()));
  const where = relative(projectRoot, MANIFEST_PATH);
  const summary = `${JSON.parse(text).operations.length} operations, ${Buffer.byteLength(text)} bytes`;
  if (check) {
    let committed = '';
    try {
      committed = readFileSync(MANIFEST_PATH, 'utf8');
    } catch {
      // missing: reported below
    }
    if (committed !== text) {
      console.error(`${where} is not what the clients send today: run \`npm run documents\` and commit it`);
      process.exit(1);
    }
    console.log(`${where} is up to date (${summary})`);
    return;
  }
  mkdirSync(dirname(MANIFEST_PATH), { recursive: true });
  writeFileSync(MANIFEST_PATH, text);
  console.log(`wrote ${where} (${summary})`);
}

// Run as a command (tsx scripts/…), not when a test imports the functions above.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
