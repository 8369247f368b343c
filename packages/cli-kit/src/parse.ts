import { type ParseArgsConfig, parseArgs } from 'node:util';

/** The `options` of a `parseArgs` config. */
type ParseArgsOptions = NonNullable<ParseArgsConfig['options']>;

import { asUsage } from './usage.js';

/**
 * A command's own arguments, parsed strictly (an unknown option is a {@link UsageError} in
 * parseArgs' words), with positionals allowed for the command to check itself. `-h`/`--help`
 * never get here: `runCommand` answers them.
 *
 * @example
 * const { values, positionals } = parseCommandLine(args, { pool: { type: 'string' } });
 */
export function parseCommandLine<const Options extends ParseArgsOptions>(
  args: readonly string[],
  options: Options,
) {
  return asUsage(() =>
    parseArgs({ args: [...args], strict: true, allowPositionals: true, options }),
  );
}
