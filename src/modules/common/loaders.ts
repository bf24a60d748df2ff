/**
 * Building blocks for the per-request DataLoaders of every module. Contract (as in
 * graphql/dataloader): a batch function returns one value per key, in key order, `null` for a
 * miss. Loaders live in the request context and read through the request's RequestDb, so each
 * batch is one `... WHERE x IN (...)` query inside the request's tenant transaction.
 */
import DataLoader from 'dataloader';
import { Prisma } from '../../generated/prisma/client.js';
import type { RequestDb } from '../../db/request-db.js';
import { camelCase } from '../../db/rows.js';
import { allOf, orderOf, parsePage, positionAfter, toConnection, type Connection, type Direction, type Keyed, type ListedTable, type Page, type PageArgs } from './pagination.js';

/** Values for `keys`, in key order, null where no row matched. */
export function inKeyOrder<T>(keys: readonly string[], rows: T[], keyOf: (row: T) => string): (T | null)[] {
  const byKey = new Map(rows.map((row) => [keyOf(row), row]));
  return keys.map((key) => byKey.get(key) ?? null);
}

/** Rows grouped under each key, in key order, [] where none matched. */
export function groupedByKey<T>(keys: readonly string[], rows: T[], keyOf: (row: T) => string): T[][] {
  const groups = new Map<string, T[]>(keys.map((key) => [key, []]));
  for (const row of rows) groups.get(keyOf(row))?.push(row);
  return keys.map((key) => groups.get(key) ?? []);
}

/**
 * Keys per batch query: above the largest tenant (2,000 members), so one level of a request is one
 * query even when every member appears, and far below PostgreSQL's 65,535 bind parameters.
 */
const MAX_BATCH = 5_000;

/**
 * Options for every DataLoader of a request: batches go out once the request's reads in flight
 * are done (RequestDb.afterPendingReads), so loads asked for meanwhile share one statement.
 */
export function batchOptions(db: RequestDb) {
  return { maxBatchSize: MAX_BATCH, batchScheduleFn: db.afterPendingReads };
}

/** Tables whose rows are loaded by id (identifiers are never taken from input). */
export type IdTable = 'users' | 'departments' | 'projects' | 'tasks' | 'comments' | 'attachments';

/** A loader of rows of `table` by primary key: one `id = ANY($1)` per batch. */
export function byIdLoader<T extends { id: string }>(db: RequestDb, table: IdTable): DataLoader<string, T | null> {
  const from = Prisma.raw(table);
  return new DataLoader(
    async (ids) => inKeyOrder(ids, await db.query<T>(Prisma.sql`SELECT * FROM ${from} WHERE id = ANY(${[...ids]}::uuid[])`), (row) => row.id),
    batchOptions(db),
  );
}

/**
 * One DataLoader per distinct argument set (e.g. `tasks(first: 20, status: DONE)`), created on
 * first use, so fields with the same arguments on different parents batch together.
 */
export function loaderPerArgs<A, K, V>(make: (args: A) => DataLoader<K, V>): (args: A) => DataLoader<K, V> {
  const loaders = new Map<string, DataLoader<K, V>>();
  return (args) => {
    const key = JSON.stringify(args);
    let loader = loaders.get(key);
    if (!loader) loaders.set(key, (loader = make(args)));
    return loader;
  };
}

/** Tables whose rows can be paged per parent, and by which column (never taken from input). */
export type PagedTable = Extract<ListedTable, 'tasks' | 'comments' | 'users' | 'attachments'>;
export type ParentColumn = 'project_id' | 'task_id' | 'assignee_id' | 'department_id';

/**
 * The first `page.first + 1` rows after `page.after` of EACH parent, in one query (a window
 * function per parent) — so `projects { tasks(first: 20) }` costs one query for all projects.
 * `filters` are extra SQL conditions on alias `t`.
 */
export async function pagesByParent<T>(
  db: RequestDb,
  spec: { table: PagedTable; parentColumn: ParentColumn; parentIds: readonly string[]; page: Page; direction: Direction; filters?: Prisma.Sql[] },
): Promise<Map<string, T[]>> {
  const parent = Prisma.raw(spec.parentColumn);
  const conditions = [Prisma.sql`t.${parent} = ANY(${[...spec.parentIds]}::uuid[])`, ...positionAfter(spec.page.after, spec.direction), ...(spec.filters ?? [])];
  const rows = await db.query<Record<string, unknown>>(Prisma.sql`
    SELECT * FROM (
      SELECT t.*, row_number() OVER (PARTITION BY t.${parent} ORDER BY ${orderOf(spec.direction)}) AS "_rank"
        FROM ${Prisma.raw(spec.table)} t
       WHERE ${allOf(conditions)}
    ) ranked
    WHERE "_rank" <= ${spec.page.first + 1}
    ORDER BY "_rank"`);
  const parentKey = camelCase(spec.parentColumn);
  const byParent = new Map<string, T[]>(spec.parentIds.map((id) => [id, []]));
  for (const { _rank, ...row } of rows) byParent.get(row[parentKey] as string)?.push(row as T);
  return byParent;
}

/** Row counts per parent, for `totalCount` of per-parent connections. */
export async function countsByParent(
  db: RequestDb,
  spec: { table: PagedTable; parentColumn: ParentColumn; parentIds: readonly string[]; filters?: Prisma.Sql[] },
): Promise<number[]> {
  const parent = Prisma.raw(spec.parentColumn);
  const conditions = [Prisma.sql`t.${parent} = ANY(${[...spec.parentIds]}::uuid[])`, ...(spec.filters ?? [])];
  const rows = await db.query<{ parent: string; n: number }>(Prisma.sql`
    SELECT t.${parent}::text AS parent, count(*)::int AS n
      FROM ${Prisma.raw(spec.table)} t WHERE ${allOf(conditions)}
     GROUP BY 1`);
  const counts = new Map(rows.map((r) => [r.parent, r.n]));
  return spec.parentIds.map((id) => counts.get(id) ?? 0);
}

export interface ConnectionsByParentSpec<A> {
  table: PagedTable;
  parentColumn: ParentColumn;
  direction: Direction;
  /** Extra SQL conditions (on alias `t`) derived from the field's arguments. */
  filters?: (args: A) => Prisma.Sql[];
}

/**
 * `parent.children(first, after, ...filters)` for many parents at once: one query for the pages
 * of every parent, and one more for their totals only if a client selects `totalCount`.
 */
export function connectionsByParent<T extends Keyed, A extends PageArgs>(
  db: RequestDb,
  spec: ConnectionsByParentSpec<A>,
): (args: A) => DataLoader<string, Connection<T>> {
  return loaderPerArgs((args: A) => {
    const page = parsePage(args);
    const filters = spec.filters?.(args) ?? [];
    const base = { table: spec.table, parentColumn: spec.parentColumn, filters };
    const totals = new DataLoader<string, number>((ids) => countsByParent(db, { ...base, parentIds: ids }), batchOptions(db));
    return new DataLoader<string, Connection<T>>(async (ids) => {
      const pages = await pagesByParent<T>(db, { ...base, parentIds: ids, page, direction: spec.direction });
      return ids.map((id) => toConnection(pages.get(id) ?? [], page, () => totals.load(id)));
    }, batchOptions(db));
  });
}
