import type { JsonValue } from '@cognito-triggers/events';
import { InvalidTokenError, MissingTenantClaimError, VerifierConfigError } from './errors.js';

/** The kind of token: `token_use` of a Cognito token. */
export type TokenUse = 'access' | 'id';

/**
 * The names of the tenant claims, as the pre token generation trigger writes them
 * (its `CLAIM_TENANT_ID`, `CLAIM_TENANT_ROLE`, `CLAIM_TENANT_TIER`, `CLAIM_TENANT_STATUS`).
 */
export interface TenantClaimNames {
  readonly tenantId: string;
  readonly tenantRole: string;
  readonly tenantTier: string;
  /** The claim of a token without a tenant that says why (`invitation-required`, …). */
  readonly tenantStatus: string;
}

/** The trigger's defaults: `tenant_id`, `tenant_role`, `tenant_tier`, `tenant_status`. */
export const DEFAULT_CLAIM_NAMES: TenantClaimNames = {
  tenantId: 'tenant_id',
  tenantRole: 'tenant_role',
  tenantTier: 'tenant_tier',
  tenantStatus: 'tenant_status',
};

/**
 * What a verified token says about its holder: the tenant and role the pre token generation
 * trigger put in it, and the standard Cognito claims an API needs.
 */
export interface TenantContext {
  readonly tenantId: string;
  /** `admin` or `member` with the suite's defaults; `service` for a machine token. */
  readonly tenantRole: string;
  /** Absent when the trigger runs without the tenant store, or dropped it to fit the byte budget. */
  readonly tenantTier?: string;
  /** `cognito:groups`; empty when the user is in none. */
  readonly groups: readonly string[];
  /** The access token's `scope`, split; always empty for an ID token. */
  readonly scopes: readonly string[];
  /** The user's `sub`; for a machine token, the app client's id. */
  readonly sub: string;
  /**
   * `username` (access token) or `cognito:username` (ID token). Absent for a machine-to-machine
   * token (the client-credentials grant), which has no user: `sub` is then the app client.
   */
  readonly username?: string;
  /** `client_id` (access token) or `aud` (ID token). */
  readonly clientId: string;
  readonly tokenUse: TokenUse;
  /** `exp`, in seconds since the epoch. */
  readonly expiresAt: number;
  /** Every claim of the token, as verified. */
  readonly claims: Readonly<Record<string, JsonValue>>;
}

const CLAIM_NAME = /^[A-Za-z_][\w:.-]{0,63}$/;

/** Where each name is read from, as the pre token generation trigger reads it. */
const CLAIM_NAME_VARIABLES = {
  tenantId: 'CLAIM_TENANT_ID',
  tenantRole: 'CLAIM_TENANT_ROLE',
  tenantTier: 'CLAIM_TENANT_TIER',
  tenantStatus: 'CLAIM_TENANT_STATUS',
} as const satisfies Record<keyof TenantClaimNames, string>;

function checkedName(where: string, name: string): string {
  if (!CLAIM_NAME.test(name))
    throw new VerifierConfigError(`${where}: "${name}" is not a claim name`);
  return name;
}

/**
 * Claim names, each given one checked and the rest defaulted.
 *
 * @throws {VerifierConfigError} for a name the trigger would refuse too.
 */
export function resolveClaimNames(names: Partial<TenantClaimNames> = {}): TenantClaimNames {
  return {
    tenantId: checkedName('claimNames.tenantId', names.tenantId ?? DEFAULT_CLAIM_NAMES.tenantId),
    tenantRole: checkedName(
      'claimNames.tenantRole',
      names.tenantRole ?? DEFAULT_CLAIM_NAMES.tenantRole,
    ),
    tenantTier: checkedName(
      'claimNames.tenantTier',
      names.tenantTier ?? DEFAULT_CLAIM_NAMES.tenantTier,
    ),
    tenantStatus: checkedName(
      'claimNames.tenantStatus',
      names.tenantStatus ?? DEFAULT_CLAIM_NAMES.tenantStatus,
    ),
  };
}

/**
 * The claim names from the same environment variables the pre token generation trigger reads
 * (`CLAIM_TENANT_ID`, `CLAIM_TENANT_ROLE`, `CLAIM_TENANT_TIER`, `CLAIM_TENANT_STATUS`), so that an API deployed from
 * the same `terraform.tfvars.json` (`claim_names`) agrees with it. Unset variables keep the
 * defaults.
 *
 * @throws {VerifierConfigError} naming the variable whose value is not a claim name.
 * @example
 * ```ts
 * const verifier = createTenantVerifier({
 *   userPoolId: 'eu-west-1_AbC123',
 *   clientId: '4e1oo8l3bq6e8d0q7p6l2k5m9s',
 *   claimNames: claimNamesFromEnvironment(),
 * });
 * ```
 */
export function claimNamesFromEnvironment(
  environment: Readonly<Record<string, string | undefined>> = process.env,
): TenantClaimNames {
  const names: { -readonly [K in keyof TenantClaimNames]: string } = { ...DEFAULT_CLAIM_NAMES };
  for (const key of Object.keys(CLAIM_NAME_VARIABLES) as (keyof TenantClaimNames)[]) {
    const variable = CLAIM_NAME_VARIABLES[key];
    const value = environment[variable]?.trim();
    if (value !== undefined && value !== '') names[key] = checkedName(variable, value);
  }
  return names;
}

/**
 * The tenant context of a payload that `aws-jwt-verify` has already verified (signature,
 * issuer, expiry, client, `token_use`).
 *
 * @throws {MissingTenantClaimError} without a non-empty tenant id or role claim; its
 *   `tenantStatus` says why when the trigger said (`invitation-required`, `removed`, …).
 */
export function tenantContextFrom(
  payload: Readonly<Record<string, unknown>>,
  names: TenantClaimNames,
): TenantContext {
  const claims = jsonClaims(payload);
  const tokenUse = claims.token_use;
  if (tokenUse !== 'access' && tokenUse !== 'id') {
    throw new InvalidTokenError('TOKEN_MALFORMED', 'The token has no valid token_use');
  }
  const tenantStatus = nonEmptyString(claims[names.tenantStatus]);
  const tenantId = nonEmptyString(claims[names.tenantId]);
  if (tenantId === undefined) throw new MissingTenantClaimError(names.tenantId, { tenantStatus });
  const tenantRole = nonEmptyString(claims[names.tenantRole]);
  if (tenantRole === undefined) {
    throw new MissingTenantClaimError(names.tenantRole, { tenantStatus });
  }
  const tenantTier = nonEmptyString(claims[names.tenantTier]);

  const sub = nonEmptyString(claims.sub);
  const expiresAt = claims.exp;
  const username = nonEmptyString(
    tokenUse === 'access' ? claims.username : claims['cognito:username'],
  );
  const clientId = nonEmptyString(tokenUse === 'access' ? claims.client_id : claims.aud);
  // A client-credentials token has no user: its subject is the app client itself.
  const machine = tokenUse === 'access' && username === undefined && sub === clientId;
  // Cognito always writes these; a token without them is not one of its tokens.
  if (
    sub === undefined ||
    typeof expiresAt !== 'number' ||
    (username === undefined && !machine) ||
    clientId === undefined
  ) {
    throw new InvalidTokenError('TOKEN_MALFORMED', 'The token lacks a standard Cognito claim');
  }

  const groups = claims['cognito:groups'];
  const scope = claims.scope;
  return {
    tenantId,
    tenantRole,
    ...(tenantTier === undefined ? {} : { tenantTier }),
    groups: Array.isArray(groups) ? groups.filter((group) => typeof group === 'string') : [],
    scopes:
      tokenUse === 'access' && typeof scope === 'string'
        ? scope.split(' ').filter((item) => item.length > 0)
        : [],
    sub,
    ...(username === undefined ? {} : { username }),
    clientId,
    tokenUse,
    expiresAt,
    claims,
  };
}

function nonEmptyString(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/** The payload as JSON values: a parsed JWT payload holds nothing else, but its type allows `undefined`. */
function jsonClaims(payload: Readonly<Record<string, unknown>>): Record<string, JsonValue> {
  const claims: Record<string, JsonValue> = {};
  for (const [name, value] of Object.entries(payload)) {
    if (value !== undefined) claims[name] = value as JsonValue;
  }
  return Object.freeze(claims);
}
