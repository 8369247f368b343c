import { parseArgs } from 'node:util';
import {
  asUsage,
  type CliIo,
  type Command,
  EXIT,
  findWorkspaceRoot,
} from '@cognito-triggers/cli-kit';
import { BundleError, explainBundleError } from '../errors.js';
import { listBuiltTriggers, verifyZip } from '../manifest.js';
import { formatSummary } from '../report.js';

const USAGE = `Usage: bundle-trigger summary [--root DIR]

Lists triggers/*/dist/manifest.json (and the attach function's packages/attach/dist) of the
repository: zip, sizes, budget, sourceCodeHash.
Fails when no trigger is built or a zip no longer matches its manifest.

Options:
  --root DIR   repository root (default: nearest folder with pnpm-workspace.yaml)
  -h, --help   show this help`;

/** `bundle-trigger summary`: a table of every built trigger, each zip checked against its manifest. */
export const summary: Command = {
  name: 'summary',
  summary: 'list every built trigger of the repository',
  usage: USAGE,
  run,
  explainFailure: explainBundleError,
};

async function run(args: readonly string[], io: CliIo): Promise<number> {
  const { values } = asUsage(() =>
    parseArgs({
      args: [...args],
      options: { root: { type: 'string' } },
    }),
  );
  const root = values.root ?? (await findWorkspaceRoot(io.cwd));
  const built = await listBuiltTriggers(root);
  if (built.length === 0) {
    throw new BundleError(
      `no trigger is built yet under ${root} (no triggers/*/dist/manifest.json or packages/*/dist/manifest.json). ` +
        'Build them with `pnpm build` from the repository root.',
    );
  }
  for (const trigger of built) await verifyZip(trigger);
  io.out(formatSummary(root, built));
  return EXIT.ok;
}
