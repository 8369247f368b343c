import { Agent } from 'node:http';
import { CognitoJwtVerifier, JwtVerifier } from 'aws-jwt-verify';
import { validateCognitoJwtFields } from 'aws-jwt-verify/cognito-verifier';
import {
  CognitoJwtInvalidClientIdError,
  CognitoJwtInvalidTokenUseError,
  FetchError,
  JwkInvalidKtyError,
  JwkInvalidUseError,
  JwksNotAvailableInCacheError,
  JwksValidationError,
  JwkValidationError,
  JwtBaseError,
  JwtExpiredError,
  JwtInvalidIssuerError,
  JwtInvalidSignatureAlgorithmError,
  JwtInvalidSignatureError,
  JwtNotBeforeError,
  JwtParseError,
  JwtWithoutValidKidError,
  KidNotFoundInJwksError,
  ParameterValidationError,
  WaitPeriodNotYetEndedJwkError,
} from 'aws-jwt-verify/error';
import { SimpleFetcher } from 'aws-jwt-verify/https';
import { assertIsJwks, type Jwks, SimpleJwksCache } from 'aws-jwt-verify/jwk';
import { decomposeUnverifiedJwt } from 'aws-jwt-verify/jwt';
import type { JwtPayload } from 'aws-jwt-verify/jwt-model';
import {
  resolveClaimNames,
  type TenantClaimNames,
  type TenantContext,
  type TokenUse,
  tenantContextFrom,
} from './claims.js';
import {
  InvalidTokenError,
  IssuerMismatchError,
  JwksUnavailableError,
  TokenExpiredError,
  VerifierConfigError,
  WrongClientError,
  WrongTokenUseError,
} from './errors.js';

/** Where the tokens come from when they are minted by the local Cognito emulator. */
export interface EmulatorOptions {
  /**
   * The emulator's endpoint, exactly as it builds its issuer: `http://127.0.0.1:9329` for
   * the local stack's cognito-local (`HOST=127.0.0.1`). Loopback only: the emulator signs with a key
   * that ships in its npm package, so its tokens prove nothing outside a laptop or CI.
   */
  readonly endpoint: string;
  /** Fetch the JWKS here instead of `<endpoint>/<userPoolId>/.well-known/jwks.json` (loopback). */
  readonly jwksUri?: string;
}

/** How {@link createTenantVerifier} checks tokens. */
export interface TenantVerifierOptions {
  /** The user pool, `eu-west-1_AbC123` (with the emulator: its `local_…` id). */
  readonly userPoolId: string;
  /** The app client(s) whose tokens this API accepts: `client_id` of an access token, `aud` of an ID token. */
  readonly clientId: string | readonly string[];
  /** The kind of token required; `access` (the default) is what APIs should take. */
  readonly tokenUse?: TokenUse;
  /** Names of the tenant claims, when `claim_names` differs from the defaults. */
  readonly claimNames?: Partial<TenantClaimNames>;
  /** Seconds of clock skew tolerated on `exp` (and `nbf`); 0 by default. */
  readonly graceSeconds?: number;
  /**
   * A JWKS you already hold (fetched at deploy time, for a function without internet access):
   * loaded into the cache, so that `hydrate()` and `verify()` fetch nothing while its keys
   * match.
   */
  readonly jwks?: Jwks;
  /** Tokens minted by the local emulator (cognito-local) rather than Amazon Cognito. */
  readonly emulator?: EmulatorOptions;
}

/** Verifies tokens of one user pool for one API, locally, with the JWKS cached in memory. */
export interface TenantVerifier {
  /** The `iss` every accepted token carries. */
  readonly issuer: string;
  readonly tokenUse: TokenUse;
  /**
   * Fetches the JWKS once, into the cache. Call it at cold start (module scope, `await`) so
   * that no request waits for it; after it, verifying a token with a known key makes no
   * network call.
   *
   * @throws {JwksUnavailableError} when the keys cannot be fetched.
   */
  hydrate(): Promise<void>;
  /**
   * Verifies signature, issuer, expiry, client and `token_use` with aws-jwt-verify, then reads
   * the tenant claims.
   *
   * @throws {InvalidTokenError} (or one of its subclasses) when the token is refused.
   * @throws {JwksUnavailableError} when the keys are not cached and cannot be fetched.
   */
  verify(token: string): Promise<TenantContext>;
}

interface JwtVerifierLike {
  hydrate(): Promise<void>;
  verify(token: string): Promise<JwtPayload>;
  cacheJwks(jwks: Jwks): void;
}

/**
 * A verifier for the suite's tokens, built on AWS's `aws-jwt-verify`: `CognitoJwtVerifier` for
 * Amazon Cognito, its generic `JwtVerifier` with Cognito's own `client_id`/`token_use` checks
 * for the local emulator. Create it once, at module scope.
 *
 * @see https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-tokens-verifying-a-jwt.html
 * @throws {VerifierConfigError} for a malformed pool id, no client id, or a non-loopback emulator.
 * @example
 * ```ts
 * const verifier = createTenantVerifier({
 *   userPoolId: 'eu-west-1_AbC123',
 *   clientId: '4e1oo8l3bq6e8d0q7p6l2k5m9s',
 * });
 * await verifier.hydrate();
 *
 * const { tenantId, tenantRole } = await verifier.verify(token);
 * ```
 */
export function createTenantVerifier(options: TenantVerifierOptions): TenantVerifier {
  const tokenUse = options.tokenUse ?? 'access';
  if (tokenUse !== 'access' && tokenUse !== 'id') {
    throw new VerifierConfigError(`tokenUse: "${tokenUse}" is neither "access" nor "id"`);
  }
  const clientIds =
    typeof options.clientId === 'string' ? [options.clientId] : [...options.clientId];
  if (clientIds.length === 0 || clientIds.some((id) => typeof id !== 'string' || id.length === 0)) {
    throw new VerifierConfigError('clientId: give the app client id(s) whose tokens to accept');
  }
  const graceSeconds = options.graceSeconds ?? 0;
  if (!Number.isFinite(graceSeconds) || graceSeconds < 0) {
    throw new VerifierConfigError(`graceSeconds: ${graceSeconds} is not a number of seconds`);
  }
  const names = resolveClaimNames(options.claimNames);

  // Keys given up front are the only keys: an unknown `kid` is refused, never fetched (where
  // outbound traffic is dropped, a fetch would hang the request for seconds).
  const offline = options.jwks === undefined ? undefined : new OfflineJwksCache();
  const { issuer, jwt } =
    options.emulator === undefined
      ? cognitoVerifier(options.userPoolId, clientIds, tokenUse, graceSeconds, offline)
      : emulatorVerifier(
          options.userPoolId,
          options.emulator,
          clientIds,
          tokenUse,
          graceSeconds,
          offline,
        );
  if (options.jwks !== undefined) {
    // Checked here: the cache takes anything, and a wrong value would fail every verify() with a
    // TypeError instead of failing the cold start.
    try {
      assertIsJwks(options.jwks);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new VerifierConfigError(`jwks: not a JSON Web Key Set (${reason})`, { cause: error });
    }
    if (options.jwks.keys.length === 0) {
      throw new VerifierConfigError('jwks: has no keys, so every token would be refused');
    }
    jwt.cacheJwks(options.jwks);
  }

  const context: RefusalContext = { tokenUse, issuer, explain: options.emulator !== undefined };
  return {
    issuer,
    tokenUse,
    async hydrate() {
      // A JWKS given up front is the cache already; fetching would defeat its purpose.
      if (options.jwks !== undefined) return;
      try {
        await jwt.hydrate();
      } catch (error) {
        throw refusal(error, context);
      }
    },
    async verify(token) {
      let payload: JwtPayload;
      try {
        payload = await jwt.verify(token);
      } catch (error) {
        throw refusal(error, context, token);
      }
      return tenantContextFrom(payload, names);
    },
  };
}

/** A JWKS cache that only holds what it was given: it never fetches. */
class OfflineJwksCache extends SimpleJwksCache {
  override async getJwk(jwksUri: string, decomposedJwt: Parameters<SimpleJwksCache['getJwk']>[1]) {
    return this.getCachedJwk(jwksUri, decomposedJwt);
  }

  override async getJwks(jwksUri: string): Promise<Jwks> {
    throw new JwksNotAvailableInCacheError(`JWKS for ${jwksUri} was not given up front`);
  }
}

function cognitoVerifier(
  userPoolId: string,
  clientId: string[],
  tokenUse: TokenUse,
  graceSeconds: number,
  jwksCache: OfflineJwksCache | undefined,
): { issuer: string; jwt: JwtVerifierLike } {
  let issuer: string;
  try {
    issuer = CognitoJwtVerifier.parseUserPoolId(userPoolId).issuer;
  } catch (error) {
    throw new VerifierConfigError(
      /^local_/.test(userPoolId)
        ? `userPoolId: "${userPoolId}" is a local emulator's pool: give emulator: { endpoint } as well`
        : `userPoolId: "${userPoolId}" is not a user pool id`,
      { cause: error },
    );
  }
  const jwt = CognitoJwtVerifier.create(
    { userPoolId, clientId, tokenUse, graceSeconds },
    jwksCache === undefined ? undefined : { jwksCache },
  );
  return { issuer, jwt };
}

function emulatorVerifier(
  userPoolId: string,
  emulator: EmulatorOptions,
  clientId: string[],
  tokenUse: TokenUse,
  graceSeconds: number,
  offline: OfflineJwksCache | undefined,
): { issuer: string; jwt: JwtVerifierLike } {
  const endpoint = loopbackUrl('emulator.endpoint', emulator.endpoint).replace(/\/+$/, '');
  if (!/^[\w-]+_\w+$/.test(userPoolId)) {
    throw new VerifierConfigError(`userPoolId: "${userPoolId}" is not a user pool id`);
  }
  const issuer = `${endpoint}/${userPoolId}`;
  const jwksUri = loopbackUrl(
    'emulator.jwksUri',
    emulator.jwksUri ?? `${issuer}/.well-known/jwks.json`,
  );
  // aws-jwt-verify's own fetcher speaks HTTPS only; over an HTTP agent it fetches the
  // emulator's plain-HTTP JWKS and still parses and checks it itself.
  const fetcher = new SimpleFetcher({ defaultRequestOptions: { agent: new Agent() } });
  const jwt = JwtVerifier.create(
    {
      issuer,
      jwksUri,
      // An access token has no `aud`: Cognito's own check below reads `client_id` or `aud`.
      audience: null,
      graceSeconds,
      customJwtCheck: ({ payload }) => validateCognitoJwtFields(payload, { tokenUse, clientId }),
    },
    { jwksCache: offline ?? new SimpleJwksCache({ fetcher }) },
  );
  return { issuer, jwt };
}

function loopbackUrl(option: string, value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch (error) {
    throw new VerifierConfigError(`${option}: "${value}" is not a URL`, { cause: error });
  }
  const loopback =
    url.hostname === 'localhost' ||
    url.hostname === '[::1]' ||
    /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(url.hostname);
  if (url.protocol !== 'http:' || !loopback) {
    throw new VerifierConfigError(
      `${option}: "${value}" is not an http:// loopback URL; the emulator's signing key is public, never trust its tokens elsewhere`,
    );
  }
  return value;
}

interface RefusalContext {
  readonly tokenUse: TokenUse;
  readonly issuer: string;
  /** Name both issuers in a mismatch's message: only for the loopback emulator. */
  readonly explain: boolean;
}

/** The token's `iss`, when it reads as a plain URL (it may be anything a caller sent). */
function issuerOf(token: string | undefined): string | undefined {
  if (token === undefined) return undefined;
  try {
    const { iss } = decomposeUnverifiedJwt(token).payload;
    return typeof iss === 'string' && /^https?:\/\/[\w.:/[\]-]{1,200}$/.test(iss) ? iss : undefined;
  } catch {
    return undefined;
  }
}

/** aws-jwt-verify's error, as this package's typed error; the original stays as `cause`. */
function refusal(error: unknown, context: RefusalContext, token?: string): Error {
  const { tokenUse } = context;
  const cause = { cause: error };
  if (!(error instanceof JwtBaseError))
    return error instanceof Error ? error : new Error(String(error));
  if (error instanceof JwtExpiredError) return new TokenExpiredError(cause);
  if (error instanceof CognitoJwtInvalidTokenUseError)
    return new WrongTokenUseError(tokenUse, cause);
  if (error instanceof CognitoJwtInvalidClientIdError) return new WrongClientError(cause);
  if (error instanceof JwtNotBeforeError) {
    return new InvalidTokenError('TOKEN_NOT_YET_VALID', 'The token is not valid yet', cause);
  }
  // At verification time aws-jwt-verify raises a parameter error only when it finds no
  // configuration for the token's `iss`: CognitoJwtVerifier knows two issuer forms per pool
  // (regional and global) and looks the token's up among them.
  if (error instanceof JwtInvalidIssuerError || error instanceof ParameterValidationError) {
    return new IssuerMismatchError(context.issuer, issuerOf(token), {
      ...cause,
      explain: context.explain,
    });
  }
  if (
    error instanceof JwtInvalidSignatureError ||
    error instanceof JwtInvalidSignatureAlgorithmError
  ) {
    return new InvalidTokenError(
      'TOKEN_SIGNATURE_INVALID',
      'The token signature does not verify',
      cause,
    );
  }
  if (error instanceof KidNotFoundInJwksError || error instanceof WaitPeriodNotYetEndedJwkError) {
    return new InvalidTokenError(
      'TOKEN_KEY_UNKNOWN',
      'The token was signed with an unknown key',
      cause,
    );
  }
  if (error instanceof JwtParseError || error instanceof JwtWithoutValidKidError) {
    return new InvalidTokenError('TOKEN_MALFORMED', 'The token is not a well-formed JWT', cause);
  }
  if (
    error instanceof FetchError ||
    error instanceof JwksValidationError ||
    error instanceof JwkValidationError ||
    error instanceof JwkInvalidUseError ||
    error instanceof JwkInvalidKtyError ||
    error instanceof JwksNotAvailableInCacheError
  ) {
    return new JwksUnavailableError(
      'JWKS_UNAVAILABLE: The signing keys could not be loaded',
      cause,
    );
  }
  return new InvalidTokenError('TOKEN_INVALID', 'The token is not valid', cause);
}
