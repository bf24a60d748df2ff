/**
 * Relay-style connections over keyset pagination. Every list is ordered by (createdAt, id) —
 * newest first unless a list says otherwise — and a cursor is that pair, opaque to clients
 * (base64url JSON). Keyset, not OFFSET: page 500 costs what page 1 costs, and rows inserted
 * while a client pages do not shift what it sees.
 */
import { BadUserInputError } from '../../errors.js';

export const MAX_PAGE_SIZE = 100;

export interface PageInfo {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface Connection<T> {
  edges: Edge<T>[];
  nodes: T[];
  pageInfo: PageInfo;
  /** Counted only when a client asks for it (the default resolver calls it). */
  totalCount: () => Promise<number>;
}

export interface PageArgs {
  first?: number | null;
  after?: string | null;
}

export type Direction = 'newest' | 'oldest';

export interface Keyed {
  id: string;
  createdAt: Date;
}

export interface Position {
  createdAt: Date;
  id: string;
}

/** Validated `first` and decoded `after`. */
export interface Page {
  first: number;
  after: Position | null;
}

export function parsePage(args: PageArgs, defaultFirst = 20): Page {
  const first = args.first ?? defaultFirst;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw new BadUserInputError(`first must be between 1 and ${MAX_PAGE_SIZE}, got ${first}`, {
      first: `must be between 1 and ${MAX_PAGE_SIZE}`,
    });
  }
  return { first, after: args.after ? decodeCursor(args.after) : null };
}

export function encodeCursor(row: Keyed): string {
  return Buffer.from(JSON.stringify([row.createdAt.toISOString(), row.id])).toString('base64url');
}

export function decodeCursor(cursor: string): Position {
  try {
    const [createdAt, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [unknown, unknown];
    const date = new Date(String(createdAt));
    if (typeof createdAt !== 'string' || Number.isNaN(date.getTime()) || typeof id !== 'string' || !/^[0-9a-f-]{36}$/i.test(id)) {
      throw new Error('bad cursor');
    }
    return { createdAt: date, id };
  } catch {
    throw new BadUserInputError(`after: ${JSON.stringify(cursor.slice(0, 64))} is not a cursor from this API`, {
      after: 'not a valid cursor',
    });
  }
}

/** Prisma `where` for "after this position" in the given order. */
export function afterWhere(after: Position | null, direction: Direction = 'newest') {
  if (!after) return {};
  const op = direction === 'newest' ? 'lt' : 'gt';
  return {
    OR: [{ createdAt: { [op]: after.createdAt } }, { createdAt: after.createdAt, id: { [op]: after.id } }],
  };
}

/** Prisma `orderBy` for the direction. */
export function orderBy(direction: Direction = 'newest') {
  const dir = direction === 'newest' ? 'desc' : 'asc';
  return [{ createdAt: dir }, { id: dir }] as const;
}

/**
 * Builds a connection from up to `first + 1` rows fetched after the page's position: the extra
 * row only says whether there is a next page.
 */
export function toConnection<T extends Keyed>(rows: T[], page: Page, count: () => Promise<number>): Connection<T> {
  const nodes = rows.slice(0, page.first);
  const edges = nodes.map((node) => ({ cursor: encodeCursor(node), node }));
  let counted: Promise<number> | undefined;
  return {
    edges,
    nodes,
    pageInfo: {
      hasNextPage: rows.length > page.first,
      hasPreviousPage: page.after !== null,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    totalCount: () => (counted ??= count()),
  };
}
