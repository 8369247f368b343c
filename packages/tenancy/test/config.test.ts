import { ConfigError, defineConfig } from '@cognito-triggers/events';
import { describe, expect, it } from 'vitest';
import { TENANCY_SETTINGS, tenancyPolicyVariables, tenancyVariables } from '../src/index.js';

const config = defineConfig(tenancyVariables);

const errorOf = (environment: Record<string, string>) => {
  try {
    config.load({ TENANT_TABLE_NAME: 'tenants', ...environment });
  } catch (error) {
    return error;
  }
  return undefined;
};

describe('tenancy configuration', () => {
  it('reads nine variables, and the table is the only required one', () => {
    expect(config.variables).toEqual([
      'TENANT_TABLE_NAME',
      'TENANT_DOMAIN_MAP',
      'PERSONAL_EMAIL_DOMAINS',
      'TENANT_ADMIN_GROUP',
      'TENANT_MEMBER_GROUP',
      'DEFAULT_TENANT_TIER',
      'AUTHORITATIVE_IDPS',
      'TENANT_ENROLLMENT',
      'DEFAULT_ENROLLMENT',
    ]);
    expect(config.load({ TENANT_TABLE_NAME: 'tenants' })).toEqual({
      tableName: 'tenants',
      domainMap: [],
      personalEmailDomains: [],
      adminGroup: 'tenant-admin',
      memberGroup: 'tenant-member',
      defaultTier: 'free',
      authoritativeProviders: [],
      enrollment: [],
      defaultEnrollment: 'open',
    });
  });

  it('reads the identity providers trusted for their domains', () => {
    const loaded = config.load({
      TENANT_TABLE_NAME: 'tenants',
      AUTHORITATIVE_IDPS: 'Corp.Example.com=CorpSAML, *.corp.example.com=Corp SAML',
    });
    expect(loaded.authoritativeProviders).toEqual([
      {
        text: 'Corp.Example.com=CorpSAML',
        kind: 'exact',
        domain: 'corp.example.com',
        providerName: 'CorpSAML',
      },
      {
        text: '*.corp.example.com=Corp SAML',
        kind: 'subdomains',
        domain: 'corp.example.com',
        providerName: 'Corp SAML',
      },
    ]);
  });

  it('reads the compact domain map, domains normalised', () => {
    const loaded = config.load({
      TENANT_TABLE_NAME: 'tenants',
      TENANT_DOMAIN_MAP: ' Example.COM=acme , *.Bücher.example=books ',
      PERSONAL_EMAIL_DOMAINS: 'Gmail.com,outlook.com',
    });
    expect(loaded.domainMap).toEqual([
      { text: 'Example.COM=acme', kind: 'exact', domain: 'example.com', tenantId: 'acme' },
      {
        text: '*.Bücher.example=books',
        kind: 'subdomains',
        domain: 'xn--bcher-kva.example',
        tenantId: 'books',
      },
    ]);
    expect(loaded.personalEmailDomains).toEqual(['gmail.com', 'outlook.com']);
  });

  it.each([
    [{ TENANT_TABLE_NAME: '' }, 'TENANT_TABLE_NAME: is required but not set'],
    [{ TENANT_TABLE_NAME: 'a b' }, 'TENANT_TABLE_NAME: "a b" is not a DynamoDB table name'],
    [{ TENANT_DOMAIN_MAP: 'example.com' }, 'TENANT_DOMAIN_MAP: entry "example.com": expected'],
    [{ TENANT_DOMAIN_MAP: 'exa mple.com=acme' }, 'TENANT_DOMAIN_MAP: entry "exa mple.com=acme"'],
    [
      { TENANT_DOMAIN_MAP: 'example.com=Acme' },
      'TENANT_DOMAIN_MAP: entry "example.com=Acme": "Acme" is not a tenant id',
    ],
    [
      { TENANT_DOMAIN_MAP: 'example.com=user-1' },
      'TENANT_DOMAIN_MAP: entry "example.com=user-1": "user-1": the prefix',
    ],
    [{ TENANT_DOMAIN_MAP: 'a.com=x,A.com=y' }, 'TENANT_DOMAIN_MAP: "A.com=y" maps a.com again'],
    [{ PERSONAL_EMAIL_DOMAINS: 'gmail' }, 'PERSONAL_EMAIL_DOMAINS: entry "gmail": is not a domain'],
    [
      { TENANT_ADMIN_GROUP: 'has space' },
      'TENANT_ADMIN_GROUP: "has space" is not a Cognito group name',
    ],
    [{ TENANT_MEMBER_GROUP: 'x'.repeat(129) }, 'TENANT_MEMBER_GROUP: '],
    [{ DEFAULT_TENANT_TIER: 'Gold Plus' }, 'DEFAULT_TENANT_TIER: "Gold Plus" is not a tier name'],
    [
      { AUTHORITATIVE_IDPS: 'CorpSAML' },
      'AUTHORITATIVE_IDPS: entry "CorpSAML": expected DOMAIN=PROVIDER_NAME',
    ],
    [
      { AUTHORITATIVE_IDPS: 'corp.example.com=' },
      'AUTHORITATIVE_IDPS: entry "corp.example.com=": "" is not an identity provider name',
    ],
    [{ AUTHORITATIVE_IDPS: 'a.com=X,A.com=Y' }, 'AUTHORITATIVE_IDPS: "A.com=Y" maps a.com again'],
  ])('names the variable in every error: %j', (environment, message) => {
    const error = errorOf(environment);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toContain(message);
  });

  it('maps every policy variable from a setting', () => {
    const policyVariables = defineConfig(tenancyPolicyVariables).variables;
    expect(
      Object.values(TENANCY_SETTINGS)
        .map((setting) => setting.variable)
        .sort(),
    ).toEqual([...policyVariables].sort());
  });
});
