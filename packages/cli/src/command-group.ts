import {
  BIN,
  type CliIo,
  type Command,
  EXIT,
  InputError,
  reportUsageError,
  UsageError,
} from './command.js';

/**
 * A command made of subcommands (`tenants create`, `tenants list`, …): `<group> --help` lists
 * them, `<group> <subcommand> …` runs one, and a wrong command line of a subcommand points at
 * that subcommand's help.
 */
export function commandGroup(options: {
  readonly name: string;
  readonly summary: string;
  /** What the group is about, shown above the list of subcommands. */
  readonly description: string;
  /** Each named `<group> <subcommand>`. */
  readonly subcommands: readonly Command[];
}): Command {
  const { name, subcommands } = options;
  const word = (command: Command) => command.name.slice(name.length + 1);
  const width = Math.max(...subcommands.map((command) => word(command).length)) + 3;
  const usage = `Usage: ${BIN} ${name} <subcommand> [options]

${options.description}

Subcommands:
${subcommands.map((command) => `  ${word(command).padEnd(width)}${command.summary}`).join('\n')}

Run "${BIN} ${name} <subcommand> --help" for a subcommand's options.`;

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
      try {
        return await command.run(rest, io);
      } catch (error) {
        if (error instanceof UsageError || error instanceof InputError) {
          return reportUsageError(command.name, error, io);
        }
        throw error;
      }
    },
  };
}
