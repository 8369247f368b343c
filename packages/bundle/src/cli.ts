import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { collectArtifacts } from './artifacts.js';
import { bundleTrigger } from './bundle.js';
import { BundleError } from './errors.js';
import { findWorkspaceRoot, listBuiltTriggers, verifyZip } from './manifest.js';
import { formatBuildLine, formatSummary } from './report.js';

/** Where the CLI reads its working directory and writes its output; tests pass their own. */
export interface CliIo {
  readonly cwd: string;
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
}

/** Exit codes: 0 done, 1 the build or summary failed, 2 the command line was wrong. */
export const EXIT = { ok: 0, failure: 1, usage: 2 } as const;

const USAGE = `Usage: bundle-trigger <command> [options]

Commands:
  build      bundle the trigger in the current folder into dist/ (zip + manifest for Terraform)
  summary    list every built trigger of the repository
  collect    write the artifacts folder: every trigger's zip, its manifest, SHA256SUMS

Run "bundle-trigger <command> --help" for its options.`;

const BUILD_USAGE = `Usage: bundle-trigger build [--dir PATH]

Bundles src/handler.ts of a trigger package with esbuild and writes dist/index.mjs (+ .map),
dist/meta.json, dist/<folder>.zip (reproducible) and dist/manifest.json. Reads the
"cognitoTrigger" field of the package's package.json; fails when the bundle is over
maxBundleBytes or contains the AWS SDK while awsSdk is false. With awsSdk "lazy", each
await import() of a module of the trigger's own becomes a self-contained dist/<name>.mjs; the
build fails when dist/index.mjs would hold the AWS SDK or more than maxEntryBytes.

Options:
  --dir PATH   trigger package folder (default: the current folder)
  -h, --help   show this help`;

const SUMMARY_USAGE = `Usage: bundle-trigger summary [--root DIR]

Lists triggers/*/dist/manifest.json (and the attach function's packages/attach/dist) of the
repository: zip, sizes, budget, sourceCodeHash.
Fails when no trigger is built or a zip no longer matches its manifest.

Options:
  --root DIR   repository root (default: nearest folder with pnpm-workspace.yaml)
  -h, --help   show this help`;

const COLLECT_USAGE = `Usage: bundle-trigger collect --out DIR [--root DIR]

Writes the artifacts folder a Terraform module consumer points at: triggers/*/dist of the
repository (and packages/attach/dist, the attach function) as <trigger>.zip and
<trigger>.json (its manifest: handler, runtime, sourceCodeHash, awsActions), and SHA256SUMS of the zips (check with: sha256sum -c SHA256SUMS).
Earlier artifacts in DIR are removed first. Fails when no trigger is built or a zip no longer
matches its manifest.

Options:
  --out DIR    the artifacts folder (created if missing)
  --root DIR   repository root (default: nearest folder with pnpm-workspace.yaml)
  -h, --help   show this help`;

class UsageError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'UsageError';
  }
}

const defaultIo: CliIo = {
  cwd: process.cwd(),
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

/**
 * Runs `bundle-trigger` with `argv` (without the node and script paths) and returns the exit
 * code instead of exiting, so it can be called in-process.
 */
export async function main(argv: readonly string[], io: CliIo = defaultIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'build':
        return await build(rest, io);
      case 'summary':
        return await summary(rest, io);
      case 'collect':
        return await collect(rest, io);
      case '-h':
      case '--help':
        io.out(USAGE);
        return EXIT.ok;
      case undefined:
        throw new UsageError('missing command');
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`bundle-trigger: ${error.message}\n\n${usageFor(command)}`);
      return EXIT.usage;
    }
    if (error instanceof BundleError) {
      io.err(`bundle-trigger: ${error.message}`);
      return EXIT.failure;
    }
    io.err(
      `bundle-trigger: unexpected error\n${error instanceof Error ? error.stack : String(error)}`,
    );
    return EXIT.failure;
  }
}

async function build(args: readonly string[], io: CliIo): Promise<number> {
  const { values } = asUsage(() =>
    parseArgs({
      args: [...args],
      options: { dir: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    }),
  );
  if (values.help) {
    io.out(BUILD_USAGE);
    return EXIT.ok;
  }
  const manifest = await bundleTrigger(values.dir ?? io.cwd);
  io.out(formatBuildLine(manifest));
  return EXIT.ok;
}

async function summary(args: readonly string[], io: CliIo): Promise<number> {
  const { values } = asUsage(() =>
    parseArgs({
      args: [...args],
      options: { root: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    }),
  );
  if (values.help) {
    io.out(SUMMARY_USAGE);
    return EXIT.ok;
  }
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

async function collect(args: readonly string[], io: CliIo): Promise<number> {
  const { values } = asUsage(() =>
    parseArgs({
      args: [...args],
      options: {
        out: { type: 'string' },
        root: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }),
  );
  if (values.help) {
    io.out(COLLECT_USAGE);
    return EXIT.ok;
  }
  if (values.out === undefined) throw new UsageError('collect needs --out DIR');
  const root = values.root ?? (await findWorkspaceRoot(io.cwd));
  const out = resolve(io.cwd, values.out);
  const collected = await collectArtifacts(root, out);
  io.out(
    `bundle-trigger: ${collected.triggers.length} triggers in ${out} (${collected.triggers.map((t) => t.zip).join(', ')}, SHA256SUMS)`,
  );
  return EXIT.ok;
}

function asUsage<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    // parseArgs explains unknown options and stray arguments well; keep its words.
    throw new UsageError(error instanceof Error ? error.message : String(error), { cause: error });
  }
}

function usageFor(command: string | undefined): string {
  if (command === 'build') return BUILD_USAGE;
  if (command === 'summary') return SUMMARY_USAGE;
  if (command === 'collect') return COLLECT_USAGE;
  return USAGE;
}
