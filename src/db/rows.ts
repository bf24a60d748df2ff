/**
 * Rows of plain-SQL reads in the shape Prisma gives them: our columns are exactly the snake_case
 * of the Prisma field names (schema.prisma's @map), so a row's keys are camelCased back. Names are
 * converted once and remembered (a few dozen columns exist).
 */
const names = new Map<string, string>();

export function camelCase(column: string): string {
  let name = names.get(column);
  if (name === undefined) names.set(column, (name = column.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase())));
  return name;
}

export function camelCaseRow(raw: Record<string, unknown>): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  for (const key in raw) row[camelCase(key)] = raw[key];
  return row;
}
