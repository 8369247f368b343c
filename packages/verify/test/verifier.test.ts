import { beforeAll, describe, expect, inject, it } from 'vitest';
import {
  authErrorResponse,
  authorizerContext,
  createTenantVerifier,
  InvalidTokenError,
  IssuerMismatchError,
  JwksUnavailableError,
  MissingTenantClaimError,
  TokenExpiredError,
  VerifierConfigError,
  WrongClientError,
  WrongTokenUseError,
} from '../src/index.js';
import { startBlackhole, startJwksProxy } from './support/jwks-proxy.js';
import { payloadOf, signedWithEmulatorKey, untilExpired, withClaim } from './support/tokens.js';
import { emulatorIdVerifier } from './support/verifiers.js';

const emulator = inject('emulator');

const idVerifier = emulatorIdVerifier;

describe('a verifier of the emulator’s tokens', () => {
  it('accepts an ID token and reads the tenant the trigger put in it', async () => {
    const claims = payloadOf(emulator.idToken);

    const tenant = await idVerifier().verify(emulator.idToken);

    expect(tenant).toEqual({
      tenantId: 'acme',
      tenantRole: 'member',
      groups: ['tenant-member'],
      scopes: [],
      sub: claims.sub,
      username: claims['cognito:username'],
      clientId: emulator.clientId,
      tokenUse: 'id',
      expiresAt: claims.exp,
      claims,
    });
    expect(tenant.tenantTier).toBeUndefined();
  });

  it('refuses a token whose tenant was changed by one character after signing', async () => {
    const forged = withClaim(emulator.idToken, 'tenant_id', 'acmf');

    await expect(idVerifier().verify(forged)).rejects.toMatchObject({
      name: 'InvalidTokenError',
      code: 'TOKEN_SIGNATURE_INVALID',
    });
  });

  it('refuses something that is not a JWT', async () => {
    const error = await idVerifier()
      .verify('not-a-jwt')
      .catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(InvalidTokenError);
    expect(error).toMatchObject({ code: 'TOKEN_MALFORMED' });
  });

  it('refuses an expired token, and accepts it within graceSeconds of clock skew', async () => {
    await untilExpired(emulator.shortLivedIdToken);
    const lenient = idVerifier({ clientId: payloadOf(emulator.shortLivedIdToken).aud as string });

    await expect(lenient.verify(emulator.shortLivedIdToken)).rejects.toBeInstanceOf(
      TokenExpiredError,
    );
    const skewed = idVerifier({
      clientId: payloadOf(emulator.shortLivedIdToken).aud as string,
      graceSeconds: 300,
    });
    await expect(skewed.verify(emulator.shortLivedIdToken)).resolves.toMatchObject({
      tenantId: 'acme',
    });
  });

  it('refuses a token of another pool, although the emulator signed it with the same key', async () => {
    const otherPool = createTenantVerifier({
      userPoolId: emulator.otherUserPoolId,
      clientId: payloadOf(emulator.otherPoolIdToken).aud as string,
      tokenUse: 'id',
      emulator: { endpoint: emulator.endpoint },
    });

    // Its signature verifies: only the issuer tells the pools apart.
    await expect(otherPool.verify(emulator.otherPoolIdToken)).resolves.toMatchObject({
      tenantId: 'acme',
    });
    await expect(idVerifier().verify(emulator.otherPoolIdToken)).rejects.toMatchObject({
      name: 'IssuerMismatchError',
      code: 'TOKEN_ISSUER_MISMATCH',
    });
  });

  it('refuses a token issued to another app client, unless that client is accepted too', async () => {
    const error = await idVerifier()
      .verify(emulator.otherClientIdToken)
      .catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(WrongClientError);
    expect(error).toBeInstanceOf(InvalidTokenError);
    expect(String(error)).not.toContain(emulator.clientId);
    const both = idVerifier({ clientId: [emulator.clientId, emulator.otherClientId] });
    await expect(both.verify(emulator.otherClientIdToken)).resolves.toMatchObject({
      clientId: emulator.otherClientId,
    });
  });

  it('refuses an ID token where an access token is required, and the other way round', async () => {
    const accessVerifier = idVerifier({ tokenUse: 'access' });

    await expect(accessVerifier.verify(emulator.idToken)).rejects.toEqual(
      expect.objectContaining({
        name: 'WrongTokenUseError',
        code: 'TOKEN_USE_MISMATCH',
        expected: 'access',
      }),
    );
    const error = await idVerifier()
      .verify(emulator.accessToken)
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(WrongTokenUseError);
    expect(error).toMatchObject({ expected: 'id' });
  });

  it('refuses a valid token of a user who has no tenant', async () => {
    const error = await idVerifier()
      .verify(emulator.noTenantIdToken)
      .catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(MissingTenantClaimError);
    expect(error).toMatchObject({
      claim: 'tenant_id',
      message: 'TENANT_CLAIM_MISSING: The token has no tenant_id claim',
    });
  });

  it('refuses the emulator’s access tokens for their missing tenant claim (V1 events: ID token only)', async () => {
    // Everything else about the token checks out: the tenant claim is the last check.
    const claims = payloadOf(emulator.accessToken);
    expect(claims).toMatchObject({ token_use: 'access', client_id: emulator.clientId });
    expect(claims).not.toHaveProperty('tenant_id');

    await expect(idVerifier({ tokenUse: 'access' }).verify(emulator.accessToken)).rejects.toEqual(
      new MissingTenantClaimError('tenant_id'),
    );
  });

  it('reads the tenant under the claim names an environment configured', async () => {
    const renamed = idVerifier({ claimNames: { tenantId: 'custom:tenant_id' } });
    await expect(renamed.verify(emulator.idToken)).resolves.toMatchObject({ tenantId: 'acme' });

    const absent = idVerifier({ claimNames: { tenantRole: 'org_role' } });
    await expect(absent.verify(emulator.idToken)).rejects.toMatchObject({ claim: 'org_role' });
  });
});

describe('the signing keys', () => {
  it('are fetched once by hydrate(); then no verification makes a network call', async () => {
    const proxy = await startJwksProxy(emulator.endpoint);
    const jwksUri = `${proxy.endpoint}/${emulator.userPoolId}/.well-known/jwks.json`;
    const verifier = idVerifier({ emulator: { endpoint: emulator.endpoint, jwksUri } });

    await verifier.hydrate();
    expect(proxy.requests).toEqual([`/${emulator.userPoolId}/.well-known/jwks.json`]);

    const tokens = [
      emulator.idToken,
      emulator.accessToken,
      emulator.otherClientIdToken,
      emulator.otherPoolIdToken,
      emulator.noTenantIdToken,
      withClaim(emulator.idToken, 'tenant_id', 'globex'),
    ];
    const outcomes = await Promise.allSettled(tokens.map((token) => verifier.verify(token)));
    expect(outcomes.map((outcome) => outcome.status)).toEqual([
      'fulfilled',
      'rejected',
      'rejected',
      'rejected',
      'rejected',
      'rejected',
    ]);
    expect(proxy.requests).toHaveLength(1);

    await proxy.stop();
    await expect(verifier.verify(emulator.idToken)).resolves.toMatchObject({ tenantId: 'acme' });
  });

  it('are fetched once, lazily, when verifications start without hydrate()', async () => {
    const proxy = await startJwksProxy(emulator.endpoint);
    const jwksUri = `${proxy.endpoint}/${emulator.userPoolId}/.well-known/jwks.json`;
    const verifier = idVerifier({ emulator: { endpoint: emulator.endpoint, jwksUri } });

    const contexts = await Promise.all(
      Array.from({ length: 5 }, () => verifier.verify(emulator.idToken)),
    );

    expect(contexts.map((context) => context.tenantId)).toEqual(Array(5).fill('acme'));
    expect(proxy.requests).toHaveLength(1);
    await proxy.stop();
  });

  it('that cannot be fetched fail as JwksUnavailableError, not as a bad token', async () => {
    const proxy = await startJwksProxy(emulator.endpoint);
    await proxy.stop();
    const jwksUri = `${proxy.endpoint}/${emulator.userPoolId}/.well-known/jwks.json`;
    const verifier = idVerifier({ emulator: { endpoint: emulator.endpoint, jwksUri } });

    await expect(verifier.hydrate()).rejects.toBeInstanceOf(JwksUnavailableError);
    const error = await verifier.verify(emulator.idToken).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(JwksUnavailableError);
    expect(error).not.toBeInstanceOf(InvalidTokenError);
  });
});

describe('keys given up front', () => {
  let jwks: { keys: [] };
  beforeAll(async () => {
    const response = await fetch(
      `${emulator.endpoint}/${emulator.userPoolId}/.well-known/jwks.json`,
    );
    jwks = (await response.json()) as { keys: [] };
  });

  it('refuse an unknown key as TOKEN_KEY_UNKNOWN and fetch nothing, where the network drops packets', async () => {
    const blackhole = await startBlackhole();
    const jwksUri = `${blackhole.endpoint}/${emulator.userPoolId}/.well-known/jwks.json`;
    const verifier = idVerifier({ emulator: { endpoint: emulator.endpoint, jwksUri }, jwks });
    const rotated = await signedWithEmulatorKey(payloadOf(emulator.idToken), 'rotated-away');

    const started = performance.now();
    const error = await verifier.verify(rotated).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(InvalidTokenError);
    expect(error).toMatchObject({ code: 'TOKEN_KEY_UNKNOWN' });
    expect(authErrorResponse(error)?.status).toBe(401);
    expect(performance.now() - started).toBeLessThan(1_000);
    await expect(verifier.verify(emulator.idToken)).resolves.toMatchObject({ tenantId: 'acme' });
    expect(blackhole.connections()).toBe(0);
    await blackhole.stop();
  });

  it('refuse an unknown key of an Amazon Cognito token without reaching for Cognito', async () => {
    const verifier = createTenantVerifier({
      userPoolId: 'eu-west-1_AbC123',
      clientId: emulator.clientId,
      jwks,
    });
    const rotated = await signedWithEmulatorKey(
      {
        ...payloadOf(emulator.accessToken),
        iss: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC123',
      },
      'rotated-away',
    );

    await expect(verifier.verify(rotated)).rejects.toMatchObject({ code: 'TOKEN_KEY_UNKNOWN' });
  });
});

describe('an issuer mismatch', () => {
  it('names both issuers with the emulator, where localhost and 127.0.0.1 differ', async () => {
    const endpoint = emulator.endpoint.replace('127.0.0.1', 'localhost');
    const verifier = idVerifier({ emulator: { endpoint } });

    const error = await verifier.verify(emulator.idToken).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(IssuerMismatchError);
    expect(error).toMatchObject({
      code: 'TOKEN_ISSUER_MISMATCH',
      expectedIssuer: `${endpoint}/${emulator.userPoolId}`,
      tokenIssuer: `${emulator.endpoint}/${emulator.userPoolId}`,
    });
    expect((error as Error).message).toBe(
      `TOKEN_ISSUER_MISMATCH: The token was issued by ${emulator.endpoint}/${emulator.userPoolId}, not ${endpoint}/${emulator.userPoolId}`,
    );
  });

  it('keeps an Amazon Cognito verifier’s message short, with the issuers on the error', async () => {
    const verifier = createTenantVerifier({ userPoolId: 'eu-west-1_AbC123', clientId: 'c' });

    const error = await verifier.verify(emulator.accessToken).catch((caught: unknown) => caught);

    expect((error as Error).message).toBe(
      'TOKEN_ISSUER_MISMATCH: The token was issued by another user pool',
    );
    expect(error).toMatchObject({
      expectedIssuer: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC123',
      tokenIssuer: `${emulator.endpoint}/${emulator.userPoolId}`,
    });
  });
});

describe('a machine-to-machine token (the client-credentials grant)', () => {
  const machineVerifier = () =>
    createTenantVerifier({
      userPoolId: emulator.machineUserPoolId,
      clientId: emulator.machineClientId,
      emulator: { endpoint: emulator.endpoint },
    });

  it('verifies with the tenant CLIENT_TENANT_MAP gives its client, role service, and no user', async () => {
    const tenant = await machineVerifier().verify(emulator.machineAccessToken);

    expect(tenant).toMatchObject({
      tenantId: 'acme',
      tenantRole: 'service',
      groups: [],
      scopes: ['orders/read'],
      sub: emulator.machineClientId,
      clientId: emulator.machineClientId,
      tokenUse: 'access',
    });
    expect(tenant).not.toHaveProperty('username');
    expect(authorizerContext(tenant)).not.toHaveProperty('username');
    expect(authorizerContext(tenant)).toMatchObject({ sub: emulator.machineClientId });
  });
});

describe('a verifier of Amazon Cognito’s tokens', () => {
  const userPoolId = 'eu-west-1_AbC123';
  const issuer = `https://cognito-idp.eu-west-1.amazonaws.com/${userPoolId}`;
  let jwks: { keys: [] };

  beforeAll(async () => {
    const response = await fetch(
      `${emulator.endpoint}/${emulator.userPoolId}/.well-known/jwks.json`,
    );
    jwks = (await response.json()) as { keys: [] };
  });

  // Given the JWKS up front, the verifier fetches nothing: Amazon Cognito is out of reach here.
  const cognitoVerifier = () =>
    createTenantVerifier({ userPoolId, clientId: emulator.clientId, jwks });

  /** The emulator's access token as Amazon Cognito issues it with pre token generation V2. */
  const v2AccessToken = (claims: Record<string, unknown> = {}) =>
    signedWithEmulatorKey({
      ...payloadOf(emulator.accessToken),
      iss: issuer,
      tenant_id: 'acme',
      tenant_role: 'admin',
      tenant_tier: 'pro',
      scope: 'aws.cognito.signin.user.admin tenant/admin',
      ...claims,
    });

  it('accepts a V2 access token with the tenant, role, tier and role scopes', async () => {
    const token = await v2AccessToken();
    const verifier = cognitoVerifier();

    await verifier.hydrate();
    const tenant = await verifier.verify(token);

    expect(verifier.issuer).toBe(issuer);
    expect(tenant).toMatchObject({
      tenantId: 'acme',
      tenantRole: 'admin',
      tenantTier: 'pro',
      groups: ['tenant-member'],
      scopes: ['aws.cognito.signin.user.admin', 'tenant/admin'],
      clientId: emulator.clientId,
      username: payloadOf(emulator.accessToken).username,
      tokenUse: 'access',
    });
  });

  it('refuses the emulator’s tokens by their issuer, though their key is in the cache', async () => {
    await expect(cognitoVerifier().verify(emulator.accessToken)).rejects.toMatchObject({
      code: 'TOKEN_ISSUER_MISMATCH',
    });
  });

  it('requires access tokens by default', async () => {
    const idToken = await signedWithEmulatorKey({ ...payloadOf(emulator.idToken), iss: issuer });

    await expect(cognitoVerifier().verify(idToken)).rejects.toBeInstanceOf(WrongTokenUseError);
    expect(cognitoVerifier().tokenUse).toBe('access');
  });

  it('takes an access token without a username only as a machine token: its subject is its client', async () => {
    // A user's token that lost its username, or any token whose sub is not its own client.
    const { username: _username, ...userless } = payloadOf(emulator.accessToken);
    const token = await signedWithEmulatorKey({
      ...userless,
      iss: issuer,
      tenant_id: 'acme',
      tenant_role: 'admin',
    });

    await expect(cognitoVerifier().verify(token)).rejects.toMatchObject({
      code: 'TOKEN_MALFORMED',
    });
  });

  it('refuses a V2 access token of another app client', async () => {
    const token = await v2AccessToken({ client_id: emulator.otherClientId });

    await expect(cognitoVerifier().verify(token)).rejects.toBeInstanceOf(WrongClientError);
  });
});

describe('the verifier’s options', () => {
  it.each([
    ['a non-loopback emulator', { emulator: { endpoint: 'http://10.1.2.3:9229' } }, /loopback/],
    ['an HTTPS emulator', { emulator: { endpoint: 'https://127.0.0.1:9229' } }, /loopback/],
    ['a malformed pool id', { userPoolId: 'eu-west-1' }, /userPoolId/],
    [
      'an emulator pool id without the emulator option',
      { userPoolId: 'local_5sZ0AbCd' },
      /userPoolId: "local_5sZ0AbCd" is a local emulator's pool: give emulator: \{ endpoint \}/,
    ],
    ['no client id', { clientId: [] }, /clientId/],
    ['a negative grace', { graceSeconds: -1 }, /graceSeconds/],
    ['a claim name with spaces', { claimNames: { tenantId: 'tenant id' } }, /claimNames\.tenantId/],
    [
      'a JWKS that is not one (an OpenID configuration)',
      // A JSON file of the wrong document, read at run time: the types cannot see it.
      { jwks: { issuer: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC123' } as never },
      /^jwks: not a JSON Web Key Set \(JWKS does not include keys\)$/,
    ],
    ['a key without its type', { jwks: { keys: [{ kid: 'k1' }] } as never }, /^jwks: not a JSON/],
    ['a JWKS without keys', { jwks: { keys: [] } as never }, /^jwks: has no keys/],
  ] as const)('refuse %s when the verifier is created', (_, options, message) => {
    const create = () =>
      createTenantVerifier({ userPoolId: 'eu-west-1_AbC123', clientId: 'web', ...options });

    expect(create).toThrow(VerifierConfigError);
    expect(create).toThrow(message);
  });
});
