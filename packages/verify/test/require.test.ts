import { IncomingMessage } from 'node:http';
import { Socket } from 'node:net';
import { afterEach, beforeAll, describe, expect, inject, it, vi } from 'vitest';
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

    expect(claimNamesFromEnvironment()).toEqual({
      tenantId: 'org',
      tenantRole: 'tenant_role',
      tenantTier: 'plan',
    });
  });

  it('names the variable whose value is not a claim name', () => {
    expect(() => claimNamesFromEnvironment({ CLAIM_TENANT_ROLE: 'the role' })).toThrow(
      new VerifierConfigError('CLAIM_TENANT_ROLE: "the role" is not a claim name'),
    );
  });
});
