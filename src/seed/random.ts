/**
 * A small seeded pseudo-random generator (mulberry32): the demo companies come out the same on
 * every run and every machine, so screenshots and docs stay true; only ids and "now" differ.
 */
export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max]. */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
}

export function seededRandom(seed: string): Random {
  let state = hashString(seed);
  const next = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]) => {
      if (items.length === 0) throw new RangeError('pick: expected a non-empty list');
      return items[Math.floor(next() * items.length)]!;
    },
  };
}

function hashString(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

const DAY_MS = 24 * 3600 * 1000;

export function daysFrom(base: Date, days: number): Date {
  return new Date(base.getTime() + days * DAY_MS);
}

/** A calendar date (for @db.Date columns): midnight UTC of the day `days` from `base`. */
export function dateOnly(base: Date, days: number): Date {
  const d = daysFrom(base, days);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
}
