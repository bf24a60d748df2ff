/**
 * `npm run loadtest [-- --profile <name> ...]`: load runs against the compiled server.
 *   mixed      (default) a closed-loop mixed workload of the whole portal (profiles/mixed.ts)
 *   seed-peak  the plan's peak: 100 -> 1,000 -> 3,000 virtual users on the dashboard (profiles/seed-peak.ts)
 */
import { parseArgs } from './support/args.js';
import { runMixedProfile } from './profiles/mixed.js';
import { runSeedPeakProfile } from './profiles/seed-peak.js';

const profiles: Record<string, (options: Map<string, string>) => Promise<void>> = {
  mixed: () => runMixedProfile(),
  'seed-peak': runSeedPeakProfile,
};

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const name = options.get('profile') ?? 'mixed';
  const profile = profiles[name];
  if (!profile) throw new Error(`unknown profile ${JSON.stringify(name)}; choose one of ${Object.keys(profiles).join(', ')}`);
  await profile(options);
}

main().then(() => process.exit(0), (error: unknown) => {
  console.error(error);
  process.exit(1);
});
