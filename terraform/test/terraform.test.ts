import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  findTerraform,
  hasTerraformTests,
  runTerraform,
  TERRAFORM_ROOT,
  type TerraformRun,
  terraformDataDir,
  terraformFolders,
} from '../src/index.js';

// Real Terraform on every module, example and environment root: fmt, init, validate, and each
// module's native tests (tests/*.tftest.hcl, with mock_provider "aws": no account, no network).
// Without Terraform every test here fails, saying how to get it: none is skipped.

const folders = await terraformFolders();
const tested = (
  await Promise.all(folders.map(async (folder) => [folder, await hasTerraformTests(folder)]))
)
  .filter(([, has]) => has)
  .map(([folder]) => String(folder));

let binary: string;
beforeAll(async () => {
  binary = await findTerraform();
});

/** The run's output when it failed, so that the test's message is Terraform's own. */
const failure = (run: TerraformRun) =>
  run.code === 0 ? '' : `${run.command} exited ${run.code}:\n${run.stderr}${run.stdout}`;

describe('terraform', () => {
  it('finds every module, example and environment root', () => {
    expect(folders).toEqual(
      expect.arrayContaining([
        'modules/cognito-triggers',
        'modules/trigger-function',
        'modules/user-pool',
        'modules/identity-pool',
        'modules/environment',
        'environments/dev',
        'environments/staging',
        'environments/prod',
      ]),
    );
    expect(folders.filter((folder) => folder.includes('/examples/')).length).toBeGreaterThan(4);
  });

  it('says how to get Terraform when it is not on PATH, rather than skipping', async () => {
    await expect(findTerraform({ PATH: '/nonexistent/bin' })).rejects.toThrow(
      /terraform is not on PATH \(searched \/nonexistent\/bin\/terraform\).*Terraform >= 1\.9.*Install it/,
    );
  });

  it('fmt -check: every file is formatted as terraform fmt writes it', async () => {
    const run = await runTerraform(binary, ['fmt', '-check', '-recursive', '-diff', '.'], {
      cwd: TERRAFORM_ROOT,
      dataDir: await terraformDataDir('fmt'),
    });
    expect(failure(run)).toBe('');
  });
});

describe.concurrent.each(folders)('%s', (folder) => {
  it('init -backend=false, then validate', { timeout: 300_000 }, async () => {
    const cwd = join(TERRAFORM_ROOT, folder);
    const dataDir = await terraformDataDir(folder);
    const init = await runTerraform(binary, ['init', '-backend=false', '-no-color'], {
      cwd,
      dataDir,
    });
    expect(failure(init)).toBe('');
    const validate = await runTerraform(binary, ['validate', '-no-color'], { cwd, dataDir });
    expect(failure(validate)).toBe('');
    if (tested.includes(folder)) {
      const test = await runTerraform(binary, ['test', '-no-color'], { cwd, dataDir });
      expect(failure(test)).toBe('');
      // Every run block passed, and there was at least one.
      expect(test.stdout).toMatch(/Success! \d+ passed, 0 failed/);
    }
  });
});
