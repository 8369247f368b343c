import { createHash } from 'node:crypto';
import { rename, writeFile } from 'node:fs/promises';
import { ZipFile } from 'yazl';
import { BundleError } from './errors.js';

/** One file to put in a zip: its path inside the archive and its bytes. */
export interface ZipEntry {
  readonly name: string;
  readonly data: Uint8Array;
}

// Regular file, rw-r--r--: Lambda only needs to read index.mjs, and a fixed mode keeps the
// central directory independent of the umask of the machine that built it.
const FILE_MODE = 0o100644;

/**
 * Builds a zip whose bytes depend only on the entries: sorted by name, deflated, every file
 * stamped 1980-01-01 00:00:00, mode 0644, no extra fields, no comments.
 *
 * Deflate output comes from Node's bundled zlib, so the bytes are identical for the same Node
 * build; pin the Node version of the machine that produces the deployed zips.
 *
 * @example
 * const zip = await createReproducibleZip([{ name: 'index.mjs', data: bundle }]);
 */
export function createReproducibleZip(entries: readonly ZipEntry[]): Promise<Buffer> {
  if (entries.length === 0) {
    return Promise.reject(new BundleError('a zip needs at least one entry'));
  }
  const names = entries.map((entry) => entry.name);
  const duplicate = names.find((name, index) => names.indexOf(name) !== index);
  if (duplicate !== undefined) {
    return Promise.reject(new BundleError(`duplicate zip entry: ${duplicate}`));
  }

  const zip = new ZipFile();
  const sorted = [...entries].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of sorted) {
    zip.addBuffer(Buffer.from(entry.data), entry.name, {
      // yazl encodes DOS times in local time: a local 1980-01-01 midnight encodes as DOS date 1,
      // time 0 in every TZ. forceDosTimestamp drops the UTC "UT" extra field that would differ.
      mtime: new Date(1980, 0, 1, 0, 0, 0),
      forceDosTimestamp: true,
      mode: FILE_MODE,
      compressionLevel: 9,
    });
  }

  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    zip.on('error', reject);
    zip.outputStream.on('error', reject);
    zip.outputStream.on('data', (chunk: Buffer) => chunks.push(chunk));
    zip.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
    zip.end();
  });
}

/**
 * Writes {@link createReproducibleZip}'s output to `outPath` and returns the bytes written.
 * The file is replaced atomically, so a reader (Terraform, the local stack) never sees half a zip.
 */
export async function writeReproducibleZip(
  entries: readonly ZipEntry[],
  outPath: string,
): Promise<Buffer> {
  const bytes = await createReproducibleZip(entries);
  const partial = `${outPath}.partial`;
  await writeFile(partial, bytes);
  await rename(partial, outPath);
  return bytes;
}

/**
 * Base64 of the SHA-256 of `bytes`: the value Terraform's `filebase64sha256()` returns for a
 * file with these bytes, and what `aws_lambda_function.source_code_hash` compares.
 */
export function base64Sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('base64');
}
