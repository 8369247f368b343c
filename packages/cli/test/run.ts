import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PACKAGE_DIR = fileURLToPath(new URL('..', import.meta.url));
export const REPO_ROOT = join(PACKAGE_DIR, '..', '..');
export const DEV_POLICY = join(REPO_ROOT, 'terraform/environments/dev/terraform.tfvars.json');
const BIN = join(PACKAGE_DIR, 'bin', 'cognito-triggers.mjs');

export interface RunResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the real command, `node bin/cognito-triggers.mjs …`, in a child process. */
export function run(args: readonly string[], cwd: string = PACKAGE_DIR): Promise<RunResult> {
  return runNode([BIN, ...args], { cwd });
}

/** Runs `node` with `args` in a child process: its exit code and output, whatever the code. */
export function runNode(
  args: readonly string[],
  options: { readonly cwd: string; readonly env?: NodeJS.ProcessEnv },
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, args, { ...options, encoding: 'utf8' }, (error, stdout, stderr) => {
      if (error !== null && typeof error.code !== 'number') {
        reject(error);
        return;
      }
      resolve({ code: error === null ? 0 : Number(error.code), stdout, stderr });
    });
  });
}

/** A scratch folder with the given files (path → content); removed by the returned function. */
export async function scratch(
  files: Readonly<Record<string, string>>,
): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'cognito-triggers-cli-'));
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), content);
  }
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}
