/** Plain-text summary of a seed run for the terminal: tenants, row counts, logins, timing. */
import type { DemoLogin, SeedCounts, SeedResult } from './types.js';

const MAX_TENANT_LINES = 12;
/** Fits the demo companies' 27 logins; scale runs (4 per tenant) are cut with a note. */
const MAX_LOGIN_LINES = 32;

const COUNT_LABELS: Record<keyof SeedCounts, string> = {
  tenants: 'tenants',
  departments: 'departments',
  users: 'users',
  projects: 'projects',
  tasks: 'tasks',
  comments: 'comments',
  attachments: 'attachments',
  notifications: 'notifications',
  activityEvents: 'activity events',
};

export function formatSeedReport(result: SeedResult, location: string): string {
  const lines: string[] = [];
  const created = result.tenants.filter((t) => t.outcome === 'created');
  const skipped = result.tenants.filter((t) => t.outcome !== 'created');
  lines.push(`Seed (${result.mode}) into ${location}: ${created.length} tenant(s) created, ${skipped.length} skipped`);

  if (result.tenants.length <= MAX_TENANT_LINES) {
    for (const t of result.tenants) lines.push(`  ${t.outcome.padEnd(18)} ${t.slug.padEnd(18)} ${describeOutcome(t)}`);
  } else {
    // Many load tenants: name the ranges, and list only the skipped ones (they need attention).
    if (created.length) lines.push(`  created: ${created.length === 1 ? created[0]!.slug : `${created[0]!.slug} ... ${created.at(-1)!.slug}`}`);
    for (const t of skipped.slice(0, MAX_TENANT_LINES)) lines.push(`  ${t.outcome.padEnd(18)} ${t.slug.padEnd(18)} ${describeOutcome(t)}`);
    if (skipped.length > MAX_TENANT_LINES) lines.push(`  ... and ${skipped.length - MAX_TENANT_LINES} more skipped`);
  }

  const totalRows = Object.values(result.counts).reduce((a, b) => a + b, 0);
  lines.push('', `Rows written (${formatNumber(totalRows)} in all):`);
  lines.push(...table([['table', 'rows'], ...Object.entries(COUNT_LABELS).map(([key, label]) => [label, formatNumber(result.counts[key as keyof SeedCounts])])], ['left', 'right']));

  if (result.logins.length > 0) {
    const password = result.logins[0]!.password;
    const same = result.logins.every((l) => l.password === password);
    lines.push('', `Demo logins${same ? ` (password for all: ${password})` : ''}:`);
    const shown = result.logins.slice(0, MAX_LOGIN_LINES);
    lines.push(...table([['tenant', 'email', 'role', ...(same ? [] : ['password'])], ...shown.map((l: DemoLogin) => [l.tenantSlug, l.email, l.role, ...(same ? [] : [l.password])])]));
    if (shown.length < result.logins.length) lines.push(`  ... and ${result.logins.length - shown.length} more of the same pattern`);
  }

  const seconds = result.elapsedMs / 1000;
  const rate = seconds > 0 ? ` (${formatNumber(Math.round(totalRows / seconds))} rows/s)` : '';
  lines.push('', `Elapsed: ${formatDuration(result.elapsedMs)}${rate}`);
  return lines.join('\n');
}

function describeOutcome({ outcome, name }: SeedResult['tenants'][number]): string {
  switch (outcome) {
    case 'created':
      return name;
    case 'skipped':
      return 'already exists: left as it is';
    case 'skipped-incomplete':
      return 'an earlier seed of it was interrupted: its data is partial (delete the tenant or use a fresh database)';
  }
}

/** Left/right aligned columns; the cells are ASCII (slugs, e-mails, roles, numbers). */
function table(rows: string[][], align: ('left' | 'right')[] = []): string[] {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  return rows.map(
    (r) => '  ' + r.map((cell, c) => (align[c] === 'right' ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!))).join('  ').trimEnd(),
  );
}

export function formatNumber(n: number): string {
  return n.toLocaleString('en-US');
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  const seconds = ms / 1000;
  if (seconds < 120) return `${seconds.toFixed(1)} s`;
  return `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`;
}
