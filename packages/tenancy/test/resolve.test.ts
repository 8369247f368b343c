import { defineConfig } from '@cognito-triggers/events';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  deriveTenantId,
  isTenantId,
  resolveTenant,
  TenancyError,
  tenancyPolicyVariables,
} from '../src/index.js';

const policyOf = (environment: Record<string, string>) =>
  defineConfig(tenancyPolicyVariables).load(environment);

const policy = policyOf({
  TENANT_DOMAIN_MAP: 'example.com=acme,corp.example.org=acme,*.globex.example=globex',
  PERSONAL_EMAIL_DOMAINS: 'gmail.com,outlook.com',
});

const SUB_A = '0f8e1c52-6a0b-4c5e-9d0f-2a7b3c4d5e6f';
const SUB_B = '7d3f9a10-1b2c-4d5e-8f90-a1b2c3d4e5f6';

const codeOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return error instanceof TenancyError ? error.code : String(error);
  }
  return 'no error';
};

describe('resolveTenant', () => {
  it('uses the explicit domain mapping first', () => {
    expect(resolveTenant({ sub: SUB_A, email: 'ana@Example.COM' }, policy)).toEqual({
      tenantId: 'acme',
      name: 'example.com',
      domain: 'example.com',
      source: 'mapped',
    });
    expect(resolveTenant({ sub: SUB_A, email: 'bo@corp.example.org' }, policy).tenantId).toBe(
      'acme',
    );
  });

  it('maps every subdomain of a wildcard entry, never its apex', () => {
    expect(resolveTenant({ sub: SUB_A, email: 'a@eu.hq.globex.example' }, policy).tenantId).toBe(
      'globex',
    );
    expect(resolveTenant({ sub: SUB_A, email: 'a@globex.example' }, policy).source).toBe('derived');
  });

  it('derives a readable id from an unmapped domain', () => {
    expect(resolveTenant({ sub: SUB_A, email: 'ana@initech.example' }, policy)).toEqual({
      tenantId: deriveTenantId('initech.example'),
      name: 'initech.example',
      domain: 'initech.example',
      source: 'derived',
    });
    expect(deriveTenantId('example.com')).toBe('example-com-a379a6f6');
  });

  it('gives every user of a consumer domain a tenant of their own', () => {
    const ana = resolveTenant({ sub: SUB_A, email: 'ana@gmail.com' }, policy);
    const bo = resolveTenant({ sub: SUB_B, email: 'bo@gmail.com' }, policy);
    expect(ana).toEqual({
      tenantId: `user-${SUB_A}`,
      name: 'personal',
      domain: 'gmail.com',
      source: 'personal',
    });
    expect(bo.tenantId).toBe(`user-${SUB_B}`);
  });

  it('resolves the punycode form of an internationalised domain', () => {
    const unicode = resolveTenant({ sub: SUB_A, email: 'ana@Bücher.example' }, policy);
    const ascii = resolveTenant({ sub: SUB_B, email: 'bo@xn--bcher-kva.example' }, policy);
    expect(unicode.tenantId).toBe('xn--bcher-kva-example-970ca6b7');
    expect(ascii.tenantId).toBe(unicode.tenantId);
  });

  it('refuses a missing or malformed email with a stable code', () => {
    expect(codeOf(() => resolveTenant({ sub: SUB_A, email: undefined }, policy))).toBe(
      'TENANT_EMAIL_MISSING',
    );
    expect(codeOf(() => resolveTenant({ sub: SUB_A, email: '' }, policy))).toBe(
      'TENANT_EMAIL_MISSING',
    );
    expect(codeOf(() => resolveTenant({ sub: SUB_A, email: 'ana@@example.com' }, policy))).toBe(
      'TENANT_EMAIL_INVALID',
    );
    expect(codeOf(() => resolveTenant({ sub: SUB_A, email: 'ana@127.0.0.1' }, policy))).toBe(
      'TENANT_EMAIL_INVALID',
    );
  });

  it('refuses a personal tenant for a sub that cannot form a tenant id', () => {
    expect(codeOf(() => resolveTenant({ sub: 'not/a sub', email: 'a@gmail.com' }, policy))).toBe(
      'TENANT_USER_INVALID',
    );
  });
});

describe('deriveTenantId', () => {
  const domain = fc
    .array(fc.stringMatching(/^[a-z0-9](?:[a-z0-9-]{0,20}[a-z0-9])?$/), {
      minLength: 2,
      maxLength: 6,
    })
    .map((labels) => labels.join('.'))
    .filter((name) => name.length <= 253 && !/\.[0-9]+$/.test(name));

  it('always yields a valid tenant id, the same for the same domain', () => {
    fc.assert(
      fc.property(domain, (name) => {
        const id = deriveTenantId(name);
        expect(isTenantId(id)).toBe(true);
        expect(deriveTenantId(name)).toBe(id);
      }),
    );
  });

  it('keeps long domains apart although their readable part is cut', () => {
    const long = `${'a'.repeat(60)}.example`;
    const other = `${'a'.repeat(60)}.example.org`;
    expect(deriveTenantId(long)).toHaveLength(63);
    expect(deriveTenantId(long)).not.toBe(deriveTenantId(other));
  });

  it('never gives two domains the same id', () => {
    fc.assert(
      fc.property(domain, domain, (a, b) => {
        fc.pre(a !== b);
        expect(deriveTenantId(a)).not.toBe(deriveTenantId(b));
      }),
    );
  });
});
