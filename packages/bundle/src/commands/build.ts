import { parseArgs } from 'node:util';
import { asUsage, type CliIo, type Command, EXIT } from '@cognito-triggers/cli-kit';
import { bundleTrigger } from '../bundle.js';
import { explainBundleError } from '../errors.js';
import { formatBuildLine } from '../report.js';

const USAGE = `Usage: bundle-trigger build [--dir PATH]

Bundles src/handler.ts of a trigger package with esbuild and writes dist/index.mjs (+ .map),
dist/meta.json, dist/<folder>.zip (reproducible) and dist/manifest.json. Reads the
"cognitoTrigger" field of the package's package.json; fails when the bundle is over
maxBundleBytes or contains the AWS SDK while awsSdk is false. With awsSdk "lazy", each
await import() of a module of the trigger's own becomes a self-contained dist/<name>.mjs; the
build fails when dist/index.mjs would hold the AWS SDK or more than maxEntryBytes.

Options:
  --dir PATH   trigger package folder (default: the current folder)
  -h, --help   show this help`;

/** `bundle-trigger build`: one trigger's bundle, zip and manifest, and one line about them. */
export const build: Command = {
  name: 'build',
  summary: 'bundle the trigger in the current folder into dist/ (zip + manifest for Terraform)',
  usage: USAGE,
  run,
  explainFailure: explainBundleError,
};

async function run(args: readonly string[], io: CliIo): Promise<number> {
  const { values } = asUsage(() =>
    parseArgs({
      args: [...args],
      options: { dir: { type: 'string' } },
    }),
  );
  const manifest = await bundleTrigger(values.dir ?? io.cwd);
  io.out(formatBuildLine(manifest));
  return EXIT.ok;
}
