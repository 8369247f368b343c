import { execFile } from 'node:child_process';
import { access, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parse } from '@cdktf/hcl2json';
import { describe, expect, it } from 'vitest';
import { checkTfvars, formatFindings, loadModule, TERRAFORM_ROOT } from '../src/index.js';

// What Terraform cannot say about the environment roots. Their plans (each with its own
// terraform.tfvars.json, every setting validated by the modules) run under terraform test:
// environments/<env>/tests/plan.tftest.hcl.

const ENVIRONMENTS = ['dev', 'staging', 'prod'] as const;
const environment = (name: string) => loadModule(join(TERRAFORM_ROOT, 'environments', name));
const run = promisify(execFile);

describe.each(ENVIRONMENTS)('the %s environment', (name) => {
  it('has a terraform.tfvars.json whose keys are variables of the root, of their types', async () => {
    // Terraform only warns about an undeclared key in a tfvars file: a typo would be lost.
    const findings = await checkTfvars(await environment(name));
    expect(formatFindings(findings)).toBe('');
  });

  it('keeps its state in S3, completed by -backend-config from a committed example', async () => {
    const root = await environment(name);
    const backends = root.terraformBlocks.map((block) => block.backend);
    expect(backends).toContainEqual({ s3: [{}] });
    const exampleFile = join(root.dir, 'backend.hcl.example');
    const example = await parse('backend.hcl', await readFile(exampleFile, 'utf8'));
    expect(Object.keys(example).sort()).toEqual([
      'bucket',
      'encrypt',
      'key',
      'region',
      'use_lockfile',
    ]);
    expect(example.key).toBe(`cognito-triggers/${name}/terraform.tfstate`);
    await expect(access(join(root.dir, 'backend.hcl'))).rejects.toThrow();
  });

  it('keeps the identity pool off unless it says otherwise', async () => {
    const tfvars = JSON.parse(
      await readFile(join(TERRAFORM_ROOT, 'environments', name, 'terraform.tfvars.json'), 'utf8'),
    ) as { identity_pool?: { enabled?: boolean } };
    expect(tfvars.identity_pool?.enabled ?? false).toBe(false);
  });
});

describe('the environment roots', () => {
  it('are plain folders of their own files: no symbolic link under terraform/', async () => {
    // Git records a link with mode 120000; a Windows checkout turns it into a text file.
    const { stdout } = await run('git', ['ls-files', '-s', '--', '.'], { cwd: TERRAFORM_ROOT });
    const links = stdout
      .split('\n')
      .filter((line) => line.startsWith('120000 '))
      .map((line) => line.split('\t')[1]);
    expect(links).toEqual([]);
  });

  it('differ from dev only in their name and prod’s protections', async () => {
    const files = async (env: string) =>
      (await readdir(join(TERRAFORM_ROOT, 'environments', env)))
        .filter((file) => file.endsWith('.tf') || file === 'backend.hcl.example')
        .sort();
    const read = (env: string, file: string) =>
      readFile(join(TERRAFORM_ROOT, 'environments', env, file), 'utf8');
    const devFiles = await files('dev');
    expect(devFiles).toEqual([
      'backend.hcl.example',
      'backend.tf',
      'main.tf',
      'outputs.tf',
      'provider.tf',
    ]);

    for (const env of ['staging', 'prod'] as const) {
      expect(await files(env), env).toEqual(devFiles);
      for (const file of devFiles) {
        let expected = (await read('dev', file)).replaceAll('dev', env);
        if (env === 'prod' && file === 'main.tf') {
          expected = expected.replace(
            'deletion_protection = false',
            'deletion_protection = true # Production: neither the pool nor the tenant table can be deleted by accident.',
          );
        }
        expect(await read(env, file), `${env}/${file}`).toBe(expected);
      }
    }
  });
});
