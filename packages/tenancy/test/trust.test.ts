import { defineConfig } from '@cognito-triggers/events';
import { describe, expect, it } from 'vitest';
import {
  admissionFor,
  federatedProvider,
  type Invitation,
  type Membership,
  proveEmail,
  TenancyError,
  tenancyPolicyVariables,
  usableInvitation,
} from '../src/index.js';

const policy = defineConfig(tenancyPolicyVariables).load({
  AUTHORITATIVE_IDPS: 'corp.example.com=CorpSAML,*.corp.example.com=CorpSAML',
});
const SUB = '0f8e1c52-6a0b-4c5e-9d0f-2a7b3c4d5e6f';
const NOW = new Date('2026-12-04T12:00:00.000Z');

const codeOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return error instanceof TenancyError ? error.code : String(error);
  }
  return 'no error';
};

const native = (attributes: Record<string, unknown>) => ({ username: SUB, attributes });
const federated = (username: string, attributes: Record<string, unknown>) => ({
  username,
  attributes: { 'cognito:user_status': 'EXTERNAL_PROVIDER', ...attributes },
});
const identities = (providerName: string) =>
  JSON.stringify([{ userId: 'x', providerName, providerType: 'SAML', primary: 'true' }]);

describe('proveEmail: native users', () => {
  it('accepts a native user whose email Cognito verified', () => {
    expect(
      proveEmail(native({ email: 'ana@example.com', email_verified: 'true' }), policy),
    ).toEqual({ address: 'ana@example.com', proof: 'verified' });
  });

  it('refuses a native user whose email is not verified', () => {
    for (const email_verified of [undefined, 'false', 'TRUE ', '1', 'yes']) {
      expect(
        codeOf(() => proveEmail(native({ email: 'ceo@acme.example', email_verified }), policy)),
      ).toBe('TENANT_EMAIL_NOT_VERIFIED');
    }
  });

  it('refuses a native user who planted an identities attribute (a user cannot make themselves federated)', () => {
    const planted = native({
      email: 'ceo@initech.example.com',
      email_verified: 'false',
      identities: '[{}]',
    });
    expect(codeOf(() => proveEmail(planted, policy))).toBe('TENANT_EMAIL_NOT_VERIFIED');
    const plausible = native({
      email: 'ceo@corp.example.com',
      identities: identities('CorpSAML'),
    });
    expect(codeOf(() => proveEmail(plausible, policy))).toBe('TENANT_EMAIL_NOT_VERIFIED');
  });

  it('refuses an email that is not a string, or missing', () => {
    for (const email of [undefined, '', '  ', 42, ['a@example.com'], null, { s: 'a@b.c' }]) {
      expect(codeOf(() => proveEmail(native({ email, email_verified: 'true' }), policy))).toBe(
        'TENANT_EMAIL_MISSING',
      );
    }
  });
});

describe('proveEmail: federated users', () => {
  it('accepts the email a provider verified (email_verified mapped to "true")', () => {
    const user = federated('Google_1133', {
      email: 'ana@example.com',
      email_verified: 'true',
      identities: identities('Google'),
    });
    expect(proveEmail(user, policy)).toEqual({
      address: 'ana@example.com',
      proof: 'provider-verified',
      provider: 'Google',
    });
  });

  it('refuses the email of a provider that did not verify it (the multi-tenant OIDC case)', () => {
    for (const email_verified of [undefined, 'false']) {
      const user = federated('EntraMultiTenant_abc', {
        email: 'cfo@victim-corp.test',
        email_verified,
        identities: identities('EntraMultiTenant'),
      });
      expect(codeOf(() => proveEmail(user, policy))).toBe('TENANT_PROVIDER_EMAIL_UNVERIFIED');
    }
  });

  it('accepts an unverified email from a provider authoritative for its domain, and only there', () => {
    const at = (email: string) =>
      federated('CorpSAML_ana@corp', { email, identities: identities('CorpSAML') });
    expect(proveEmail(at('ana@corp.example.com'), policy)).toMatchObject({
      proof: 'provider-authoritative',
      provider: 'CorpSAML',
    });
    expect(proveEmail(at('bo@eu.corp.example.com'), policy).proof).toBe('provider-authoritative');
    expect(codeOf(() => proveEmail(at('ceo@acme.example'), policy))).toBe(
      'TENANT_PROVIDER_EMAIL_UNVERIFIED',
    );
    expect(codeOf(() => proveEmail(at('ceo@example.com'), policy))).toBe(
      'TENANT_PROVIDER_EMAIL_UNVERIFIED',
    );
  });

  it('trusts no provider by default', () => {
    const none = defineConfig(tenancyPolicyVariables).load({});
    const user = federated('CorpSAML_ana', {
      email: 'ana@corp.example.com',
      identities: identities('CorpSAML'),
    });
    expect(codeOf(() => proveEmail(user, none))).toBe('TENANT_PROVIDER_EMAIL_UNVERIFIED');
  });

  it('does not let another provider borrow an authoritative provider’s domains', () => {
    const user = federated('Evil_1', {
      email: 'ana@corp.example.com',
      identities: identities('Evil'),
    });
    expect(codeOf(() => proveEmail(user, policy))).toBe('TENANT_PROVIDER_EMAIL_UNVERIFIED');
  });
});

describe('federatedProvider', () => {
  it('reads the provider from identities, checked against the user name', () => {
    const attributes = {
      'cognito:user_status': 'EXTERNAL_PROVIDER',
      identities: identities('CorpSAML'),
    };
    expect(federatedProvider({ username: 'CorpSAML_ana@corp.example.com', attributes })).toBe(
      'CorpSAML',
    );
    expect(federatedProvider({ username: 'corpsaml_ana', attributes })).toBe('CorpSAML');
    expect(federatedProvider({ username: 'Google_1', attributes })).toBeUndefined();
    expect(federatedProvider({ username: 'CorpSAMLx', attributes })).toBeUndefined();
  });

  it('falls back to the user name prefix without identities, and knows no provider of a native user', () => {
    expect(
      federatedProvider({
        username: 'Google_1',
        attributes: { 'cognito:user_status': 'EXTERNAL_PROVIDER' },
      }),
    ).toBe('Google');
    expect(
      federatedProvider({ username: 'Google_1', attributes: { identities: identities('Google') } }),
    ).toBeUndefined();
  });

  it('knows no provider from an identities attribute it cannot read', () => {
    for (const value of ['[{}]', 'not json', '[]', JSON.stringify([{ providerName: 1 }])]) {
      const attributes = { 'cognito:user_status': 'EXTERNAL_PROVIDER', identities: value };
      expect(federatedProvider({ username: 'CorpSAML_ana', attributes })).toBeUndefined();
    }
  });
});

describe('admissionFor', () => {
  const invitation = (overrides: Partial<Invitation> = {}): Invitation => ({
    sub: SUB,
    tenantId: 'acme',
    role: 'admin',
    email: 'ana@acme.example',
    invitedBy: 'operator',
    status: 'pending',
    createdAt: '2026-12-01T00:00:00.000Z',
    expiresAt: '2026-12-08T00:00:00.000Z',
    ...overrides,
  });
  // An invitee at their first sign-in, having replaced their email in the challenge response.
  const invitee = native({ email: 'ceo@victim-corp.test', email_verified: 'false' });

  it('admits an invitee on their invitation, whatever email the event carries', () => {
    expect(admissionFor(invitee, SUB, { invitations: [invitation()] }, policy, NOW)).toEqual({
      kind: 'invitation',
      invitation: invitation(),
    });
  });

  it('refuses an invitee whose invitation expired or was revoked', () => {
    for (const gone of [
      invitation({ expiresAt: '2026-12-04T11:59:59.999Z' }),
      invitation({ status: 'revoked' }),
    ]) {
      expect(codeOf(() => admissionFor(invitee, SUB, { invitations: [gone] }, policy, NOW))).toBe(
        'TENANT_INVITATION_INVALID',
      );
    }
  });

  it('ignores an invitation of another user', () => {
    const other = invitation({ sub: '7d3f9a10-1b2c-4d5e-8f90-a1b2c3d4e5f6' });
    expect(codeOf(() => admissionFor(invitee, SUB, { invitations: [other] }, policy, NOW))).toBe(
      'TENANT_INVITATION_INVALID',
    );
  });

  it('falls back to a proven email when no invitation is usable', () => {
    const verified = native({ email: 'ana@example.com', email_verified: 'true' });
    expect(
      admissionFor(
        verified,
        SUB,
        { invitations: [invitation({ status: 'revoked' })] },
        policy,
        NOW,
      ),
    ).toMatchObject({
      kind: 'email',
      email: { address: 'ana@example.com', proof: 'verified' },
    });
  });

  it('takes the oldest usable invitation', () => {
    const older = invitation({ tenantId: 'globex', createdAt: '2026-11-30T00:00:00.000Z' });
    const admission = admissionFor(
      invitee,
      SUB,
      { invitations: [invitation(), older] },
      policy,
      NOW,
    );
    expect(admission).toMatchObject({ kind: 'invitation', invitation: { tenantId: 'globex' } });
  });

  describe('an accepted invitation', () => {
    const accepted = invitation({ status: 'accepted', acceptedAt: '2026-12-02T00:00:00.000Z' });
    const tombstone = (at: string): Membership => ({
      sub: SUB,
      tenantId: 'acme',
      role: 'admin',
      status: 'removed',
      joinedAt: '2026-12-02T00:00:00.000Z',
      updatedAt: at,
    });

    it('still admits (a sign-in that accepted it failed before the membership was written)', () => {
      expect(admissionFor(invitee, SUB, { invitations: [accepted] }, policy, NOW)).toEqual({
        kind: 'invitation',
        invitation: accepted,
      });
    });

    it('is spent by a removal from its tenant after the acceptance', () => {
      const removed = [tombstone('2026-12-03T00:00:00.000Z')];
      expect(usableInvitation({ invitations: [accepted], removed }, SUB, NOW)).toBeUndefined();
      expect(
        codeOf(() => admissionFor(invitee, SUB, { invitations: [accepted], removed }, policy, NOW)),
      ).toBe('TENANT_MEMBERSHIP_REMOVED');
    });

    it('is not spent by a removal before it was accepted, nor from another tenant', () => {
      for (const removed of [
        [tombstone('2026-12-01T12:00:00.000Z')],
        [{ ...tombstone('2026-12-03T00:00:00.000Z'), tenantId: 'globex' }],
      ]) {
        expect(usableInvitation({ invitations: [accepted], removed }, SUB, NOW)).toEqual(accepted);
      }
    });
  });
});
