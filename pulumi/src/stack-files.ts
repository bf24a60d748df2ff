/** Reads Pulumi.<stack>.yaml without the Pulumi CLI: for the cost report and the tests. */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { type Settings, parseSettings } from './settings';

export const PULUMI_DIR = path.resolve(__dirname, '..');

/** The stack's config as `namespace:key` -> value, like `pulumi config --json` gives it. */
export function readStackConfig(stack: string): Record<string, unknown> {
  const file = path.join(PULUMI_DIR, `Pulumi.${stack}.yaml`);
  const doc = parse(readFileSync(file, 'utf8')) as { config?: Record<string, unknown> };
  if (!doc?.config) throw new Error(`${file} has no config section`);
  return doc.config;
}

export function loadStackSettings(stack: string): Settings {
  const config = readStackConfig(stack);
  return parseSettings(stack, (namespace, key) => config[`${namespace}:${key}`]);
}
