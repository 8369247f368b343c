import { readFile, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import {
  type CliIo,
  type Command,
  defaultIo,
  EXIT,
  findWorkspaceRoot,
  parseCommandLine,
  runCommand,
  UsageError,
} from '@cognito-triggers/cli-kit';
import { releaseNote, tarballChecksums } from './note.js';
import { packRelease, ReleaseError } from './pack.js';

/** Where `pnpm build` writes the trigger artifacts, and where the release goes beside them. */
export const ARTIFACTS_DIR = join('terraform', 'artifacts');
export const RELEASE_DIR = join('terraform', 'release');

const USAGE = `Usage: release-pack [--out DIR] [--root DIR]     (from the repository root: pnpm release:pack)

Writes the release beside the trigger artifacts folder (${ARTIFACTS_DIR}): a tarball of each
public package (pnpm pack: publishConfig applied, workspace ranges rewritten to versions),
SHA256SUMS of them, and RELEASE.md (versions, checksums, how to install, the artifacts'
checksums, each package's changes). Checks that each tarball has LICENSE, README.md and a
CHANGELOG.md entry for its version, and depends on no unpublished package. Needs a build:
pnpm release:pack runs pnpm build first.

Options:
  --out DIR    the release folder (default: ${RELEASE_DIR}); earlier tarballs in it are removed
  --root DIR   the repository root (default: the nearest folder with pnpm-workspace.yaml)
  -h, --help   show this help

Exit codes: 0 written, 1 the release is incomplete (the message says what), 2 bad usage, 3 a bug.`;

/** `release-pack`: the publishable tarballs and the release note. */
export const releasePack: Command = {
  name: '',
  summary: 'write the publishable tarballs and the release note',
  usage: USAGE,
  async run(args: readonly string[], io: CliIo) {
    const { values, positionals } = parseCommandLine(args, {
      out: { type: 'string' },
      root: { type: 'string' },
    });
    if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    const root = resolve(io.cwd, values.root ?? (await findWorkspaceRoot(io.cwd)));
    const out = resolve(io.cwd, values.out ?? join(root, RELEASE_DIR));
    const artifacts = join(root, ARTIFACTS_DIR);
    const checksums = await readFile(join(artifacts, 'SHA256SUMS'), 'utf8').catch((error) => {
      throw new ReleaseError(`${ARTIFACTS_DIR}/SHA256SUMS is missing: run pnpm build first`, {
        cause: error,
      });
    });

    const packed = await packRelease(root, out, io.err);
    await writeFile(join(out, 'SHA256SUMS'), tarballChecksums(packed));
    await writeFile(
      join(out, 'RELEASE.md'),
      releaseNote(packed, { folder: relative(out, artifacts), checksums }),
    );
    io.out(
      `release ${packed[0]?.version}: ${packed.length} tarballs, SHA256SUMS and RELEASE.md in ${relative(io.cwd, out) || '.'}`,
    );
    return EXIT.ok;
  },
  explainFailure: (error) => (error instanceof ReleaseError ? error.message : undefined),
};

/**
 * Runs `release-pack` with `argv` and returns the exit code.
 *
 * @example
 * process.exitCode = await main(process.argv.slice(2));
 */
export function main(argv: readonly string[]): Promise<number> {
  return runCommand(
    releasePack,
    argv,
    // Through `pnpm release:pack`, relative paths are the caller's, not the script's folder.
    { ...defaultIo, cwd: process.env.INIT_CWD ?? defaultIo.cwd },
    { bin: 'release-pack' },
  );
}
