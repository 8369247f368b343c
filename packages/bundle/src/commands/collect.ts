import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  asUsage,
  type CliIo,
  type Command,
  EXIT,
  findWorkspaceRoot,
  UsageError,
} from '@cognito-triggers/cli-kit';
import { collectArtifacts } from '../artifacts.js';
import { explainBundleError } from '../errors.js';

const USAGE = `Usage: bundle-trigger collect --out DIR [--root DIR]

Writes the artifacts folder a Terraform module consumer points at: triggers/*/dist of the
repository (and packages/attach/dist, the attach function) as <trigger>.zip and
<trigger>.json (its manifest: handler, runtime, sourceCodeHash, awsActions), and SHA256SUMS of the zips (check with: sha256sum -c SHA256SUMS).
Earlier artifacts in DIR are removed first. Fails when no trigger is built or a zip no longer
matches its manifest.

Options:
  --out DIR    the artifacts folder (created if missing)
  --root DIR   repository root (default: nearest folder with pnpm-workspace.yaml)
  -h, --help   show this help`;

/** `bundle-trigger collect`: the artifacts folder of every built function, with SHA256SUMS. */
export const collect: Command = {
  name: 'collect',
  summary: "write the artifacts folder: every trigger's zip, its manifest, SHA256SUMS",
  usage: USAGE,
  run,
  explainFailure: explainBundleError,
};

async function run(args: readonly string[], io: CliIo): Promise<number> {
  const { values } = asUsage(() =>
    parseArgs({
      args: [...args],
      options: {
        out: { type: 'string' },
        root: { type: 'string' },
      },
    }),
  );
  if (values.out === undefined) throw new UsageError('collect needs --out DIR');
  const root = values.root ?? (await findWorkspaceRoot(io.cwd));
  const out = resolve(io.cwd, values.out);
  const collected = await collectArtifacts(root, out);
  io.out(
    `bundle-trigger: ${collected.triggers.length} triggers in ${out} (${collected.triggers.map((t) => t.zip).join(', ')}, SHA256SUMS)`,
  );
  return EXIT.ok;
}
