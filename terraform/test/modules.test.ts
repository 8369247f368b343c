import { describe, expect, it } from 'vitest';
import { findModuleDirs, formatFindings, loadModule, TERRAFORM_ROOT } from '../src/index.js';
import { checkModule } from './all-checks.js';

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
  });

  it.each(dirs.map((dir) => [label(dir), dir]))(
    '%s passes our IAM and convention checks (terraform validate checks the rest)',
    async (_name, dir) => {
      const findings = await checkModule(await loadModule(dir));
      expect(formatFindings(findings)).toBe('');
    },
  );
});
