/**
 * What prisma/schema.prisma says the database should look like, read through Prisma's own parser
 * (`get_dmmf` of @prisma/prisma-schema-wasm, the engine that `prisma generate` uses), so the drift
 * test never re-implements the schema language. The result is a `SchemaShape` (see drift.ts) in the
 * same vocabulary as the snapshot of a real database, and the two are compared as plain data.
 *
 * The shape follows what `prisma migrate` would create on PostgreSQL: default native types, Prisma's
 * default constraint names, and database defaults only for @default values the database evaluates.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { ColumnShape, SchemaShape } from './drift.js';

export const schemaPath = new URL('../../prisma/schema.prisma', import.meta.url).pathname;

// --- The subset of the DMMF we read (the package ships no types for its JSON output). ---
export interface DmmfField {
  name: string;
  dbName?: string | null;
  kind: 'scalar' | 'enum' | 'object' | 'unsupported';
  type: string;
  isList: boolean;
  isRequired: boolean;
  isUpdatedAt: boolean;
  hasDefaultValue: boolean;
  default?: unknown;
  /** [name, args], e.g. ["Timestamptz", ["3"]]; null for the scalar's default type. */
  nativeType?: [string, string[]] | null;
  relationFromFields?: string[];
  relationToFields?: string[];
  relationOnDelete?: string;
  relationOnUpdate?: string;
}
export interface DmmfModel {
  name: string;
  dbName: string | null;
  fields: DmmfField[];
  primaryKey: { name: string | null; fields: string[] } | null;
}
export interface DmmfEnum {
  name: string;
  dbName?: string | null;
  values: { name: string; dbName?: string | null }[];
}
export interface DmmfIndex {
  model: string;
  type: 'id' | 'unique' | 'normal' | 'fulltext';
  dbName?: string | null;
  algorithm?: string;
  fields: { name: string; sortOrder?: 'asc' | 'desc' }[];
}
export interface DmmfDatamodel {
  models: DmmfModel[];
  enums: DmmfEnum[];
  indexes: DmmfIndex[];
}

/** Parses a schema with Prisma's engine; throws Prisma's own validation error (P1012) if invalid. */
export function loadDmmf(path = schemaPath): DmmfDatamodel {
  // The wasm package is CommonJS and reads its .wasm file relative to itself: load it with require.
  const wasm = createRequire(import.meta.url)('@prisma/prisma-schema-wasm') as {
    get_dmmf(params: string): string;
  };
  const dmmf = JSON.parse(wasm.get_dmmf(JSON.stringify({ prismaSchema: readFileSync(path, 'utf8') })));
  return dmmf.datamodel as DmmfDatamodel;
}

/** PostgreSQL's identifier limit; Prisma shortens default names to fit it. */
const MAX_IDENTIFIER = 63;

/** Prisma's default constraint name: `<table>_<columns>_<suffix>`, with the prefix truncated to fit. */
export function prismaDefaultName(table: string, columns: string[], suffix: 'pkey' | 'key' | 'idx' | 'fkey'): string {
  let prefix = columns.length > 0 ? `${table}_${columns.join('_')}` : table;
  if (prefix.length >= MAX_IDENTIFIER - suffix.length - 1) prefix = prefix.slice(0, MAX_IDENTIFIER - suffix.length - 2);
  return `${prefix}_${suffix}`;
}

/** information_schema spelling of the column type; enums appear as USER-DEFINED(<udt_name>). */
const defaultTypes: Record<string, string> = {
  String: 'text',
  Int: 'integer',
  BigInt: 'bigint',
  Float: 'double precision',
  Decimal: 'numeric(65,30)',
  Boolean: 'boolean',
  DateTime: 'timestamp without time zone(3)',
  Json: 'jsonb',
  Bytes: 'bytea',
};
const nativeTypes: Record<string, (args: string[]) => string> = {
  Text: () => 'text',
  Uuid: () => 'uuid',
  VarChar: ([n]) => (n ? `character varying(${n})` : 'character varying'),
  Char: ([n]) => `character(${n ?? 1})`,
  Integer: () => 'integer',
  SmallInt: () => 'smallint',
  BigInt: () => 'bigint',
  DoublePrecision: () => 'double precision',
  Real: () => 'real',
  Decimal: ([p, s]) => (p ? `numeric(${p},${s ?? 0})` : 'numeric'),
  Boolean: () => 'boolean',
  Timestamptz: ([p]) => `timestamp with time zone(${p ?? 6})`,
  Timestamp: ([p]) => `timestamp without time zone(${p ?? 6})`,
  Time: ([p]) => `time without time zone(${p ?? 6})`,
  Timetz: ([p]) => `time with time zone(${p ?? 6})`,
  Date: () => 'date',
  Json: () => 'json',
  JsonB: () => 'jsonb',
  ByteA: () => 'bytea',
};

function columnType(field: DmmfField, enumDbNames: Map<string, string>): string {
  // A type this table does not know must fail loudly, not be compared as "unknown" on both sides.
  if (field.isList) throw new Error(`drift check: list field ${field.name} is not supported yet`);
  if (field.kind === 'enum') return `USER-DEFINED(${enumDbNames.get(field.type)})`;
  const type = field.nativeType ? nativeTypes[field.nativeType[0]]?.(field.nativeType[1]) : defaultTypes[field.type];
  if (!type) throw new Error(`drift check: no PostgreSQL type known for ${field.name} (${field.type} ${field.nativeType?.[0]})`);
  return type;
}

/**
 * The column_default PostgreSQL reports for a field's @default, `null` when the database must have
 * none (no @default, @updatedAt, or a client-side generator such as uuid()), and '*' when any
 * database default is fine (expressions whose text we do not predict, such as dbgenerated()).
 */
function columnDefault(field: DmmfField, type: string): string | null {
  if (!field.hasDefaultValue || field.isUpdatedAt) return null;
  const value = field.default;
  if (value !== null && typeof value === 'object' && 'name' in value) {
    const name = (value as { name: string }).name;
    if (['uuid', 'cuid', 'nanoid', 'ulid'].includes(name)) return null; // generated by Prisma Client
    return name === 'now' ? 'CURRENT_TIMESTAMP' : '*';
  }
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'number') return value < 0 ? `'${value}'::${type}` : String(value);
  if (typeof value !== 'string') return '*';
  const cast = type.startsWith('USER-DEFINED(') ? type.slice('USER-DEFINED('.length, -1) : type;
  return ['text', 'jsonb', 'json'].includes(type) || type.startsWith('USER-DEFINED(')
    ? `'${value.replaceAll("'", "''")}'::${cast}`
    : '*';
}

/** The database prisma/schema.prisma describes, as a SchemaShape. */
export function expectedShape(datamodel: DmmfDatamodel): SchemaShape {
  const enumDbNames = new Map(datamodel.enums.map((e) => [e.name, e.dbName ?? e.name]));
  const tableOf = new Map(datamodel.models.map((m) => [m.name, m.dbName ?? m.name]));
  const columnOf = (model: DmmfModel, field: string) => {
    const f = model.fields.find((x) => x.name === field);
    return f?.dbName ?? field;
  };
  const shape: SchemaShape = { tables: [], columns: {}, enums: {}, indexes: {}, foreignKeys: {} };

  for (const e of datamodel.enums) shape.enums[e.dbName ?? e.name] = e.values.map((v) => v.dbName ?? v.name);

  for (const model of datamodel.models) {
    const table = model.dbName ?? model.name;
    shape.tables.push(table);
    for (const field of model.fields) {
      if (field.kind === 'object') {
        // The side holding `fields:` owns the foreign key; the other side is a virtual back-relation.
        if (!field.relationFromFields?.length) continue;
        const columns = field.relationFromFields.map((f) => columnOf(model, f));
        const target = datamodel.models.find((m) => m.name === field.type)!;
        shape.foreignKeys[prismaDefaultName(table, columns, 'fkey')] = {
          table,
          columns,
          refTable: tableOf.get(field.type)!,
          refColumns: (field.relationToFields ?? []).map((f) => columnOf(target, f)),
          // Prisma's defaults when the schema names no action.
          onDelete: field.relationOnDelete ?? (field.isRequired ? 'Restrict' : 'SetNull'),
          onUpdate: field.relationOnUpdate ?? 'Cascade',
        };
        continue;
      }
      const type = columnType(field, enumDbNames);
      const column: ColumnShape = { type, nullable: !field.isRequired, default: columnDefault(field, type) };
      shape.columns[`${table}.${field.dbName ?? field.name}`] = column;
    }
  }

  for (const index of datamodel.indexes) {
    const model = datamodel.models.find((m) => m.name === index.model)!;
    const table = tableOf.get(index.model)!;
    const names = index.fields.map((f) => columnOf(model, f.name));
    const suffix = index.type === 'id' ? 'pkey' : index.type === 'unique' ? 'key' : 'idx';
    const name =
      index.dbName ?? (index.type === 'id' ? model.primaryKey?.name : null) ?? prismaDefaultName(table, index.type === 'id' ? [] : names, suffix);
    shape.indexes[name] = {
      table,
      columns: index.fields.map((f, i) => (f.sortOrder === 'desc' ? `${names[i]} DESC` : names[i]!)),
      unique: index.type !== 'normal',
      primary: index.type === 'id',
      method: (index.algorithm ?? 'BTree').toLowerCase(),
      where: null,
    };
  }
  return shape;
}
