import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Check, checkTfvars, type Finding, loadModule, TERRAFORM_ROOT } from '../src/index.js';
import { checkModule, tf } from './all-checks.js';

const fixture = (name: string) => loadModule(join(TERRAFORM_ROOT, 'test/fixtures', name));

/** Each seeded mistake must be caught by its own check, and only by it. */
const CASES: readonly [string, Check, (name: string) => Promise<Finding[]>, RegExp][] = [
  [
    'wildcard-action',
    Check.WildcardAction,
    async (name) => checkModule(await fixture(name)),
    /dynamodb:\*/,
  ],
  [
    'wildcard-resource',
    Check.WildcardResource,
    async (name) => checkModule(await fixture(name)),
    /"\*"/,
  ],
  [
    'tfvars-unknown-key',
    Check.TfvarsUnknownKey,
    async (name) => checkTfvars(await fixture(name)),
    /alowed_email_domains/,
  ],
  [
    'tfvars-wrong-type',
    Check.TfvarsWrongType,
    async (name) => checkTfvars(await fixture(name)),
    /auto_confirm_users: expected bool/,
  ],
];

describe('a resource scoped by an IAM policy variable', () => {
  it('may end in a wildcard below the variable, while a bare or unscoped * still fails', async () => {
    const findings = await checkModule(await fixture('wildcard-resource-policy-variable'));
    const bucket = tf('var.bucket_arn');
    // A policy variable as HCL writes it, escaped from interpolation: `$${name}`.
    const policyVariable = (name: string) => `$\${${name}}`;

    expect(findings.map((finding) => finding.check)).toEqual(
      findings.map(() => Check.WildcardResource),
    );
    expect(
      findings.map((finding) => /resource "(.*)" is a wildcard/.exec(finding.message)?.[1]),
    ).toEqual([
      '*',
      `${bucket}/${policyVariable('aws:PrincipalTag/tenant_id')}*`,
      `${bucket}/*/${policyVariable('aws:PrincipalTag/tenant_id')}/report.csv`,
      `${bucket}/${policyVariable('aws:username')}/*`,
    ]);
    expect(findings.every((finding) => finding.where.includes('statement[1]'))).toBe(true);
  });
});

describe('a seeded mistake', () => {
  it.each(CASES)('in fixtures/%s is reported as %s', async (name, check, run, detail) => {
    const findings = await run(name);
    expect(findings.length).toBeGreaterThan(0);
    expect(findings.map((finding) => finding.check)).toEqual(findings.map(() => check));
    expect(findings.map((finding) => `${finding.where} ${finding.message}`).join('\n')).toMatch(
      detail,
    );
  });
});
