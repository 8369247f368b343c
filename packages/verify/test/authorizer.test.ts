import { beforeAll, describe, expect, inject, it } from 'vitest';
import {
  type AuthorizerDenial,
  createAuthorizerHandler,
  JwksUnavailableError,
  type TenantVerifier,
} from '../src/index.js';
import { httpApiAuthorizerEvent } from './support/authorizer-event.js';
import { payloadOf, withClaim } from './support/tokens.js';
import { emulatorIdVerifier } from './support/verifiers.js';

const emulator = inject('emulator');
let verifier: TenantVerifier;

beforeAll(async () => {
  verifier = emulatorIdVerifier();
  await verifier.hydrate();
});

describe('the HTTP API Lambda authorizer', () => {
  it('authorizes a valid token and passes the tenant on as a flat context', async () => {
    const handler = createAuthorizerHandler(verifier);
    const claims = payloadOf(emulator.idToken);

    const result = await handler(httpApiAuthorizerEvent(`Bearer ${emulator.idToken}`));

    expect(result).toEqual({
      isAuthorized: true,
      context: {
        tenantId: 'acme',
        tenantRole: 'member',
        groups: 'tenant-member',
        scopes: '',
        sub: claims.sub,
        username: claims['cognito:username'],
        clientId: emulator.clientId,
        tokenUse: 'id',
        expiresAt: claims.exp,
      },
    });
    const values = Object.values(result.context);
    expect(values.every((value) => ['string', 'number', 'boolean'].includes(typeof value))).toBe(
      true,
    );
  });

  it.each([
    ['no Authorization header', undefined, 'TOKEN_MISSING'],
    ['another scheme', 'Basic YW5hOnNlY3JldA==', 'TOKEN_MISSING'],
    [
      'a forged tenant',
      `Bearer ${withClaim(inject('emulator').idToken, 'tenant_id', 'globex')}`,
      'TOKEN_SIGNATURE_INVALID',
    ],
    [
      'a user without a tenant',
      `Bearer ${inject('emulator').noTenantIdToken}`,
      'TENANT_CLAIM_MISSING',
    ],
    [
      'another client’s token',
      `Bearer ${inject('emulator').otherClientIdToken}`,
      'TOKEN_CLIENT_MISMATCH',
    ],
  ])('denies a request with %s, logging only the code', async (_, authorization, code) => {
    const denials: AuthorizerDenial[] = [];
    const handler = createAuthorizerHandler(verifier, { log: (denial) => denials.push(denial) });
    const event = httpApiAuthorizerEvent(authorization);

    const result = await handler(event);

    expect(result).toEqual({ isAuthorized: false, context: {} });
    expect(denials).toEqual([
      { level: 'WARN', message: 'request refused', code, routeArn: event.routeArn },
    ]);
    expect(JSON.stringify(denials)).not.toContain('eyJ');
  });

  it('denies a tenant member a route that requires the admin role', async () => {
    const denials: AuthorizerDenial[] = [];
    const handler = createAuthorizerHandler(verifier, {
      roles: ['admin'],
      log: (denial) => denials.push(denial),
    });

    const result = await handler(httpApiAuthorizerEvent(`Bearer ${emulator.idToken}`));

    expect(result.isAuthorized).toBe(false);
    expect(denials.map((denial) => denial.code)).toEqual(['TENANT_ROLE_REQUIRED']);
  });

  it('fails the invocation, rather than deny, when the signing keys are out of reach', async () => {
    const unreachable = emulatorIdVerifier({
      emulator: {
        endpoint: emulator.endpoint,
        jwksUri: 'http://127.0.0.1:9/local_nothing/.well-known/jwks.json',
      },
    });
    const handler = createAuthorizerHandler(unreachable, { log: () => {} });

    await expect(
      handler(httpApiAuthorizerEvent(`Bearer ${emulator.idToken}`)),
    ).rejects.toBeInstanceOf(JwksUnavailableError);
  });
});
