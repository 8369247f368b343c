import { readFile } from 'node:fs/promises';
import { createCli } from '@cognito-triggers/cli-kit';
import { BIN } from './command.js';
import { COMMANDS } from './commands/index.js';

/**
 * Runs `cognito-triggers` with `argv` (without the node and script paths) and returns the exit
 * code instead of exiting, so that it can also be called in-process.
 *
 * @example
 * process.exitCode = await main(['check-email', 'ana@example.com']);
 */
export const main = createCli({
  bin: BIN,
  description: 'The operator command of the Cognito trigger suite.',
  commands: COMMANDS,
  version: readVersion,
});

async function readVersion(): Promise<string> {
  const text = await readFile(new URL('../package.json', import.meta.url), 'utf8');
  const { version } = JSON.parse(text) as { version: string };
  return version;
}
