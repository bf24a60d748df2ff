/**
 * The import graph of src/ (madge reads every import, `import type` included) and the two checks
 * the layer rules make of it: circles, and imports that run up a floor (see layers.ts).
 */
import madge from 'madge';
import { floors, type Floor } from './layers.js';

export type ImportGraph = Record<string, string[]>;

export interface SourceImports {
  /** Every file of src/ (generated code left out) with the files it imports, as paths from the repository root. */
  graph: ImportGraph;
  /** Every circle of imports, each as the files around it. */
  circles: string[][];
}

export async function readSourceImports(): Promise<SourceImports> {
  const result = await madge('src', { fileExtensions: ['ts'], tsConfig: 'tsconfig.json', excludeRegExp: [/^generated\//] });
  const inSrc = (file: string) => `src/${file}`;
  const graph: ImportGraph = {};
  for (const [file, imports] of Object.entries(result.obj())) graph[inSrc(file)] = imports.map(inSrc);
  return { graph, circles: result.circular().map((circle) => circle.map(inSrc)) };
}

/** The floor of a file: its most specific room (a file named outright beats its folder). */
export function floorOf(file: string, rules: Floor[] = floors): number {
  let best: { floor: number; length: number } | undefined;
  rules.forEach((floor, index) => {
    for (const room of floor.rooms) {
      const matches = room.endsWith('/') ? file.startsWith(room) : file === room;
      if (matches && (!best || room.length > best.length)) best = { floor: index, length: room.length };
    }
  });
  if (!best) throw new Error(`${file} is in no room of test/architecture/layers.ts: give it a floor`);
  return best.floor;
}

/** Imports from a lower floor to a higher one, as `from -> to (floor -> floor)`. */
export function upwardImportsIn(graph: ImportGraph, rules: Floor[] = floors): string[] {
  const found: string[] = [];
  for (const [from, imports] of Object.entries(graph)) {
    for (const to of imports) {
      const [a, b] = [floorOf(from, rules), floorOf(to, rules)];
      if (b > a) found.push(`${from} -> ${to} (${rules[a]!.name} -> ${rules[b]!.name})`);
    }
  }
  return found.sort();
}
