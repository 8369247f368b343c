import {
  type Command,
  type CommandGroupOptions,
  commandGroup as groupOf,
} from '@cognito-triggers/cli-kit';

export {
  asUsage,
  type CliIo,
  type Command,
  defaultIo,
  EXIT,
  InputError,
  parseCommandLine,
  progress,
  UsageError,
} from '@cognito-triggers/cli-kit';

/** The command's name, as users type it. */
export const BIN = 'cognito-triggers';

/**
 * A `cognito-triggers` command made of subcommands (`tenants create`, …); see the kit's
 * `commandGroup`.
 */
export function commandGroup(options: Omit<CommandGroupOptions, 'bin'>): Command {
  return groupOf({ bin: BIN, ...options });
}
