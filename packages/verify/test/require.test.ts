import { IncomingMessage } from 'node:http';
import { Socket } from 'node:net';
import { afterEach, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { DEFAULT_CLAIM_NAMES, tenantContextFrom } from '../src/claims.js';
import {
  AccessDeniedError,
  authErrorResponse,
  bearerToken,
  claimNamesFromEnvironment,
  InsufficientRoleError,
  InsufficientScopeError,
  InvalidTokenError,
  JwksUnavailableError,
  MissingTenantClaimError,
  requireRole,
  requireScope,
  type TenantContext,
  type TenantRequest,
  TokenExpiredError,
  TokenMissingError,
  tenantOf,
  VerifierConfigError,
  WrongClientError,
  WrongTokenUseError,
} from '../src/index.js';
import { emulatorIdVerifier } from './support/verifiers.js';

let member: TenantContext;

beforeAll(async () => {
  member = await emulatorIdVerifier().verify(inject('emulator').idToken);
});

describe('requireRole', () => {
  it('lets a member through a route open to members and admins', () => {
    expect(() => requireRole(member, 'admin', 'member')).not.toThrow();
  });

  it('refuses a member a route for admins, naming the role', () => {
    const refuse = () => requireRole(member, 'admin');

    expect(refuse).toThrow(InsufficientRoleError);
    expect(refuse).toThrow('TENANT_ROLE_REQUIRED: This needs the role admin');
  });
});

describe('requireScope', () => {
  it('refuses a token without the scope (an ID token has none)', () => {
    expect(member.scopes).toEqual([]);
    expect(() => requireScope(member, 'tenant/read')).toThrow(InsufficientScopeError);
  });

  it('lets through a token that has it', () => {
    const withScope: TenantContext = { ...member, scopes: ['tenant/read'] };

    expect(() => requireScope(withScope, 'tenant/read')).not.toThrow();
  });
});

describe('the errors', () => {
  const all = [
    new TokenMissingError(),
    new TokenExpiredError(),
    new WrongTokenUseError('access'),
    new WrongClientError(),
    new MissingTenantClaimError('tenant_id'),
    new InvalidTokenError('TOKEN_MALFORMED', 'The token is not a well-formed JWT'),
    new InsufficientRoleError(['admin']),
    new InsufficientScopeError('tenant/read'),
  ];

  it.each(all.map((error) => [error.name, error]))(
    '%s reads as a stable code and short text, without a trailing period',
    (_, error) => {
      expect(error.message).toMatch(/^[A-Z][A-Z_]+: [^\n]{1,80}[^.]$/);
      expect(error.message.startsWith(`${error.code}: `)).toBe(true);
    },
  );

  it('map onto 401 and 403, and leave anything else to the caller', () => {
    expect(all.map((error) => authErrorResponse(error)?.status)).toEqual([
      401, 401, 401, 401, 401, 401, 403, 403,
    ]);
    expect(all.map((error) => error instanceof AccessDeniedError)).toEqual([
      false,
      false,
      false,
      false,
      false,
      false,
      true,
      true,
    ]);
    expect(authErrorResponse(new JwksUnavailableError('JWKS_UNAVAILABLE: down'))).toBeUndefined();
    expect(authErrorResponse(new Error('boom'))).toBeUndefined();
  });
});

describe('a token without a tenant', () => {
  const payload = {
    token_use: 'id',
    sub: 'f3c1b2a0-5d4e-4f6a-9b8c-7d6e5f4a3b2c',
    'cognito:username': 'f3c1b2a0-5d4e-4f6a-9b8c-7d6e5f4a3b2c',
    aud: 'client',
    exp: 2_000_000_000,
  };

  it('says why when the token trigger said so (tenant_status), in the error and the 401 body', () => {
    const error = (() => {
      try {
        tenantContextFrom(
          { ...payload, tenant_status: 'invitation-required' },
          DEFAULT_CLAIM_NAMES,
        );
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(MissingTenantClaimError);
    expect(error).toMatchObject({ claim: 'tenant_id', tenantStatus: 'invitation-required' });
    expect(authErrorResponse(error)?.body).toEqual({
      error: 'TENANT_CLAIM_MISSING',
      message: 'TENANT_CLAIM_MISSING: The token has no tenant_id claim',
      tenantStatus: 'invitation-required',
    });
  });

  it('says nothing more when the token does not (attribute mode, an older token)', () => {
    expect(() => tenantContextFrom(payload, DEFAULT_CLAIM_NAMES)).toThrow(
      expect.objectContaining({ claim: 'tenant_id', tenantStatus: undefined }),
    );
    expect(authErrorResponse(new MissingTenantClaimError('tenant_id'))?.body).toEqual({
      error: 'TENANT_CLAIM_MISSING',
      message: 'TENANT_CLAIM_MISSING: The token has no tenant_id claim',
    });
  });
});

describe('tenantOf', () => {
  it('reads back the tenant the middleware set', () => {
    const req: TenantRequest = Object.assign(new IncomingMessage(new Socket()), { tenant: member });

    expect(tenantOf(req)).toBe(member);
  });

  it('fails closed, as a missing token, on a route the middleware did not guard', () => {
    expect(() => tenantOf(new IncomingMessage(new Socket()))).toThrow(TokenMissingError);
  });
});

describe('bearerToken', () => {
  it.each([
    ['Bearer abc.def.ghi', 'abc.def.ghi'],
    ['bearer abc.def.ghi', 'abc.def.ghi'],
    ['Basic YW5hOnNlY3JldA==', undefined],
    ['Bearer', undefined],
    ['Bearer a b', undefined],
    [undefined, undefined],
  ])('reads %j as %j', (header, token) => {
    expect(bearerToken(header)).toBe(token);
  });
});

describe('claimNamesFromEnvironment', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('reads the trigger’s CLAIM_TENANT_* variables, defaulting those unset', () => {
    vi.stubEnv('CLAIM_TENANT_ID', 'org');
    vi.stubEnv('CLAIM_TENANT_TIER', ' plan ');
    vi.stubEnv('CLAIM_TENANT_ROLE', '');
    vi.stubEnv('CLAIM_TENANT_STATUS', 'org_status');

    expect(claimNamesFromEnvironment()).toEqual({
      tenantId: 'org',
      tenantRole: 'tenant_role',
      tenantTier: 'plan',
      tenantStatus: 'org_status',
    });
  });

  it('names the variable whose value is not a claim name', () => {
    expect(() => claimNamesFromEnvironment({ CLAIM_TENANT_ROLE: 'the role' })).toThrow(
      new VerifierConfigError('CLAIM_TENANT_ROLE: "the role" is not a claim name'),
    );
  });
});
