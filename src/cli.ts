/** Runs a command-line entry point: one clear line on failure (no stack for known errors), exit 1. */
import { ConfigError } from './config.js';
import { MigrationError } from './db/migrations.js';

export function runCli(main: () => Promise<void>): void {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      const known = error instanceof ConfigError || error instanceof MigrationError;
      console.error(known ? error.message : error);
      process.exit(1);
    },
  );
}
