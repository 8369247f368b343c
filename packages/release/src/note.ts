import type { PackedPackage } from './pack.js';

/** What the release note says about the trigger artifacts folder `pnpm build` wrote. */
export interface ArtifactsSummary {
  /** The folder, relative to the release folder: `../artifacts`. */
  readonly folder: string;
  /** Its SHA256SUMS, as written. */
  readonly checksums: string;
}

/** `SHA256SUMS` of the tarballs, in `sha256sum` format (`sha256sum -c SHA256SUMS`). */
export function tarballChecksums(packed: readonly PackedPackage[]): string {
  return packed.map((pkg) => `${pkg.sha256}  ${pkg.file}\n`).join('');
}

/**
 * RELEASE.md: the version, each tarball with its size and SHA-256, how to install them (from
 * the tarballs now, from the registry once the scope is claimed and they are published), the
 * trigger artifacts and their checksums, and each package's changes. Nothing in it depends on
 * the time or the machine, so the same release writes the same note.
 *
 * @example
 * await writeFile(join(out, 'RELEASE.md'), releaseNote(packed, artifacts));
 */
export function releaseNote(packed: readonly PackedPackage[], artifacts: ArtifactsSummary): string {
  const version = packed[0]?.version ?? '';
  const files = packed.map((pkg) => `./${pkg.file}`).join(' ');
  const cli = packed.find((pkg) => pkg.name === '@cognito-triggers/cli');
  return [
    `# Cognito Trigger Suite ${version}`,
    '',
    '## Packages',
    '',
    '| package | tarball | size | SHA-256 |',
    '|---|---|---|---|',
    ...packed.map(
      (pkg) =>
        `| \`${pkg.name}\` | \`${pkg.file}\` | ${(pkg.bytes / 1024).toFixed(1)} KB | \`${pkg.sha256}\` |`,
    ),
    '',
    'Check them with `sha256sum -c SHA256SUMS` in this folder.',
    '',
    '## Install',
    '',
    'The `@cognito-triggers` scope on npmjs.com is **not claimed yet**, and nothing is published',
    'there: until it is, `npm install @cognito-triggers/…` would fetch whatever someone else',
    'publishes under that name. Install from these tarballs, all at once so that npm takes the',
    "packages' dependencies on each other from them:",
    '',
    '```sh',
    `npm install ${files}`,
    ...(cli === undefined
      ? []
      : [`npm install -g ./${cli.file}     # the cognito-triggers command`]),
    '```',
    '',
    `Once the scope is claimed and ${version} is published: \`npm install ${packed
      .filter((pkg) => pkg !== cli)
      .map((pkg) => `${pkg.name}@${version}`)
      .join(' ')}\`.`,
    '',
    '## Trigger artifacts',
    '',
    `The functions Terraform deploys are in \`${artifacts.folder}\` (each trigger's zip and`,
    'manifest), written by the same `pnpm build`. Their checksums:',
    '',
    '```',
    artifacts.checksums.trimEnd(),
    '```',
    '',
    '## Changes',
    '',
    ...packed.flatMap((pkg) => [`### ${pkg.name}`, '', pkg.changes, '']),
  ].join('\n');
}
