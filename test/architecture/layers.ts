/**
 * The floors of src/, lowest first: a file may import files on its own floor or below, never
 * above (test/architecture/imports.test.ts checks it, and that no import circle exists). Each
 * room is a folder (ending in /) or a single file; a file's most specific room decides its floor.
 * docs/architecture.md ("Layers") draws the same picture in words.
 */
export interface Floor {
  name: string;
  rooms: string[];
}

export const floors: Floor[] = [
  {
    name: 'foundation',
    rooms: [
      'src/config.ts',
      'src/env-file.ts',
      'src/errors.ts',
      'src/error-format.ts',
      'src/generated/',
      'src/lifecycle.ts',
      'src/paths.ts',
      'src/uuid.ts',
      // The vocabulary of live events (names and payload types, no I/O): writes queue them in db/.
      'src/pubsub/topics.ts',
    ],
  },
  { name: 'clients', rooms: ['src/db/', 'src/redis.ts', 'src/observability/', 'src/http/'] },
  {
    name: 'services',
    rooms: ['src/admission/', 'src/auth/', 'src/cache/', 'src/cli.ts', 'src/jobs/', 'src/pubsub/', 'src/seed/', 'src/storage/', 'src/web/'],
  },
  { name: 'context', rooms: ['src/context/'] },
  { name: 'modules', rooms: ['src/modules/'] },
  { name: 'realtime', rooms: ['src/realtime/'] },
  { name: 'server', rooms: ['src/server/'] },
  // Processes' entry points: each composes the floors below and runs them.
  { name: 'entry points', rooms: ['src/main.ts', 'src/jobs/worker.ts', 'src/db/migrate-cli.ts', 'src/admission/tenant-cli.ts'] },
];

/**
 * Imports allowed to run up a floor, each with the reason it stands. Keep this list at three at
 * most; an entry is `from -> to` as paths from the repository root.
 */
export const upwardImports: { from: string; to: string; why: string }[] = [];
