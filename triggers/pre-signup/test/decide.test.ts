import { ALL_SOURCES } from '@cognito-triggers/events/testing';
import { describe, expect, it } from 'vitest';
import { decideSignUp, preSignUpConfig, REJECTION_TEXT, RejectionCode } from '../src/index.js';

const config = (environment: Record<string, string> = {}) =>
  preSignUpConfig.load({
    ALLOWED_EMAIL_DOMAINS: 'example.com,*.example.org,bücher.example',
    BLOCKED_EMAIL_DOMAINS: 'contractors.example.org',
    ...environment,
  });

const decide = (
  email: string | undefined,
  options: {
    source?: (typeof ALL_SOURCES.preSignUp)[number];
    attributes?: Record<string, string>;
  } = {},
  environment: Record<string, string> = {},
) =>
  decideSignUp(config(environment), {
    triggerSource: options.source ?? 'PreSignUp_SignUp',
    userAttributes: { ...(email === undefined ? {} : { email }), ...options.attributes },
  });

describe('decideSignUp', () => {
  it.each(ALL_SOURCES.preSignUp)('judges %s against the allowlist', (source) => {
    expect(decide('ana@example.com', { source })).toMatchObject({ allowed: true });
    expect(decide('eve@evil.io', { source })).toMatchObject({
      allowed: false,
      code: RejectionCode.DomainNotAllowed,
    });
  });

  it.each([
    ['ana@example.com', 'example.com'],
    ['ANA@EXAMPLE.COM', 'example.com'],
    ['ana@eu.example.org', '*.example.org'],
    ['ana@a.b.eu.example.org', '*.example.org'],
    ['jürgen@bücher.example', 'bücher.example'],
    ['jurgen@xn--bcher-kva.example', 'bücher.example'],
  ])('allows %s by rule %s', (email, rule) => {
    expect(decide(email)).toMatchObject({ allowed: true, rule: { text: rule } });
  });

  it.each([
    ['ana@example.com.evil.io', RejectionCode.DomainNotAllowed],
    ['ana@evil-example.com', RejectionCode.DomainNotAllowed],
    ['ana@example.org', RejectionCode.DomainNotAllowed],
    ['ana@example.co', RejectionCode.DomainNotAllowed],
    ['"ana@example.com"@evil.io', RejectionCode.EmailInvalid],
    ['"ana"@example.com', RejectionCode.EmailInvalid],
    ['ana@evil.io@example.com', RejectionCode.EmailInvalid],
    ['ana@example.com@evil.io', RejectionCode.EmailInvalid],
    ['ana%example.com@evil.io', RejectionCode.DomainNotAllowed],
    ['ana@ex\u0430mple.com', RejectionCode.DomainNotAllowed],
    ['ana@examp\u0142e.com', RejectionCode.DomainNotAllowed],
    ['ana@exa%6dple.com', RejectionCode.EmailInvalid],
    ['ana@example.com.', RejectionCode.EmailInvalid],
    ['ana@[203.0.113.7]', RejectionCode.EmailInvalid],
    ['not-an-email', RejectionCode.EmailInvalid],
    ['x@contractors.example.org', RejectionCode.DomainNotAllowed],
  ])('refuses %s with %s', (email, code) => {
    expect(decide(email)).toMatchObject({ allowed: false, code });
  });

  it.each([
    'x@contractors.example.org',
    'x@eu.contractors.example.org',
    'x@a.b.c.contractors.example.org',
    'x@EU.Contractors.Example.ORG',
  ])('blocks %s: an exact blocked entry covers its subdomains', (email) => {
    expect(decide(email)).toMatchObject({
      allowed: false,
      code: RejectionCode.DomainNotAllowed,
      verdict: 'blocked',
      rule: { text: 'contractors.example.org' },
      detail: 'blocked by "contractors.example.org"',
    });
  });

  it('does not block a look-alike of a blocked entry that is not below it', () => {
    expect(decide('x@evilcontractors.example.org')).toMatchObject({ allowed: true });
    expect(decide('x@contractors.example.org.evil.io')).toMatchObject({
      allowed: false,
      verdict: 'not-allowed',
    });
  });

  it('blocks only the subdomains of a wildcard block entry, and judges its apex by the allowlist', () => {
    const environment = { BLOCKED_EMAIL_DOMAINS: '*.guests.example.org' };
    expect(decide('x@eu.guests.example.org', {}, environment)).toMatchObject({
      allowed: false,
      verdict: 'blocked',
    });
    expect(decide('x@guests.example.org', {}, environment)).toMatchObject({
      allowed: true,
      rule: { text: '*.example.org' },
    });
  });

  it('keeps an exact allowlist entry to that one domain', () => {
    expect(decide('x@eu.example.com')).toMatchObject({ allowed: false, verdict: 'not-allowed' });
  });

  it.each(ALL_SOURCES.preSignUp)(
    'gives %s the same code and text for a blocked domain as for one off the allowlist',
    (source) => {
      const blocked = decide('x@eu.contractors.example.org', { source });
      const notAllowed = decide('x@evil.io', { source });
      if (blocked.allowed || notAllowed.allowed) throw new Error('expected two refusals');
      expect(blocked.code).toBe(notAllowed.code);
      expect(REJECTION_TEXT[blocked.code]).toBe(REJECTION_TEXT[notAllowed.code]);
      expect(blocked.code).toBe(RejectionCode.DomainNotAllowed);
      // Operators still see which rule decided.
      expect(blocked).toMatchObject({
        verdict: 'blocked',
        rule: { text: 'contractors.example.org' },
      });
      expect(notAllowed).toMatchObject({ verdict: 'not-allowed' });
      expect(notAllowed.rule).toBeUndefined();
    },
  );

  it('has no code of its own for a blocked domain', () => {
    expect(Object.keys(REJECTION_TEXT)).not.toContain('SIGNUP_DOMAIN_BLOCKED');
    expect(Object.values(RejectionCode)).not.toContain('SIGNUP_DOMAIN_BLOCKED');
  });

  it('refuses a missing email, whatever the user name says', () => {
    expect(decide(undefined)).toMatchObject({ allowed: false, code: RejectionCode.EmailRequired });
    expect(decide('')).toMatchObject({ allowed: false, code: RejectionCode.EmailRequired });
  });

  it.each([
    ['null', null, RejectionCode.EmailRequired],
    ['a number', 42, RejectionCode.EmailInvalid],
    ['an array', ['ana@example.com'], RejectionCode.EmailInvalid],
    ['an object', { toString: () => 'ana@example.com' }, RejectionCode.EmailInvalid],
  ])('refuses an email attribute that is %s, without throwing', (_name, email, code) => {
    const decision = decideSignUp(config(), {
      triggerSource: 'PreSignUp_SignUp',
      userAttributes: { email } as unknown as Record<string, string>,
    });
    expect(decision).toMatchObject({ allowed: false, code });
  });

  it.each(['PreSignUp_SignUp', 'PreSignUp_ExternalProvider'] as const)(
    'refuses %s that sets a tenant attribute',
    (source) => {
      for (const name of ['custom:tenant_id', 'custom:tenant_role', 'custom:tenant_tier']) {
        expect(decide('ana@example.com', { source, attributes: { [name]: 'acme' } })).toMatchObject(
          {
            allowed: false,
            code: RejectionCode.AttributeNotAllowed,
            detail: `self-service sign-up sets ${name}`,
          },
        );
      }
    },
  );

  it('lets an administrator set a tenant attribute', () => {
    const decision = decide('ana@example.com', {
      source: 'PreSignUp_AdminCreateUser',
      attributes: { 'custom:tenant_id': 'acme' },
    });
    expect(decision).toMatchObject({ allowed: true });
  });

  it('always protects custom:tenant_id, even when PROTECTED_ATTRIBUTES leaves it out', () => {
    const environment = { PROTECTED_ATTRIBUTES: 'custom:plan' };
    expect(
      decide('ana@example.com', { attributes: { 'custom:tenant_id': 'acme' } }, environment),
    ).toMatchObject({ allowed: false, code: RejectionCode.AttributeNotAllowed });
    expect(
      decide('ana@example.com', { attributes: { 'custom:plan': 'pro' } }, environment),
    ).toMatchObject({ allowed: false, code: RejectionCode.AttributeNotAllowed });
    expect(
      decide('ana@example.com', { attributes: { 'custom:tenant_role': 'admin' } }, environment),
    ).toMatchObject({ allowed: true });
  });

  it('auto-confirms only when opted in, and only self-service sign-ups', () => {
    expect(decide('ana@example.com')).toMatchObject({ allowed: true, autoConfirmUser: false });
    const optIn = { AUTO_CONFIRM_USERS: 'true' };
    expect(decide('ana@example.com', {}, optIn)).toMatchObject({ autoConfirmUser: true });
    expect(
      decide('ana@example.com', { source: 'PreSignUp_ExternalProvider' }, optIn),
    ).toMatchObject({ autoConfirmUser: false });
    expect(decide('ana@example.com', { source: 'PreSignUp_AdminCreateUser' }, optIn)).toMatchObject(
      { autoConfirmUser: false },
    );
  });
});

describe('rejection texts', () => {
  it.each(Object.entries(REJECTION_TEXT))(
    '%s is short, safe and has no trailing period',
    (_code, text) => {
      expect(text.length).toBeLessThanOrEqual(80);
      expect(text).not.toMatch(/\.$/);
      expect(text).not.toMatch(/arn:|@|allowlist|ALLOWED_/i);
    },
  );
});

describe('configuration', () => {
  it('requires an allowlist', () => {
    expect(() => preSignUpConfig.load({})).toThrow(
      'ALLOWED_EMAIL_DOMAINS: is required but not set',
    );
  });

  it('names the variable and the entry of a bad rule', () => {
    expect(() => config({ BLOCKED_EMAIL_DOMAINS: 'ok.example, bad domain' })).toThrow(
      'BLOCKED_EMAIL_DOMAINS: entry "bad domain": is not a valid domain',
    );
  });
});
