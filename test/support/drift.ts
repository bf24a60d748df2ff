/**
 * Drift check without Prisma's schema engine (which cannot be downloaded here): read what a
 * migrated database really contains (`snapshotDatabase`) and compare it with what
 * prisma/schema.prisma says (`diffSchema`), as `prisma migrate diff` would.
 *
 * Both sides are reduced to one plain `SchemaShape`, spelled the way PostgreSQL's catalogs spell
 * things, so the comparison is a pure function that is easy to test and whose output reads well.
 */
import type { SqlSession } from '../../src/db/sql-session.js';
import { expectedShape, type DmmfDatamodel } from './prisma-dmmf.js';

export interface ColumnShape {
  /** information_schema spelling, e.g. "text", "timestamp with time zone(3)", "USER-DEFINED(role)". */
  type: string;
  nullable: boolean;
  /** column_default as PostgreSQL prints it; null = none; '*' (schema side only) = any default. */
  default: string | null;
}
export interface IndexShape {
  table: string;
  /** Key columns in order, "col" or "col DESC". */
  columns: string[];
  unique: boolean;
  primary: boolean;
  method: string;
  where: string | null;
}
export interface ForeignKeyShape {
  table: string;
  columns: string[];
  refTable: string;
  refColumns: string[];
  /** Prisma's spelling: Cascade, Restrict, NoAction, SetNull, SetDefault. */
  onDelete: string;
  onUpdate: string;
}
export interface SchemaShape {
  tables: string[];
  /** Keyed "table.column". */
  columns: Record<string, ColumnShape>;
  /** Enum type name → labels in order. */
  enums: Record<string, string[]>;
  /** Keyed by index name (unique constraints and primary keys are indexes too). */
  indexes: Record<string, IndexShape>;
  /** Keyed by constraint name. */
  foreignKeys: Record<string, ForeignKeyShape>;
}

/** The migration runner's bookkeeping table is not part of the data model. */
const IGNORED_TABLES = ['_prisma_migrations'];

/** pg_constraint's one-letter referential actions, in Prisma's words. */
const ACTIONS: Record<string, string> = { a: 'NoAction', r: 'Restrict', c: 'Cascade', n: 'SetNull', d: 'SetDefault' };

/** Everything in schema "public" that the Prisma schema could describe. */
export async function snapshotDatabase(session: SqlSession): Promise<SchemaShape> {
  const shape: SchemaShape = { tables: [], columns: {}, enums: {}, indexes: {}, foreignKeys: {} };

  const tables = await session.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables
      WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
  );
  shape.tables = tables.map((t) => t.table_name).filter((t) => !IGNORED_TABLES.includes(t));

  const columns = await session.query<{
    table_name: string; column_name: string; data_type: string; udt_name: string; is_nullable: 'YES' | 'NO';
    column_default: string | null; character_maximum_length: number | null; datetime_precision: number | null;
    numeric_precision: number | null; numeric_scale: number | null;
  }>(
    `SELECT table_name, column_name, data_type, udt_name, is_nullable, column_default, character_maximum_length,
            datetime_precision, numeric_precision, numeric_scale
       FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> ALL($1::text[])`,
    [IGNORED_TABLES],
  );
  for (const c of columns) {
    shape.columns[`${c.table_name}.${c.column_name}`] = {
      type: typeName(c),
      nullable: c.is_nullable === 'YES',
      default: c.column_default,
    };
  }

  const labels = await session.query<{ type: string; label: string }>(
    `SELECT t.typname AS type, e.enumlabel AS label
       FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid JOIN pg_namespace n ON n.oid = t.typnamespace
      WHERE n.nspname = 'public' ORDER BY t.typname, e.enumsortorder`,
  );
  for (const { type, label } of labels) (shape.enums[type] ??= []).push(label);

  // One row per index; the key columns in order, with DESC / non-default NULLS ordering from indoption.
  const indexes = await session.query<{ name: string } & IndexShape>(
    `SELECT i.relname AS name, t.relname AS table, ix.indisunique AS unique, ix.indisprimary AS primary,
            am.amname AS method, pg_get_expr(ix.indpred, ix.indrelid) AS where,
            ARRAY(SELECT COALESCE(a.attname::text, pg_get_indexdef(ix.indexrelid, k, true))
                         || CASE ix.indoption[k - 1] & 3 WHEN 1 THEN ' DESC NULLS LAST' WHEN 2 THEN ' NULLS FIRST'
                                                         WHEN 3 THEN ' DESC' ELSE '' END
                    FROM generate_series(1, ix.indnkeyatts) AS k
                    LEFT JOIN pg_attribute a ON a.attrelid = ix.indrelid AND a.attnum = ix.indkey[k - 1]
                   ORDER BY k) AS columns
       FROM pg_index ix
       JOIN pg_class i ON i.oid = ix.indexrelid
       JOIN pg_class t ON t.oid = ix.indrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace
       JOIN pg_am am ON am.oid = i.relam
      WHERE n.nspname = 'public' AND t.relname <> ALL($1::text[])`,
    [IGNORED_TABLES],
  );
  for (const { name, ...index } of indexes) shape.indexes[name] = index;

  const keys = await session.query<{ name: string; table: string; ref_table: string; columns: string[];
    ref_columns: string[]; on_delete: string; on_update: string }>(
    `SELECT c.conname AS name, t.relname AS table, r.relname AS ref_table,
            c.confdeltype AS on_delete, c.confupdtype AS on_update,
            ARRAY(SELECT a.attname::text FROM unnest(c.conkey) WITH ORDINALITY AS k(attnum, pos)
                    JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum ORDER BY k.pos) AS columns,
            ARRAY(SELECT a.attname::text FROM unnest(c.confkey) WITH ORDINALITY AS k(attnum, pos)
                    JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.attnum ORDER BY k.pos) AS ref_columns
       FROM pg_constraint c
       JOIN pg_class t ON t.oid = c.conrelid
       JOIN pg_class r ON r.oid = c.confrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace
      WHERE c.contype = 'f' AND n.nspname = 'public'`,
  );
  for (const k of keys) {
    shape.foreignKeys[k.name] = {
      table: k.table, columns: k.columns, refTable: k.ref_table, refColumns: k.ref_columns,
      onDelete: ACTIONS[k.on_delete] ?? k.on_delete, onUpdate: ACTIONS[k.on_update] ?? k.on_update,
    };
  }
  return shape;
}

/** information_schema's data_type, plus the modifiers Prisma's native types carry. */
function typeName(c: { data_type: string; udt_name: string; character_maximum_length: number | null;
  datetime_precision: number | null; numeric_precision: number | null; numeric_scale: number | null }): string {
  if (c.data_type === 'USER-DEFINED' || c.data_type === 'ARRAY') return `${c.data_type}(${c.udt_name})`;
  if (/^(timestamp|time) /.test(c.data_type)) return `${c.data_type}(${c.datetime_precision})`;
  if (c.data_type.startsWith('character') && c.character_maximum_length !== null) {
    return `${c.data_type}(${c.character_maximum_length})`;
  }
  if (c.data_type === 'numeric' && c.numeric_precision !== null) return `numeric(${c.numeric_precision},${c.numeric_scale})`;
  return c.data_type;
}

// --- Human-readable descriptions, used both for comparing and for the messages. ---
const describeColumn = (c: ColumnShape) =>
  `${c.type} ${c.nullable ? 'NULL' : 'NOT NULL'}${c.default === null ? '' : ` DEFAULT ${c.default}`}`;
const describeIndex = (i: IndexShape) =>
  `${i.primary ? 'PRIMARY KEY' : i.unique ? 'UNIQUE' : 'INDEX'} ON ${i.table} USING ${i.method} ` +
  `(${i.columns.join(', ')})${i.where ? ` WHERE ${i.where}` : ''}`;
const describeForeignKey = (k: ForeignKeyShape) =>
  `${k.table}(${k.columns.join(', ')}) -> ${k.refTable}(${k.refColumns.join(', ')}) ` +
  `ON DELETE ${k.onDelete} ON UPDATE ${k.onUpdate}`;

/** Missing / unexpected / different entries of one kind of object, in name order. */
function compare<T>(kind: string, schema: Record<string, T>, db: Record<string, T>, describe: (x: T) => string): string[] {
  const names = [...new Set([...Object.keys(schema), ...Object.keys(db)])].sort();
  return names.flatMap((name) => {
    const s = schema[name];
    const d = db[name];
    const detail = (x: T) => (describe(x) ? `: ${describe(x)}` : '');
    if (d === undefined) return [`missing ${kind} ${name}${detail(s!)}`];
    if (s === undefined) return [`unexpected ${kind} ${name}${detail(d)}`];
    return describe(s) === describe(d) ? [] : [`${kind} ${name} differs: db has ${describe(d)}, schema has ${describe(s)}`];
  });
}

/**
 * Every difference between the schema (as DMMF) and a database snapshot, one sentence each;
 * an empty list means the database is exactly what the schema describes.
 */
export function diffSchema(datamodel: DmmfDatamodel, db: SchemaShape): string[] {
  const schema = expectedShape(datamodel);
  const asSet = (names: string[]) => Object.fromEntries(names.map((n) => [n, n]));
  // Columns of a missing or unexpected table would only repeat that one difference.
  const sharedTables = new Set(schema.tables.filter((t) => db.tables.includes(t)));
  const onShared = (columns: Record<string, ColumnShape>) =>
    Object.fromEntries(Object.entries(columns).filter(([key]) => sharedTables.has(key.split('.')[0]!)));
  // A schema '*' default accepts any database default; only its absence is a difference.
  const dbColumns = onShared(db.columns);
  for (const [key, column] of Object.entries(onShared(schema.columns))) {
    const actual = dbColumns[key];
    if (column.default === '*' && actual && actual.default !== null) dbColumns[key] = { ...actual, default: '*' };
  }
  return [
    ...compare('table', asSet(schema.tables), asSet(db.tables), () => ''),
    ...compare('column', onShared(schema.columns), dbColumns, describeColumn),
    ...compare('enum', schema.enums, db.enums, (labels) => labels.join(', ')),
    ...compare('index', schema.indexes, db.indexes, describeIndex),
    ...compare('foreign key', schema.foreignKeys, db.foreignKeys, describeForeignKey),
  ];
}
