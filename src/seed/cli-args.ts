/**
 * Strict parsing of `npm run db:seed -- [--tenants N] [--users M] [--tasks K] [--concurrency C]`.
 * Anything unexpected (unknown flag, missing or non-numeric value, a flag twice, a value out of
 * range) is a SeedUsageError whose message is one line naming the flag and the bad value.
 */
import { SCALE_LIMITS } from './scale-plan.js';
import type { SeedOptions } from './types.js';

export class SeedUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SeedUsageError';
  }
}

export const SEED_USAGE =
  'usage: npm run db:seed -- [--tenants N] [--users M] [--tasks K] [--concurrency C]\n' +
  '  no flags: the demo companies (sakura-kensetsu, fuji-logistics, minato-design)\n' +
  '  any of --tenants/--users/--tasks: N load tenants (load-001, ...) with M users and K tasks EACH\n' +
  '  --concurrency: tenants seeded at once (default 2 on PostgreSQL, 1 on PGlite)';

type NumericFlag = 'tenants' | 'users' | 'tasks' | 'concurrency';

const FLAGS: Record<NumericFlag, { min: number; max: number }> = {
  tenants: { min: 1, max: SCALE_LIMITS.tenants },
  users: { min: 1, max: SCALE_LIMITS.users },
  tasks: { min: 0, max: SCALE_LIMITS.tasks },
  concurrency: { min: 1, max: 64 },
};

export type SeedArgs = Pick<SeedOptions, NumericFlag> & { help?: boolean };

export function parseSeedArgs(argv: readonly string[]): SeedArgs {
  const args: SeedArgs = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--help' || arg === '-h') {
      args.help = true;
      continue;
    }
    const match = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    const name = match?.[1];
    if (!match || !name || !(name in FLAGS)) {
      throw new SeedUsageError(`unknown argument ${JSON.stringify(arg)} (expected --tenants, --users, --tasks, --concurrency or --help)`);
    }
    const flag = name as NumericFlag;
    let raw = match[2];
    if (raw === undefined) {
      raw = argv[i + 1];
      if (raw === undefined || raw.startsWith('--')) throw new SeedUsageError(`--${flag} needs a value`);
      i++;
    }
    if (args[flag] !== undefined) throw new SeedUsageError(`--${flag} given twice`);
    args[flag] = parseCount(flag, raw);
  }
  return args;
}

function parseCount(flag: NumericFlag, raw: string): number {
  const { min, max } = FLAGS[flag];
  // Digits only (an optional _ or , between groups): "1e6", "-5", "2.5" and "" are all rejected.
  const value = /^\d{1,3}(?:([_,]?)\d{3}(?:\1\d{3})*)?$|^\d+$/.test(raw) ? Number(raw.replace(/[_,]/g, '')) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new SeedUsageError(`--${flag}: expected a whole number from ${min} to ${max.toLocaleString('en-US')}, got ${JSON.stringify(raw)}`);
  }
  return value;
}
