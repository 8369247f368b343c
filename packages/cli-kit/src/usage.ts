import { UsageError } from './errors.js';
import { EXIT } from './exit.js';
import type { CliIo } from './io.js';

/**
 * Runs `parseArgs` (or anything else that throws on a bad command line) as a usage check: what
 * it throws becomes a {@link UsageError} with the same message.
 *
 * @example
 * const { values } = asUsage(() => parseArgs({ args: [...args], options }));
 */
export function asUsage<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    // parseArgs explains unknown options and missing values well; keep its words.
    throw new UsageError(error instanceof Error ? error.message : String(error), { cause: error });
  }
}

/**
 * Prints a usage error of `<prefix>` (the binary, then the command's name if there is one) with
 * a pointer to its help, and returns the exit code: 2.
 *
 * @example
 * reportUsageError('cognito-triggers tenants create', error, io);
 * // cognito-triggers tenants create: --id is required
 * // Run "cognito-triggers tenants create --help" for usage.
 */
export function reportUsageError(prefix: string, error: Error, io: CliIo): number {
  io.err(`${prefix}: ${error.message}`);
  io.err(`Run "${prefix} --help" for usage.`);
  return EXIT.usage;
}
