import { createHash } from 'node:crypto';
import { copyFile, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BundleError } from './errors.js';
import { type BuiltTrigger, listBuiltTriggers, verifyZip } from './manifest.js';

/** The checksum file of an artifacts folder, in `sha256sum` format (`sha256sum -c SHA256SUMS`). */
export const CHECKSUM_FILE = 'SHA256SUMS';

/** What {@link collectArtifacts} wrote. */
export interface CollectedArtifacts {
  readonly dir: string;
  /** Each trigger's files in the folder: `<trigger>.zip` and `<trigger>.json` (its manifest). */
  readonly triggers: readonly {
    readonly trigger: string;
    readonly zip: string;
    readonly sha256: string;
  }[];
}

/**
 * Writes the one artifacts folder a Terraform module consumer points at: each built trigger's
 * zip (`<trigger>.zip`), its manifest (`<trigger>.json`: handler, runtime, `sourceCodeHash`,
 * `awsActions`, …) and `SHA256SUMS` of the zips. Each zip is checked against its manifest
 * first; the folder is emptied of earlier artifacts, so it never holds a stale one.
 *
 * @throws {BundleError} when no trigger is built, or a zip no longer matches its manifest.
 * @example
 * await collectArtifacts('/repo', '/repo/terraform/artifacts');
 */
export async function collectArtifacts(root: string, dir: string): Promise<CollectedArtifacts> {
  const built = await listBuiltTriggers(root);
  if (built.length === 0) {
    throw new BundleError(
      `no trigger is built yet under ${root} (no triggers/*/dist/manifest.json or packages/*/dist/manifest.json). ` +
        'Build them with `pnpm build` from the repository root.',
    );
  }
  for (const trigger of built) await verifyZip(trigger);

  await mkdir(dir, { recursive: true });
  for (const name of await readdir(dir)) {
    if (name.endsWith('.zip') || name.endsWith('.json') || name === CHECKSUM_FILE) {
      await rm(join(dir, name));
    }
  }
  const triggers = await Promise.all(built.map((trigger) => copyTrigger(trigger, dir)));
  const sums = triggers.map(({ zip, sha256 }) => `${sha256}  ${zip}\n`).join('');
  await writeFile(join(dir, CHECKSUM_FILE), sums);
  return { dir, triggers };
}

async function copyTrigger({ dir: triggerDir, manifest }: BuiltTrigger, dir: string) {
  const zip = `${manifest.trigger}.zip`;
  const source = join(triggerDir, 'dist', manifest.zip);
  await copyFile(source, join(dir, zip));
  // The manifest as Terraform reads it: the zip is named as in this folder.
  const { largestInputs: _inputs, ...rest } = manifest as typeof manifest & {
    largestInputs?: unknown;
  };
  await writeFile(
    join(dir, `${manifest.trigger}.json`),
    `${JSON.stringify({ ...rest, zip }, null, 2)}\n`,
  );
  const sha256 = createHash('sha256')
    .update(await readFile(source))
    .digest('hex');
  return { trigger: manifest.trigger, zip, sha256 };
}
