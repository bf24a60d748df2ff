/**
 * The Prometheus alert rules shipped with the stack (pulumi/rules/dandori-alerts.yml): valid for
 * `promtool check rules`, and doing what they say under `promtool test rules` — a dependency down
 * on every pod pages after a minute, a 45-second failover does not, one pod cut off warns, the HPA
 * pinned at its maximum warns.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALERT_RULES_FILE } from '../../pulumi/src/addons';
import { promtoolAvailable } from '../support/prometheus-text.js';
import { repoRoot } from './support/deps.js';

const promtool = (...args: string[]) => {
  const result = spawnSync('promtool', args, { encoding: 'utf8', cwd: repoRoot });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
};

describe.skipIf(!promtoolAvailable && !process.env.CI)('alert rules', () => {
  it('pass promtool check rules', () => {
    const { status, output } = promtool('check', 'rules', ALERT_RULES_FILE);
    expect(output).toMatch(/SUCCESS: 5 rules found/);
    expect(status, output).toBe(0);
  });

  it('fire when and only when they should (promtool test rules)', () => {
    const { status, output } = promtool('test', 'rules', path.join(repoRoot, 'test', 'cloud', 'fixtures', 'dandori-alerts.test.yml'));
    expect(status, output).toBe(0);
    expect(output).toContain('SUCCESS');
  });
});
