import { stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { InputError } from './errors.js';

/** The file that marks the repository root. */
export const WORKSPACE_FILE = 'pnpm-workspace.yaml';

/**
 * The nearest folder at or above `from` that holds `pnpm-workspace.yaml`: the repository root
 * that commands default to when no `--root` is given.
 *
 * @example
 * const root = values.root ?? (await findWorkspaceRoot(io.cwd));
 * @throws {InputError} naming `from` and `--root` when no folder up to the file system's root has one.
 */
export async function findWorkspaceRoot(from: string): Promise<string> {
  const start = resolve(from);
  for (let dir = start; ; dir = dirname(dir)) {
    if (await isFile(join(dir, WORKSPACE_FILE))) return dir;
    if (dirname(dir) === dir) {
      throw new InputError(
        `no ${WORKSPACE_FILE} at or above ${start}: pass --root DIR (the repository root)`,
      );
    }
  }
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}
