import { type Command, listCommands, type RunOptions, runCommand } from './command.js';
import { UsageError } from './errors.js';
import { EXIT } from './exit.js';
import type { CliIo } from './io.js';

/** What a group of subcommands is made of. */
export interface CommandGroupOptions extends RunOptions {
  /** The group's name (`tenants`); each subcommand is named `<group> <subcommand>`. */
  readonly name: string;
  /** One line for the program's listing. */
  readonly summary: string;
  /** What the group is about, shown above the list of subcommands. */
  readonly description: string;
  /** Each named `<group> <subcommand>` (`tenants create`). */
  readonly subcommands: readonly Command[];
}

/**
 * A command made of subcommands (`tenants create`, `tenants list`, …): `<group> --help` lists
 * them, `<group> <subcommand> …` runs one, and an error of a subcommand is reported with that
 * subcommand's name (`cognito-triggers tenants create: …`), pointing at its help.
 *
 * @example
 * export const local = commandGroup({
 *   bin: 'cognito-triggers',
 *   name: 'local',
 *   summary: 'the whole suite offline',
 *   description: 'Runs the local stack: …',
 *   subcommands: [start, demo],
 * });
 */
export function commandGroup(options: CommandGroupOptions): Command {
  const { bin, name, subcommands } = options;
  const prefix = `${name} `;
  const misnamed = subcommands.find((command) => !command.name.startsWith(prefix));
  if (misnamed !== undefined) {
    throw new TypeError(
      `subcommand "${misnamed.name}" of group "${name}" must be named "${prefix}…"`,
    );
  }
  const word = (command: Command) => command.name.slice(prefix.length);
  const usage = `Usage: ${bin} ${name} <subcommand> [options]

${options.description}

Subcommands:
${listCommands(subcommands.map((command) => ({ name: word(command), summary: command.summary })))}

Run "${bin} ${name} <subcommand> --help" for a subcommand's options.`;

  return {
    name,
    summary: options.summary,
    usage,
    subcommands,
    async run(args: readonly string[], io: CliIo): Promise<number> {
      const [first, ...rest] = args;
      if (first === undefined) {
        io.err(usage);
        return EXIT.usage;
      }
      if (first === '-h' || first === '--help') {
        io.out(usage);
        return EXIT.ok;
      }
      const command = subcommands.find((each) => word(each) === first);
      if (command === undefined) {
        throw new UsageError(
          first.startsWith('-')
            ? `unknown option "${first}" (a subcommand comes first)`
            : `unknown subcommand "${first}" (${subcommands.map(word).join(', ')})`,
        );
      }
      return runCommand(command, rest, io, options);
    },
  };
}
