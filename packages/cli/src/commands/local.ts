import {
  DEMO_SUMMARY,
  DEMO_USAGE,
  START_SUMMARY,
  START_USAGE,
} from '@cognito-triggers/local/usage';
import { BIN, type CliIo, type Command, commandGroup, EXIT } from '../command.js';

// Help is printed before a command runs: it comes from the stack's text-only module, which the
// bundle includes; the commands themselves are imported only when one runs (a checkout).

const NO_CHECKOUT =
  'the local stack runs from a checkout of the suite: in it, pnpm install && pnpm build && pnpm start';

/** `cognito-triggers local start|demo`: the local stack of `@cognito-triggers/local`. */
export const local = commandGroup({
  name: 'local',
  summary: 'the whole suite offline: run the local stack, or its scripted demo',
  description: `The whole suite offline, on loopback: DynamoDB API (dynalite) with the tenant table, the Cognito
API (cognito-local) with a user pool wired to the five triggers, and a Lambda invoke server that
runs the BUILT bundles (triggers/*/dist/index.mjs) with the environment Terraform gives them.
From the repository root: pnpm start, pnpm demo (options after --: pnpm start -- --help).`,
  subcommands: [
    fromCheckout('localStart', { name: 'local start', summary: START_SUMMARY, usage: START_USAGE }),
    fromCheckout('localDemo', { name: 'local demo', summary: DEMO_SUMMARY, usage: DEMO_USAGE }),
  ],
});

/**
 * A command of `@cognito-triggers/local/commands`, imported when it runs: the installed
 * `cognito-triggers` (one bundle, without the stack) says where the stack runs instead, exit 2.
 */
function fromCheckout(
  exported: 'localStart' | 'localDemo',
  help: Pick<Command, 'name' | 'summary' | 'usage'>,
): Command {
  let loaded: Command | undefined;
  return {
    ...help,
    async run(args: readonly string[], io: CliIo): Promise<number> {
      loaded = await importStackCommand(exported);
      if (loaded === undefined) {
        io.err(`${BIN} ${help.name}: ${NO_CHECKOUT}`);
        return EXIT.usage;
      }
      return loaded.run(args, io);
    },
    explainFailure: (error) => loaded?.explainFailure?.(error),
  };
}

async function importStackCommand(
  exported: 'localStart' | 'localDemo',
): Promise<Command | undefined> {
  try {
    return (await import('@cognito-triggers/local/commands'))[exported];
  } catch (error) {
    if (isStackMissing(error)) return undefined;
    throw error;
  }
}

/**
 * The package is absent (the installed command), or is there as TypeScript sources that only
 * the checkout's bin (through tsx) can load: `node dist/cognito-triggers.mjs` in a checkout.
 */
function isStackMissing(error: unknown): boolean {
  const code = error instanceof Error && 'code' in error ? error.code : undefined;
  return code === 'ERR_MODULE_NOT_FOUND' || code === 'ERR_UNKNOWN_FILE_EXTENSION';
}
