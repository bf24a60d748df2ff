/**
 * Relay-style connections over keyset pagination. Every list is ordered by (createdAt, id) —
 * newest first unless a list says otherwise — and a cursor is that pair, opaque to clients
 * (base64url JSON). Keyset, not OFFSET: page 500 costs what page 1 costs, and rows inserted
 * while a client pages do not shift what it sees.
 */
import type { RequestDb } from '../../db/request-db.js';
import { BadUserInputError } from '../../errors.js';
import { Prisma } from '../../generated/prisma/client.js';

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

/** Tables that are listed by pages (identifiers are never taken from input). */
export type ListedTable = 'tasks' | 'comments' | 'users' | 'attachments' | 'projects' | 'departments' | 'activity_events' | 'notifications';

/** SQL: rows of alias `t` after `after` in the list's order (nothing when there is no cursor). */
export function positionAfter(after: Position | null, direction: Direction = 'newest'): Prisma.Sql[] {
  if (!after) return [];
  const cmp = Prisma.raw(direction === 'newest' ? '<' : '>');
  return [Prisma.sql`(t.created_at, t.id) ${cmp} (${after.createdAt}::timestamptz, ${after.id}::uuid)`];
}

/** SQL: the list's order on alias `t`. */
export function orderOf(direction: Direction = 'newest'): Prisma.Sql {
  const dir = Prisma.raw(direction === 'newest' ? 'DESC' : 'ASC');
  return Prisma.sql`t.created_at ${dir}, t.id ${dir}`;
}

/** SQL: every condition must hold (an empty list holds for every row). */
export function allOf(conditions: readonly Prisma.Sql[]): Prisma.Sql {
  return conditions.length ? Prisma.join(conditions, ' AND ') : Prisma.sql`TRUE`;
}

export interface ListSpec {
  table: ListedTable;
  /** SQL conditions on alias `t`; combined with AND, with each other and with the cursor. */
  conditions?: Prisma.Sql[];
  direction?: Direction;
}

/**
 * One page of a tenant's list, and its total only if a client asks for it — the one way lists
 * are paged. Conditions are ANDed, never merged like objects: a condition that is itself an OR
 * (a search on two columns) keeps its meaning next to the cursor's position.
 */
export async function pageOf<T extends Keyed>(db: RequestDb, list: ListSpec, page: Page): Promise<Connection<T>> {
  const table = Prisma.raw(list.table);
  const conditions = list.conditions ?? [];
  const rows = await db.query<T>(Prisma.sql`
    SELECT t.* FROM ${table} t
     WHERE ${allOf([...conditions, ...positionAfter(page.after, list.direction)])}
     ORDER BY ${orderOf(list.direction)}
     LIMIT ${page.first + 1}`);
  return toConnection(rows, page, async () => {
    const [counted] = await db.query<{ n: number }>(Prisma.sql`SELECT count(*)::int AS n FROM ${table} t WHERE ${allOf(conditions)}`);
    return counted!.n;
  });
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
