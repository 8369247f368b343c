import {
  type GroupConfiguration,
  type GroupOverrideDetails,
  isReservedClaim,
  type JsonValue,
} from '@cognito-triggers/events';

/** What the token should say about the user's tenant. */
export interface TenantClaims {
  readonly tenantId: string;
  readonly role: string;
  readonly tier?: string | undefined;
}

/** The names of the claims this trigger writes, configurable (`CLAIM_TENANT_*`). */
export interface ClaimNames {
  readonly tenantId: string;
  readonly role: string;
  readonly tier: string;
  /** Says why a token has no tenant claims (`invitation-required`, `removed`, …). */
  readonly status: string;
}

export interface ClaimsPolicy {
  readonly names: ClaimNames;
  /** Role → scopes added to the access token (versions 2 and 3). */
  readonly roleScopes: Readonly<Record<string, readonly string[]>>;
  /** Claims removed from both tokens; never a reserved claim (checked at cold start). */
  readonly claimsToSuppress: readonly string[];
  /** Bytes the added claims and the groups may take in a token (JSON). */
  readonly byteBudget: number;
  /** Role → the Cognito group that stands for it (`tenant-admin`, `tenant-member`). */
  readonly roleGroups: Readonly<Record<string, string>>;
}

/** Marks a token whose group list was cut to fit the byte budget. */
export const GROUPS_TRUNCATED_CLAIM = 'groups_truncated';

/** The claims, groups and scopes for one token pair: version-neutral, then shaped per version. */
export interface TokenPlan {
  readonly claims: Readonly<Record<string, string>>;
  /** Absent: the groups stay as Cognito computes them. */
  readonly groups?: GroupOverrideDetails | undefined;
  readonly scopesToAdd: readonly string[];
  /**
   * The other roles' scopes (`ROLE_SCOPES`), taken out of the access token: an app client that
   * allows them would otherwise give them to anyone who asks for them.
   */
  readonly scopesToSuppress: readonly string[];
  readonly claimsToSuppress: readonly string[];
  /** Groups left out to stay within the byte budget, for the log. */
  readonly droppedGroups: number;
  /** Whether the tier claim was left out to stay within the byte budget. */
  readonly droppedTier: boolean;
}

/** The plan of a user with a tenant: its groups are always set (exactly one role group). */
export interface TenantTokenPlan extends TokenPlan {
  readonly groups: GroupOverrideDetails;
}

/**
 * Plans the tokens of a user with a tenant.
 *
 * Groups start from `request.groupConfiguration`: `groupOverrideDetails` replaces the whole
 * object, so anything not copied is lost. Every group the user has is kept but the role groups:
 * exactly one role group is left, the group of the role the store holds (a stale role group
 * from before a role change never reaches a token).
 *
 * Overflow policy: the added claims and the groups must fit `byteBudget` bytes of JSON. Past
 * it, the tier claim goes first, then groups other than the role group, from the end of the
 * list, and `groups_truncated: "true"` says that the list is incomplete. The tenant id, the
 * role and the role group are never dropped.
 */
export function planTokens(
  tenant: TenantClaims,
  current: GroupConfiguration | null | undefined,
  policy: ClaimsPolicy,
): TenantTokenPlan {
  const claims: Record<string, string> = {
    [policy.names.tenantId]: tenant.tenantId,
    [policy.names.role]: tenant.role,
  };
  if (tenant.tier !== undefined) claims[policy.names.tier] = tenant.tier;

  const roleGroup = policy.roleGroups[tenant.role];
  const required = roleGroup === undefined ? [] : [roleGroup];
  const roleGroups = new Set(Object.values(policy.roleGroups));
  const optional = unique(current?.groupsToOverride ?? []).filter(
    (group) => !roleGroups.has(group),
  );

  const fits = () => jsonBytes({ claims, groups: [...optional, ...required] }) <= policy.byteBudget;
  let droppedTier = false;
  if (!fits() && policy.names.tier in claims) {
    delete claims[policy.names.tier];
    droppedTier = true;
  }
  let droppedGroups = 0;
  while (optional.length > 0 && !fits()) {
    // The marker takes bytes too: set it before measuring again.
    claims[GROUPS_TRUNCATED_CLAIM] = 'true';
    optional.pop();
    droppedGroups += 1;
  }

  const groups = carry({ groupsToOverride: [...optional, ...required] }, current);

  return {
    claims,
    groups,
    scopesToAdd: [...(policy.roleScopes[tenant.role] ?? [])],
    scopesToSuppress: scopesNotOf(tenant.role, policy),
    claimsToSuppress: policy.claimsToSuppress.filter((name) => !(name in claims)),
    droppedGroups,
    droppedTier,
  };
}

/**
 * Plans the tokens of a user without a tenant: a `status` claim saying why (so that an app can
 * tell "ask for an invitation" from "verify your email"), and the user's groups without any role
 * group (a role group left over from a removal never reaches a token). The groups are replaced
 * only when there is a role group to take out.
 */
export function planWithoutTenant(
  reason: string,
  current: GroupConfiguration | null | undefined,
  policy: ClaimsPolicy,
): TokenPlan {
  const roleGroups = new Set(Object.values(policy.roleGroups));
  const groups = unique(current?.groupsToOverride ?? []);
  const kept = groups.filter((group) => !roleGroups.has(group));
  const overrides: GroupOverrideDetails | undefined =
    kept.length === groups.length ? undefined : carry({ groupsToOverride: kept }, current);
  return {
    claims: { [policy.names.status]: reason },
    ...(overrides === undefined ? {} : { groups: overrides }),
    scopesToAdd: [],
    scopesToSuppress: scopesNotOf(undefined, policy),
    claimsToSuppress: policy.claimsToSuppress.filter((name) => name !== policy.names.status),
    droppedGroups: 0,
    droppedTier: false,
  };
}

/** Every role's scopes that `role` (none: no tenant) does not have. */
function scopesNotOf(role: string | undefined, policy: ClaimsPolicy): string[] {
  const own = (role === undefined ? undefined : policy.roleScopes[role]) ?? [];
  return unique(Object.values(policy.roleScopes).flat()).filter((scope) => !own.includes(scope));
}

function carry(
  groups: GroupOverrideDetails,
  current: GroupConfiguration | null | undefined,
): GroupOverrideDetails {
  if (current?.iamRolesToOverride) groups.iamRolesToOverride = [...current.iamRolesToOverride];
  const preferredRole = Array.isArray(current?.preferredRole)
    ? current.preferredRole[0]
    : current?.preferredRole;
  if (typeof preferredRole === 'string' && preferredRole.length > 0) {
    groups.preferredRole = preferredRole;
  }
  return groups;
}

/** Version 1: strings only, ID token only. */
export function toV1Response(plan: TokenPlan) {
  return {
    claimsOverrideDetails: {
      claimsToAddOrOverride: { ...plan.claims },
      ...listed('claimsToSuppress', plan.claimsToSuppress),
      ...(plan.groups === undefined ? {} : { groupOverrideDetails: plan.groups }),
    },
  };
}

/**
 * Versions 2 and 3: the same claims in the ID and the access token, the role's scopes added to
 * the access token and the other roles' taken out. Values stay strings so that V1 and V2 tokens
 * read alike to an API.
 */
export function toV2Response(plan: TokenPlan) {
  const suppress = listed('claimsToSuppress', plan.claimsToSuppress);
  const claims: Record<string, JsonValue> = { ...plan.claims };
  return {
    claimsAndScopeOverrideDetails: {
      idTokenGeneration: { claimsToAddOrOverride: { ...claims }, ...suppress },
      accessTokenGeneration: {
        claimsToAddOrOverride: { ...claims },
        ...suppress,
        ...listed('scopesToAdd', plan.scopesToAdd),
        ...listed('scopesToSuppress', plan.scopesToSuppress),
      },
      ...(plan.groups === undefined ? {} : { groupOverrideDetails: plan.groups }),
    },
  };
}

/** `{ [key]: a copy of values }`, or nothing for no values: Cognito gets no empty lists. */
function listed<K extends string>(key: K, values: readonly string[]): { [P in K]?: string[] } {
  return values.length > 0 ? ({ [key]: [...values] } as { [P in K]: string[] }) : {};
}

/** Refuses a configuration that names a reserved claim; run at cold start. */
export function assertNoReservedClaims(names: readonly string[]): void {
  const reserved = names.filter(isReservedClaim);
  if (reserved.length > 0) {
    throw new Error(`names Cognito's reserved claim(s) ${reserved.join(', ')}`);
  }
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}

function jsonBytes(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value));
}
