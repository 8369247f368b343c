import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { postConfirmationConfig, SETTINGS } from '../src/index.js';

describe('post-confirmation configuration', () => {
  it('reads exactly the nine tenancy variables', () => {
    expect([...postConfirmationConfig.variables].sort()).toEqual([
      'AUTHORITATIVE_IDPS',
      'DEFAULT_ENROLLMENT',
      'DEFAULT_TENANT_TIER',
      'PERSONAL_EMAIL_DOMAINS',
      'TENANT_ADMIN_GROUP',
      'TENANT_DOMAIN_MAP',
      'TENANT_ENROLLMENT',
      'TENANT_MEMBER_GROUP',
      'TENANT_TABLE_NAME',
    ]);
  });

  it('takes every variable but the table from the settings', () => {
    const fromTfvars = Object.values(SETTINGS).map((setting) => setting.variable) as string[];
    expect([...fromTfvars, 'TENANT_TABLE_NAME'].sort()).toEqual(
      [...postConfirmationConfig.variables].sort(),
    );
  });

  it('documents every variable and tfvars key in the README', async () => {
    const readme = await readFile(new URL('../README.md', import.meta.url), 'utf8');
    for (const variable of postConfirmationConfig.variables) {
      expect(readme).toMatch(new RegExp(`^\\| \`${variable}\` \\|`, 'm'));
    }
    for (const key of Object.keys(SETTINGS)) expect(readme).toContain(`\`${key}\``);
  });
});
