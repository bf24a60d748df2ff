/** `npm run db:seed` arguments: strict, with one-line errors that name the flag and the value. */
import { describe, expect, it } from 'vitest';
import { parseSeedArgs, SeedUsageError } from '../../src/seed/cli-args.js';
import { batches, multiplesUpTo, planScale, roleOfUserNumber, scaleLogins } from '../../src/seed/scale-plan.js';

describe('parseSeedArgs', () => {
  it('accepts no flags (demo mode) and every flag in both spellings', () => {
    expect(parseSeedArgs([])).toEqual({});
    expect(parseSeedArgs(['--tenants', '50', '--users=2000', '--tasks', '200_000', '--concurrency', '3'])).toEqual({
      tenants: 50,
      users: 2000,
      tasks: 200_000,
      concurrency: 3,
    });
    expect(parseSeedArgs(['--tasks', '200,000', '--help'])).toEqual({ tasks: 200_000, help: true });
  });

  it.each([
    [['--tenants', 'abc'], '--tenants: expected a whole number from 1 to 9,999, got "abc"'],
    [['--users', '0'], '--users: expected a whole number from 1 to 1,000,000, got "0"'],
    [['--tasks', '-5'], '--tasks: expected a whole number from 0 to 50,000,000, got "-5"'],
    [['--tasks', '1e6'], '--tasks: expected a whole number from 0 to 50,000,000, got "1e6"'],
    [['--tasks', '2.5'], '--tasks: expected a whole number from 0 to 50,000,000, got "2.5"'],
    [['--users='], '--users: expected a whole number from 1 to 1,000,000, got ""'],
    [['--tenants'], '--tenants needs a value'],
    [['--tenants', '--users', '5'], '--tenants needs a value'],
    [['--tenants', '2', '--tenants', '3'], '--tenants given twice'],
    [['--tenant', '2'], 'unknown argument "--tenant" (expected --tenants, --users, --tasks, --concurrency or --help)'],
    [['50'], 'unknown argument "50" (expected --tenants, --users, --tasks, --concurrency or --help)'],
  ])('rejects %j with one clear line', (argv, message) => {
    expect(() => parseSeedArgs(argv)).toThrow(new SeedUsageError(message));
    expect(message).not.toContain('\n');
  });
});

describe('scale plan', () => {
  it('derives bounded secondary rows from the task count', () => {
    const plan = planScale({ tenants: 50, users: 2000, tasks: 200_000 });
    expect(plan).toMatchObject({ departments: 20, projects: 100, every: { comment: 4, attachment: 20, activity: 20, notification: 40 } });
    expect(multiplesUpTo(200_000, plan.every.comment)).toBe(50_000);
    const huge = planScale({ tasks: 10_000_000 });
    expect(multiplesUpTo(10_000_000, huge.every.comment)).toBeLessThanOrEqual(50_000);
  });

  it('rejects counts out of range with the name of the option', () => {
    expect(() => planScale({ users: 0 })).toThrow('users: expected a whole number from 1 to 1000000, got 0');
    expect(() => planScale({ tenants: 1.5 })).toThrow(/^tenants:/);
  });

  it('covers 1..n in batches without gaps or overlaps', () => {
    expect(batches(0, 10)).toEqual([]);
    expect(batches(25, 10)).toEqual([[1, 10], [11, 20], [21, 25]]);
  });

  it('gives the first four users the four roles, which the logins name', () => {
    expect([1, 2, 3, 4].map(roleOfUserNumber)).toEqual(['OWNER', 'ADMIN', 'VIEWER', 'MEMBER']);
    const plan = planScale({ users: 2 });
    expect(scaleLogins(plan, 'load-001').map((l) => [l.email, l.role])).toEqual([
      ['user-0001@load-001.example', 'OWNER'],
      ['user-0002@load-001.example', 'ADMIN'],
    ]);
  });
});
