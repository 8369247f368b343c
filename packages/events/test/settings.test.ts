import { describe, expect, it } from 'vitest';
import {
  mergeSettings,
  SettingsError,
  type SettingsTable,
  settingOf,
  settingsToEnvironment,
} from '../src/index.js';

const TABLE: SettingsTable = {
  allowed_email_domains: { variable: 'ALLOWED_EMAIL_DOMAINS', kind: 'list' },
  tenant_domain_map: { variable: 'TENANT_DOMAIN_MAP', kind: 'map' },
  role_scopes: { variable: 'ROLE_SCOPES', kind: 'json' },
  app_name: { variable: 'APP_NAME', kind: 'string' },
  token_cache_ttl_seconds: { variable: 'TOKEN_CACHE_TTL_SECONDS', kind: 'number' },
  auto_confirm_users: { variable: 'AUTO_CONFIRM_USERS', kind: 'bool' },
  'claim_names.tenant_id': { variable: 'CLAIM_TENANT_ID', kind: 'string' },
};

describe('settingsToEnvironment', () => {
  it('writes each setting as the Terraform module does', () => {
    expect(
      settingsToEnvironment(TABLE, {
        allowed_email_domains: ['example.com', '*.example.com'],
        tenant_domain_map: { 'z.example': 'zed', 'a.example': 'acme' },
        role_scopes: { member: ['orders/read'], admin: ['orders/admin', 'orders/read'] },
        app_name: 'Example',
        token_cache_ttl_seconds: 60,
        auto_confirm_users: false,
        claim_names: { tenant_id: 'org' },
        somebody_elses: 'ignored',
      }),
    ).toEqual({
      ALLOWED_EMAIL_DOMAINS: 'example.com,*.example.com',
      // Keys in lexical order, as Terraform iterates a map and jsonencode writes one.
      TENANT_DOMAIN_MAP: 'a.example=acme,z.example=zed',
      ROLE_SCOPES: '{"admin":["orders/admin","orders/read"],"member":["orders/read"]}',
      APP_NAME: 'Example',
      TOKEN_CACHE_TTL_SECONDS: '60',
      AUTO_CONFIRM_USERS: 'false',
      CLAIM_TENANT_ID: 'org',
    });
  });

  it('leaves a variable unset for a missing, null or empty setting, so the trigger default applies', () => {
    expect(
      settingsToEnvironment(TABLE, {
        allowed_email_domains: [],
        tenant_domain_map: {},
        role_scopes: {},
        app_name: '',
        token_cache_ttl_seconds: null,
      }),
    ).toEqual({});
  });

  it('names the key whose value has the wrong shape', () => {
    expect(() => settingsToEnvironment(TABLE, { allowed_email_domains: 'example.com' })).toThrow(
      new SettingsError('allowed_email_domains', 'must be a list of strings'),
    );
    expect(() => settingsToEnvironment(TABLE, { tenant_domain_map: { a: 1 } })).toThrow(
      'settings.tenant_domain_map: must be an object of strings',
    );
    expect(() => settingsToEnvironment(TABLE, { auto_confirm_users: 'no' })).toThrow(
      'settings.auto_confirm_users: must be true or false',
    );
    expect(() => settingsToEnvironment(TABLE, [])).toThrow('settings must be a JSON object');
    expect(() =>
      settingsToEnvironment(TABLE, { allowed_email_domains: ['a.example,b.example'] }),
    ).toThrow('settings.allowed_email_domains: entry "a.example,b.example" contains a comma');
    expect(() =>
      settingsToEnvironment(TABLE, { tenant_domain_map: { 'a=b.example': 'acme' } }),
    ).toThrow('settings.tenant_domain_map: "a=b.example" contains "," or "="');
  });
});

describe('settingOf and mergeSettings', () => {
  it('finds the key of a variable, and refuses two meanings of one key', () => {
    expect(settingOf(TABLE, 'CLAIM_TENANT_ID')).toBe('claim_names.tenant_id');
    expect(settingOf(TABLE, 'NOPE')).toBeUndefined();
    expect(mergeSettings(TABLE, { app_name: { variable: 'APP_NAME', kind: 'string' } })).toEqual(
      TABLE,
    );
    expect(() => mergeSettings(TABLE, { app_name: { variable: 'NAME', kind: 'string' } })).toThrow(
      'settings key app_name maps to both APP_NAME and NAME',
    );
  });
});
