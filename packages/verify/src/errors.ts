/**
 * Every error of this package. Messages are safe to send back to a caller: a stable
 * `UPPER_SNAKE` code first, short text, no trailing period, nothing about the verifier's
 * configuration (expected client ids, pool ids). The underlying `aws-jwt-verify` error, with its
 * details, is kept as `cause` for your logs.
 *
 * Two families map onto HTTP: {@link InvalidTokenError} (401, ask for a new token) and
 * {@link AccessDeniedError} (403, a good token without the right role or scope).
 */

/**
 * The token cannot be trusted or used: malformed, badly signed, from another issuer, expired,
 * for another client, of the wrong kind, or without tenant claims. Answer 401.
 *
 * @example
 * ```ts
 * try {
 *   await verifier.verify(token);
 * } catch (error) {
 *   if (error instanceof InvalidTokenError) return unauthorized(error.code);
 *   throw error;
 * }
 * ```
 */
export class InvalidTokenError extends Error {
  /** `TOKEN_MALFORMED`, `TOKEN_SIGNATURE_INVALID`, `TOKEN_ISSUER_MISMATCH`, `TOKEN_EXPIRED`, … */
  public readonly code: string;

  public constructor(code: string, text: string, options?: ErrorOptions) {
    super(`${code}: ${text}`, options);
    this.name = 'InvalidTokenError';
    this.code = code;
  }
}

/** No `Authorization: Bearer <token>` on the request at all. */
export class TokenMissingError extends InvalidTokenError {
  public constructor(options?: ErrorOptions) {
    super('TOKEN_MISSING', 'An Authorization: Bearer token is required', options);
    this.name = 'TokenMissingError';
  }
}

/** The token's `exp` has passed: the client should refresh it and try again. */
export class TokenExpiredError extends InvalidTokenError {
  public constructor(options?: ErrorOptions) {
    super('TOKEN_EXPIRED', 'The token has expired', options);
    this.name = 'TokenExpiredError';
  }
}

/** An ID token where an access token is required, or the other way round (`token_use`). */
export class WrongTokenUseError extends InvalidTokenError {
  public readonly expected: 'access' | 'id';

  public constructor(expected: 'access' | 'id', options?: ErrorOptions) {
    super(
      'TOKEN_USE_MISMATCH',
      expected === 'access' ? 'An access token is required' : 'An ID token is required',
      options,
    );
    this.name = 'WrongTokenUseError';
    this.expected = expected;
  }
}

/** The token was issued to an app client this API does not accept (`client_id` / `aud`). */
export class WrongClientError extends InvalidTokenError {
  public constructor(options?: ErrorOptions) {
    super('TOKEN_CLIENT_MISMATCH', 'The token was issued to another app client', options);
    this.name = 'WrongClientError';
  }
}

/**
 * The token's `iss` is not this verifier's issuer: another user pool, another region, or (with
 * the local emulator) another spelling of its address. The message stays short for callers; the
 * two issuers are here for your logs. With the emulator (loopback only, never production) the
 * message names both.
 */
export class IssuerMismatchError extends InvalidTokenError {
  /** The issuer this verifier accepts. */
  public readonly expectedIssuer: string;
  /** The token's `iss`, when it has a readable one. */
  public readonly tokenIssuer: string | undefined;

  public constructor(
    expectedIssuer: string,
    tokenIssuer: string | undefined,
    options?: ErrorOptions & { readonly explain?: boolean },
  ) {
    super(
      'TOKEN_ISSUER_MISMATCH',
      options?.explain === true
        ? `The token was issued by ${tokenIssuer ?? 'an unreadable issuer'}, not ${expectedIssuer}`
        : 'The token was issued by another user pool',
      options,
    );
    this.name = 'IssuerMismatchError';
    this.expectedIssuer = expectedIssuer;
    this.tokenIssuer = tokenIssuer;
  }
}

/**
 * A valid token without the tenant claim (or the role claim): the user has no tenant yet, or the
 * token predates it. A refresh after provisioning brings the claims. `tenantStatus` is why, when
 * the token trigger said so (its `tenant_status` claim): `email-unverified` (ask the user to
 * verify their address), `invitation-required` or `tenant-not-set-up` (ask an admin for an
 * invitation), `removed`, `unavailable` (the store was down: try again), ….
 */
export class MissingTenantClaimError extends InvalidTokenError {
  /** The claim that was missing or not a non-empty string, e.g. `tenant_id`. */
  public readonly claim: string;
  /** Why the token has no tenant, from its `tenant_status` claim; absent when it does not say. */
  public readonly tenantStatus: string | undefined;

  public constructor(
    claim: string,
    options?: ErrorOptions & { readonly tenantStatus?: string | undefined },
  ) {
    super('TENANT_CLAIM_MISSING', `The token has no ${claim} claim`, options);
    this.name = 'MissingTenantClaimError';
    this.claim = claim;
    this.tenantStatus = options?.tenantStatus;
  }
}

/** A good token whose holder may not do this. Answer 403. */
export class AccessDeniedError extends Error {
  public readonly code: string;

  public constructor(code: string, text: string, options?: ErrorOptions) {
    super(`${code}: ${text}`, options);
    this.name = 'AccessDeniedError';
    this.code = code;
  }
}

/** The tenant role is not one of those required ({@link requireRole}). */
export class InsufficientRoleError extends AccessDeniedError {
  public readonly required: readonly string[];

  public constructor(required: readonly string[], options?: ErrorOptions) {
    super('TENANT_ROLE_REQUIRED', `This needs the role ${required.join(' or ')}`, options);
    this.name = 'InsufficientRoleError';
    this.required = required;
  }
}

/** The token lacks the scope required ({@link requireScope}). */
export class InsufficientScopeError extends AccessDeniedError {
  public readonly required: string;

  public constructor(required: string, options?: ErrorOptions) {
    super('SCOPE_REQUIRED', `This needs the scope ${required}`, options);
    this.name = 'InsufficientScopeError';
    this.required = required;
  }
}

/**
 * The signing keys could not be fetched (network, JWKS endpoint down): not the caller's fault.
 * Answer 5xx; the verifier retries on the next request.
 */
export class JwksUnavailableError extends Error {
  public constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'JwksUnavailableError';
  }
}

/** The verifier's options are wrong; thrown when it is created, at cold start. */
export class VerifierConfigError extends Error {
  public constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'VerifierConfigError';
  }
}
