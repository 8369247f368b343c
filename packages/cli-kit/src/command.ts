import { InputError, UsageError } from './errors.js';
import { EXIT } from './exit.js';
import type { CliIo } from './io.js';
import { reportUsageError } from './usage.js';

/**
 * One command: its name as typed after the binary, its help, and what it does. A group of
 * commands ({@link commandGroup}) is a command too.
 *
 * @example
 * export const build: Command = {
 *   name: 'build',
 *   summary: 'bundle the trigger in the current folder',
 *   usage: BUILD_USAGE,
 *   run: async (args, io) => { … return EXIT.ok; },
 *   explainFailure: (error) => (error instanceof BundleError ? error.message : undefined),
 * };
 */
export interface Command {
  /**
   * What follows the binary on the command line (`tenants create` for a group's subcommand);
   * empty for a program that is one command (`bench`).
   */
  readonly name: string;
  /** One line for the listing of `<bin> --help` (or of the group's `--help`). */
  readonly summary: string;
  /** The full text of `<bin> <name> --help`. */
  readonly usage: string;
  /** Runs with the arguments after the name; returns the exit code. */
  run(args: readonly string[], io: CliIo): Promise<number>;
  /** A group's subcommands (`tenants` → `tenants create`, …), for `help <group> <subcommand>`. */
  readonly subcommands?: readonly Command[];
  /**
   * The text to print for an error this command expects (a build over budget, a port taken):
   * exit 1. `undefined` for anything else, which is a bug: exit 3.
   */
  readonly explainFailure?: (error: unknown) => string | undefined;
}

/** How a command-line program presents itself; shared by its dispatcher and its groups. */
export interface RunOptions {
  /** The program's name as users type it: the first word of each of its messages. */
  readonly bin: string;
  /**
   * After a usage error, also print the command's whole usage, not only a pointer to it: for
   * programs whose help fits a screen (`bundle-trigger`).
   */
  readonly usageOnError?: boolean;
}

/**
 * Runs `command` as its program would: `-h` or `--help` anywhere in `args` prints its usage
 * (exit 0) without running it, so no command parses its own help option. It turns what it throws into an exit code with a
 * message prefixed `<bin> <command>:` (`<bin>:` for a command named ''). A {@link UsageError} or {@link InputError} exits 2 with a
 * pointer to the command's help; an error that `explainFailure` knows exits 1; anything else
 * exits 3 as an internal error.
 *
 * @example
 * const code = await runCommand(start, ['--lambda-port', '0'], io, { bin: 'cognito-triggers' });
 */
export async function runCommand(
  command: Command,
  args: readonly string[],
  io: CliIo,
  options: RunOptions,
): Promise<number> {
  const prefix = command.name === '' ? options.bin : `${options.bin} ${command.name}`;
  // Every command's -h/--help, here once (a group answers its own: its subcommand comes first).
  // Also after "--": pnpm passes `pnpm start -- --help` on with the "--".
  if (command.subcommands === undefined && args.some((arg) => arg === '-h' || arg === '--help')) {
    io.out(command.usage);
    return EXIT.ok;
  }
  try {
    return await command.run(args, io);
  } catch (error) {
    if (error instanceof UsageError || error instanceof InputError) {
      reportUsageError(prefix, error, io);
      if (options.usageOnError === true && error instanceof UsageError)
        io.err(`\n${command.usage}`);
      return EXIT.usage;
    }
    const explained = command.explainFailure?.(error);
    if (explained !== undefined) {
      io.err(`${prefix}: ${explained}`);
      return EXIT.failure;
    }
    return reportInternalError(prefix, error, io);
  }
}

/**
 * Prints an error nobody expected as one short line, then its stack for the bug report, and
 * returns the exit code: 3.
 */
export function reportInternalError(prefix: string, error: unknown, io: CliIo): number {
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  io.err(`${prefix}: internal error (please report it): ${message}`);
  if (error instanceof Error && error.stack !== undefined) {
    io.err(error.stack.split('\n').slice(1).join('\n'));
  }
  return EXIT.internal;
}

/** The `usage` lines that list commands: each name padded to one column, then its summary. */
export function listCommands(rows: readonly { name: string; summary: string }[]): string {
  const width = Math.max(...rows.map((row) => row.name.length)) + 3;
  return rows.map((row) => `  ${row.name.padEnd(width)}${row.summary}`).join('\n');
}
