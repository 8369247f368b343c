import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import type { Metafile } from 'esbuild';
import type { EsbuildResult } from './esbuild.js';
import { OUT_DIR } from './layout.js';
import type { InputSize } from './manifest.js';
import type { ZipEntry } from './zip.js';

/** One `.mjs` file of the build: metafile path (`dist/...`), zip entry name and bytes. */
export interface CodeFile extends ZipEntry {
  readonly output: string;
}

const LARGEST_INPUTS = 10;

/** Deletes what a previous build wrote: every `.mjs` (+ map) of dist/ and the other outputs. */
export async function removeOutputs(root: string, zipName: string): Promise<void> {
  const dist = join(root, OUT_DIR);
  let names: string[];
  try {
    names = await readdir(dist);
  } catch {
    return;
  }
  // `chunks` is the folder of earlier, code-splitting lazy builds.
  const ours = new Set(['meta.json', zipName, 'manifest.json', 'chunks']);
  const stale = names.filter(
    (name) => ours.has(name) || name.endsWith('.mjs') || name.endsWith('.mjs.map'),
  );
  await Promise.all(stale.map((name) => rm(join(dist, name), { force: true, recursive: true })));
}

/**
 * Writes every file the builds produced (code and source maps) under `root`, and returns the
 * code files in zip-entry order.
 */
export async function writeOutputs(
  root: string,
  results: readonly EsbuildResult[],
): Promise<CodeFile[]> {
  const code: CodeFile[] = [];
  for (const file of results.flatMap((result) => result.outputFiles)) {
    const output = relative(root, file.path).split(sep).join('/');
    await mkdir(dirname(file.path), { recursive: true });
    await writeFile(file.path, file.contents);
    if (output.endsWith('.mjs')) {
      code.push({ output, name: output.slice(OUT_DIR.length + 1), data: file.contents });
    }
  }
  return code.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** The bytes of the given code files together. */
export function sumBytes(files: readonly CodeFile[]): number {
  return files.reduce((total, file) => total + file.data.byteLength, 0);
}

/** The ten largest inputs of the given outputs (by default every `.mjs` file of the build). */
export function rankInputs(
  metafile: Metafile,
  code: readonly CodeFile[],
  outputs: readonly string[] = code.map((file) => file.output),
): InputSize[] {
  return code
    .filter((file) => outputs.includes(file.output))
    .flatMap(({ output, name }) =>
      Object.entries(metafile.outputs[output]?.inputs ?? {}).map(([path, { bytesInOutput }]) => ({
        path,
        bytes: bytesInOutput,
        file: name,
      })),
    )
    .filter((input) => input.bytes > 0)
    .sort(
      (a, b) =>
        b.bytes - a.bytes ||
        (a.path < b.path ? -1 : a.path > b.path ? 1 : a.file < b.file ? -1 : 1),
    )
    .slice(0, LARGEST_INPUTS);
}
