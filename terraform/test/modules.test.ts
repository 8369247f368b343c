import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  type Body,
  bodies,
  findModuleDirs,
  formatFindings,
  functionEnvironments,
  loadModule,
  TERRAFORM_ROOT,
} from '../src/index.js';
import { checkModule, tf } from './all-checks.js';

const dirs = await findModuleDirs(TERRAFORM_ROOT);
const label = (dir: string) => dir.slice(TERRAFORM_ROOT.length + 1);

describe('every Terraform folder', () => {
  it('covers the five modules, their examples and the three environments', () => {
    const labels = dirs.map(label);
    for (const expected of [
      'modules/trigger-function',
      'modules/cognito-triggers',
      'modules/user-pool',
      'modules/identity-pool',
      'modules/environment',
      'environments/dev',
      'environments/staging',
      'environments/prod',
    ]) {
      expect(labels).toContain(expected);
    }
    expect(labels.filter((name) => name.includes('/examples/')).length).toBeGreaterThanOrEqual(5);
    // Shared by the roots through links and checked within each of them, not on its own.
    expect(labels).not.toContain('environments/common');
  });

  it.each(dirs.map((dir) => [label(dir), dir]))(
    '%s passes our IAM and convention checks (terraform validate checks the rest)',
    async (_name, dir) => {
      const findings = await checkModule(await loadModule(dir));
      expect(formatFindings(findings)).toBe('');
    },
  );
});

describe('the cognito-triggers module', () => {
  const load = () => loadModule(join(TERRAFORM_ROOT, 'modules/cognito-triggers'));

  it('attaches, and detaches, every one of its functions, pre authentication included', async () => {
    const module = await load();
    const folders = [...functionEnvironments(module).keys()];
    const attach = module.resources.find((resource) => resource.type === 'terraform_data')?.body;
    if (attach === undefined) throw new Error('no terraform_data "attach"');
    const input = attach.input as Body;
    const replace = attach.triggers_replace as Body;
    const [create, destroy] = bodies((attach.provisioner as Body)['local-exec']).map(
      (provisioner) => String(provisioner.command),
    );

    expect(folders).toContain('pre-authentication');
    for (const folder of folders) {
      const key = folder.replaceAll('-', '_');
      const arn = tf(`module.function["${folder}"].function_arn`);
      expect(input[key], folder).toBe(arn);
      expect(replace[key], folder).toBe(arn);
      expect(create, folder).toContain(`--${folder} ${tf(`self.input.${key}`)}`);
      expect(destroy, folder).toContain(`--${folder} ${tf(`self.input.${key}`)}`);
    }
  });

  it('hands every function to a new pool through its lambda_config output', async () => {
    const module = await load();
    const folders = [...functionEnvironments(module).keys()];
    const output = module.outputs.get('lambda_config')?.body.value as Body;

    expect(Object.values(output).sort()).toEqual(
      folders.map((folder) => tf(`module.function["${folder}"].function_arn`)).sort(),
    );
    expect(output.pre_authentication).toBe(
      tf('module.function["pre-authentication"].function_arn'),
    );
  });
});
