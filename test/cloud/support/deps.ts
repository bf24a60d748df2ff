// Packages used by the cloud tests live in pulumi/node_modules (installed with `npm ci --prefix pulumi`),
// so the root package needs no infrastructure dependencies. Resolve them from there.
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const pulumiDir = path.join(repoRoot, 'pulumi');
export const k8sDir = path.join(repoRoot, 'k8s');

export const requireFromPulumi = createRequire(path.join(pulumiDir, 'package.json'));

export const YAML = requireFromPulumi('yaml') as typeof import('../../../pulumi/node_modules/yaml');
