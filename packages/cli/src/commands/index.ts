import type { Command } from '../command.js';
import { checkEmail } from './check-email.js';

/**
 * Every subcommand, in the order `cognito-triggers --help` lists them. A new one is a file in
 * this folder exporting a {@link Command}, and a line here.
 */
export const COMMANDS: readonly Command[] = [checkEmail];

export function findCommand(name: string): Command | undefined {
  return COMMANDS.find((command) => command.name === name);
}
