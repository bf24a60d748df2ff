/** Runs a command-line entry point: one clear line on failure (no stack for known errors), exit 1. */
import { ConfigError } from './config.js';
import { MigrationError } from './db/migrations.js';

export function runCli(main: () => Promise<void>, knownErrors: (new (...args: any[]) => Error)[] = []): void {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      const known = error instanceof ConfigError || error instanceof MigrationError || knownErrors.some((type) => error instanceof type);
      console.error(known ? (error as Error).message : error);
      process.exit(1);
    },
  );
}
