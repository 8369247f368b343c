import { readFile } from 'node:fs/promises';
import {
  BIN,
  type CliIo,
  type Command,
  defaultIo,
  EXIT,
  InputError,
  reportUsageError,
  UsageError,
} from './command.js';
import { COMMANDS, findCommand } from './commands/index.js';

function usage(): string {
  const width = Math.max(...COMMANDS.map((command) => command.name.length)) + 3;
  const commands = COMMANDS.map((command) => `  ${command.name.padEnd(width)}${command.summary}`);
  return `Usage: ${BIN} <command> [options]

The operator command of the Cognito trigger suite.

Commands:
${commands.join('\n')}

Options:
  -h, --help      show this help
  -v, --version   print the version

Run "${BIN} help <command>" or "${BIN} <command> --help" for a command's options.`;
}

/**
 * Runs `cognito-triggers` with `argv` (without the node and script paths) and returns the exit
 * code instead of exiting, so that it can also be called in-process.
 */
export async function main(argv: readonly string[], io: CliIo = defaultIo): Promise<number> {
  const [name, ...rest] = argv;
  let command: Command | undefined;
  try {
    switch (name) {
      case undefined:
        io.err(usage());
        return EXIT.usage;
      case '-h':
      case '--help':
        io.out(usage());
        return EXIT.ok;
      case '-v':
      case '--version':
        io.out(await readVersion());
        return EXIT.ok;
      case 'help':
        return help(rest, io);
      default:
        command = findCommand(name);
        if (command === undefined) {
          throw new UsageError(
            name.startsWith('-') ? `unknown option "${name}"` : `unknown command "${name}"`,
          );
        }
        return await command.run(rest, io);
    }
  } catch (error) {
    if (error instanceof UsageError || error instanceof InputError) {
      return reportUsageError(command?.name, error, io);
    }
    io.err(
      `${BIN}: internal error (please report it)\n${error instanceof Error ? error.stack : String(error)}`,
    );
    return EXIT.internal;
  }
}

function help(args: readonly string[], io: CliIo): number {
  const [name, sub, ...extra] = args;
  if (name === undefined) {
    io.out(usage());
    return EXIT.ok;
  }
  const command = findCommand(name);
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

async function readVersion(): Promise<string> {
  const text = await readFile(new URL('../package.json', import.meta.url), 'utf8');
  const { version } = JSON.parse(text) as { version: string };
  return version;
}
