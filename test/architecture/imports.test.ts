/**
 * The house keeps its shape: no circle of imports in src/, and every import points down the
 * floors of test/architecture/layers.ts (or is one of the few upward imports listed there, each
 * with its reason). Reads the imports as written (madge, type-only imports included).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { floorOf, readSourceImports, upwardImportsIn, type SourceImports } from './import-graph.js';
import { floors, upwardImports } from './layers.js';

describe('imports of src/', () => {
  let source: SourceImports;
  beforeAll(async () => {
    source = await readSourceImports();
  });

  it('form no circle', () => {
    expect(source.circles).toEqual([]);
  });

  it('point only down the floors, but for the upward imports listed with a reason', () => {
    const allowed = new Set(upwardImports.map(({ from, to }) => `${from} -> ${to}`));
    const unexpected = upwardImportsIn(source.graph).filter((line) => !allowed.has(line.slice(0, line.indexOf(' ('))));
    expect(unexpected).toEqual([]);
    expect(upwardImports.length).toBeLessThanOrEqual(3);
  });

  it('come from files that each have a floor, and every listed room exists', () => {
    const files = Object.keys(source.graph);
    for (const file of files) expect(() => floorOf(file)).not.toThrow();
    for (const room of floors.flatMap((floor) => floor.rooms)) {
      expect(files.some((file) => (room.endsWith('/') ? file.startsWith(room) : file === room)) || room === 'src/generated/', room).toBe(true);
    }
  });

  it('would catch a tie that closed the old circle, put back', () => {
    // realtime/limits.ts once took admitRequest from the server, and the context the module list.
    const withTies = {
      ...source.graph,
      'src/realtime/limits.ts': [...(source.graph['src/realtime/limits.ts'] ?? []), 'src/server/http.ts'],
      'src/context/loaders.ts': [...(source.graph['src/context/loaders.ts'] ?? []), 'src/modules/index.ts'],
    };
    const before = new Set(upwardImportsIn(source.graph));
    expect(upwardImportsIn(withTies).filter((line) => !before.has(line))).toEqual([
      'src/context/loaders.ts -> src/modules/index.ts (context -> modules)',
      'src/realtime/limits.ts -> src/server/http.ts (realtime -> server)',
    ]);
  });
});
