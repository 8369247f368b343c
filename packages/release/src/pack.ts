import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { access, mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { basename, join, relative } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Files every published tarball carries beside its `dist/`. */
export const REQUIRED_FILES = ['package.json', 'LICENSE', 'README.md', 'CHANGELOG.md'] as const;

/** A release cannot be made as asked: a package not built, a tarball that would not install. */
export class ReleaseError extends Error {
  public constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ReleaseError';
  }
}

/** A workspace package that is published (its package.json is not `"private": true`). */
export interface PublicPackage {
  readonly name: string;
  readonly version: string;
  /** Its folder, relative to the repository root: `packages/verify`. */
  readonly folder: string;
}

/** One tarball of the release. */
export interface PackedPackage extends PublicPackage {
  /** The tarball's file name, in the release folder: `cognito-triggers-verify-0.1.0.tgz`. */
  readonly file: string;
  readonly bytes: number;
  readonly sha256: string;
  /** Its CHANGELOG.md section of this version, without the heading. */
  readonly changes: string;
}

interface Manifest {
  name?: string;
  version?: string;
  private?: boolean;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

/**
 * The workspace's public packages, in folder order: every `packages/*` without `"private": true`.
 *
 * @example
 * await publicPackages('/repo') // [{ name: '@cognito-triggers/cli', folder: 'packages/cli', … }, …]
 */
export async function publicPackages(root: string): Promise<PublicPackage[]> {
  const found: PublicPackage[] = [];
  for (const entry of (await readdir(join(root, 'packages'), { withFileTypes: true })).sort(
    (a, b) => a.name.localeCompare(b.name),
  )) {
    if (!entry.isDirectory()) continue;
    const folder = join('packages', entry.name);
    let manifest: Manifest;
    try {
      manifest = JSON.parse(await readFile(join(root, folder, 'package.json'), 'utf8'));
    } catch {
      continue;
    }
    if (manifest.private === true || manifest.name === undefined) continue;
    found.push({ name: manifest.name, version: manifest.version ?? '', folder });
  }
  return found;
}

/**
 * What a packed package.json must hold to install with plain npm next to the release's other
 * tarballs: no `workspace:` range left, and every dependency on a `@cognito-triggers/` package
 * one of the release's, at its version (anything else would be fetched from the registry, where
 * the scope is not ours yet). Returns the problems, empty when there are none.
 *
 * @example
 * packedManifestProblems({ dependencies: { '@cognito-triggers/events': 'workspace:*' } }, release)
 * // ['dependencies: @cognito-triggers/events "workspace:*" is a workspace range']
 */
export function packedManifestProblems(
  manifest: Manifest,
  release: readonly PublicPackage[],
): string[] {
  const problems: string[] = [];
  const sections = ['dependencies', 'peerDependencies', 'optionalDependencies'] as const;
  for (const section of sections) {
    for (const [name, range] of Object.entries(manifest[section] ?? {})) {
      if (range.startsWith('workspace:')) {
        problems.push(`${section}: ${name} "${range}" is a workspace range`);
        continue;
      }
      if (!name.startsWith('@cognito-triggers/')) continue;
      const released = release.find((candidate) => candidate.name === name);
      if (released === undefined) {
        problems.push(`${section}: ${name} is not published (not in this release)`);
      } else if (range !== released.version) {
        problems.push(`${section}: ${name} "${range}" is not the release's ${released.version}`);
      }
    }
  }
  return problems;
}

/** The section `## <version>` of a CHANGELOG.md, without its heading; undefined if absent. */
export function changelogSection(changelog: string, version: string): string | undefined {
  const lines = changelog.split('\n');
  const start = lines.findIndex((line) => line.trim() === `## ${version}`);
  if (start === -1) return undefined;
  const end = lines.findIndex((line, index) => index > start && line.startsWith('## '));
  return lines
    .slice(start + 1, end === -1 ? undefined : end)
    .join('\n')
    .trim();
}

/**
 * Packs every public package with `pnpm pack` (which applies `publishConfig` and rewrites
 * `workspace:` ranges to versions) into `out`, and checks each tarball: built, the required
 * files, nothing but `dist/` beside them, an installable package.json, a changelog entry for its
 * version. Earlier tarballs in `out` are removed first.
 *
 * @throws {ReleaseError} naming the package and what is wrong.
 */
export async function packRelease(
  root: string,
  out: string,
  progress: (line: string) => void,
): Promise<PackedPackage[]> {
  const release = await publicPackages(root);
  if (release.length === 0) throw new ReleaseError(`no public package under ${root}/packages`);
  const versions = new Set(release.map((pkg) => pkg.version));
  if (versions.size !== 1) {
    throw new ReleaseError(
      `the public packages are released at one version, found ${[...versions].join(', ')}: run pnpm changeset version`,
    );
  }
  for (const pkg of release) {
    try {
      await access(join(root, pkg.folder, 'dist'));
    } catch (error) {
      throw new ReleaseError(`${pkg.folder}/dist is missing: run pnpm build first`, {
        cause: error,
      });
    }
  }
  await mkdir(out, { recursive: true });
  for (const stale of await readdir(out)) {
    if (stale.endsWith('.tgz')) await rm(join(out, stale));
  }

  const packed: PackedPackage[] = [];
  for (const [index, pkg] of release.entries()) {
    progress(`packing ${pkg.name} (${index + 1}/${release.length})`);
    const before = new Set(await readdir(out));
    await run('pnpm', ['pack', '--pack-destination', out], { cwd: join(root, pkg.folder) });
    const file = (await readdir(out)).find((name) => name.endsWith('.tgz') && !before.has(name));
    if (file === undefined) throw new ReleaseError(`pnpm pack wrote no tarball for ${pkg.name}`);
    packed.push(await checkTarball(root, join(out, file), pkg, release));
  }
  return packed;
}

async function checkTarball(
  root: string,
  tarball: string,
  pkg: PublicPackage,
  release: readonly PublicPackage[],
): Promise<PackedPackage> {
  const where = `${pkg.name} (${relative(root, tarball)})`;
  const { stdout: listing } = await run('tar', ['-tzf', tarball]);
  const files = listing
    .trim()
    .split('\n')
    .map((file) => file.replace(/^package\//, ''));
  const missing = REQUIRED_FILES.filter((file) => !files.includes(file));
  if (missing.length > 0) throw new ReleaseError(`${where} lacks ${missing.join(', ')}`);
  const strays = files.filter(
    (file) =>
      !(REQUIRED_FILES as readonly string[]).includes(file) &&
      !file.startsWith('dist/') &&
      !file.startsWith('bin/'),
  );
  if (strays.length > 0) throw new ReleaseError(`${where} holds ${strays.join(', ')}`);

  const read = async (file: string) =>
    (await run('tar', ['-xzOf', tarball, `package/${file}`], { maxBuffer: 1 << 24 })).stdout;
  const problems = packedManifestProblems(JSON.parse(await read('package.json')), release);
  if (problems.length > 0) throw new ReleaseError(`${where}: ${problems.join('; ')}`);
  const changes = changelogSection(await read('CHANGELOG.md'), pkg.version);
  if (changes === undefined) {
    throw new ReleaseError(`${where}: CHANGELOG.md has no "## ${pkg.version}" section`);
  }
  const bytes = await readFile(tarball);
  return {
    ...pkg,
    file: basename(tarball),
    bytes: bytes.length,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    changes,
  };
}
