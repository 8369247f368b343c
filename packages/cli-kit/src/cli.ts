import {
  type Command,
  listCommands,
  type RunOptions,
  reportInternalError,
  runCommand,
} from './command.js';
import { UsageError } from './errors.js';
import { EXIT } from './exit.js';
import { type CliIo, defaultIo } from './io.js';
import { reportUsageError } from './usage.js';

/** What a command-line program is made of. */
export interface CliOptions extends RunOptions {
  /** What the program is for, shown under the usage line of `<bin> --help`. */
  readonly description: string;
  /** Its commands, in the order `<bin> --help` lists them. */
  readonly commands: readonly Command[];
  /** What `<bin> --version` prints; without it the program has no `--version`. */
  readonly version?: () => string | Promise<string>;
}

/**
 * Runs the program with `argv` (without the node and script paths) and returns the exit code
 * instead of exiting, so that it can also be called in-process.
 */
export type CliMain = (argv: readonly string[], io?: CliIo) => Promise<number>;

/**
 * The dispatcher of a command-line program: `<bin> <command> …` runs a command, `<bin>` alone
 * or `--help` lists them, `<bin> help <command> [<subcommand>]` prints a command's usage, and
 * `--version` prints the version. An unknown command exits 2; an error nobody expected exits 3
 * with a short message (see {@link runCommand} for the errors of a command).
 *
 * @example
 * export const main = createCli({
 *   bin: 'bundle-trigger',
 *   description: 'The one bundling step of every trigger.',
 *   commands: [build, summary, collect],
 * });
 * process.exitCode = await main(process.argv.slice(2));
 */
export function createCli(options: CliOptions): CliMain {
  const { bin, commands, version } = options;
  const find = (name: string) => commands.find((command) => command.name === name);
  const versionLine = version === undefined ? '' : '\n  -v, --version   print the version';
  const usage = `Usage: ${bin} <command> [options]

${options.description}

Commands:
${listCommands(commands)}

Options:
  -h, --help      show this help${versionLine}

Run "${bin} help <command>" or "${bin} <command> --help" for a command's options.`;

  function help(args: readonly string[], io: CliIo): number {
    const [name, sub, ...extra] = args;
    if (name === undefined) {
      io.out(usage);
      return EXIT.ok;
    }
    const command = find(name);
    if (command === undefined) throw new UsageError(`unknown command "${name}"`);
    if (sub === undefined) {
      io.out(command.usage);
      return EXIT.ok;
    }
    const subcommand = command.subcommands?.find((each) => each.name === `${name} ${sub}`);
    if (extra.length > 0 || subcommand === undefined) {
      throw new UsageError(
        `"help" takes a command (and a subcommand of a group), got ${args.join(' ')}`,
      );
    }
    io.out(subcommand.usage);
    return EXIT.ok;
  }

  return async (argv, io = defaultIo) => {
    const [name, ...rest] = argv;
    try {
      switch (name) {
        case undefined:
          io.err(usage);
          return EXIT.usage;
        case '-h':
        case '--help':
          io.out(usage);
          return EXIT.ok;
        case 'help':
          return help(rest, io);
      }
      if (version !== undefined && (name === '-v' || name === '--version')) {
        io.out(await version());
        return EXIT.ok;
      }
      const command = find(name);
      if (command === undefined) {
        throw new UsageError(
          name.startsWith('-') ? `unknown option "${name}"` : `unknown command "${name}"`,
        );
      }
      return await runCommand(command, rest, io, options);
    } catch (error) {
      if (error instanceof UsageError) {
        reportUsageError(bin, error, io);
        if (options.usageOnError === true) io.err(`\n${usage}`);
        return EXIT.usage;
      }
      return reportInternalError(bin, error, io);
    }
  };
}
