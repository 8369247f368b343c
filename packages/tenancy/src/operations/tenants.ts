import { normaliseDomain } from '@cognito-triggers/events';
import { PERSONAL_TENANT_PREFIX } from '../config.js';
import { TenancyError, TenancyErrorCode } from '../errors.js';
import {
  type Invitation,
  isTenantId,
  type Membership,
  type Tenant,
  TenantStatus,
} from '../model.js';
import type { OperationContext, OperationDependencies } from './context.js';
import { OperationError, OperationErrorCode } from './errors.js';
import { type InviteResult, inviteMember } from './invite.js';
import type { PoolUser } from './pool.js';

const TIER = /^[a-z0-9][a-z0-9_-]{0,31}$/;

export interface CreateTenantRequest {
  readonly tenantId: string;
  readonly name: string;
  /** Email domains the tenant claims: their verified users join it (as enrollment allows). */
  readonly domains?: readonly string[] | undefined;
  readonly tier?: string | undefined;
  /** An address to invite as the tenant's first admin. */
  readonly adminEmail?: string | undefined;
}

/** What creating a tenant did. */
export interface TenantCreation {
  readonly tenant: Tenant;
  /** False when the tenant existed already (then only what was missing was added). */
  readonly created: boolean;
  /** The domains this call claimed (claims it held already are not listed). */
  readonly claimedDomains: readonly string[];
  readonly admin?: InviteResult | undefined;
}

/**
 * Creates a tenant, claims its domains, and invites its first admin. Everything is checked
 * before anything is written (the id, the name, each domain, that no other tenant claims one);
 * when a later step fails (a domain claimed meanwhile, the pool refusing the admin's address),
 * what this call wrote is undone, so a retry starts clean. Running it again for an existing
 * tenant adds what is missing.
 *
 * @throws {OperationError} `INVALID_INPUT`, `DOMAIN_TAKEN`, `INVITE_REFUSED`, …
 */
export async function createTenant(
  dependencies: OperationDependencies,
  context: OperationContext,
  request: CreateTenantRequest,
): Promise<TenantCreation> {
  const { store } = dependencies;
  const { signal } = context;
  if (!isTenantId(request.tenantId) || request.tenantId.startsWith(PERSONAL_TENANT_PREFIX)) {
    throw new OperationError(
      OperationErrorCode.InvalidInput,
      `"${request.tenantId}" is not a tenant id (lower-case letters, digits and hyphens, at most 63, not starting with "${PERSONAL_TENANT_PREFIX}")`,
    );
  }
  const name = request.name.trim();
  if (name.length === 0 || name.length > 128) {
    throw new OperationError(
      OperationErrorCode.InvalidInput,
      'a tenant name has 1 to 128 characters',
    );
  }
  const tier = request.tier ?? 'free';
  if (!TIER.test(tier)) {
    throw new OperationError(OperationErrorCode.InvalidInput, `"${tier}" is not a tier name`);
  }
  const domains = [...new Set((request.domains ?? []).map((domain) => normalised(domain)))];
  for (const domain of domains) {
    const claim = await store.getDomainClaim(domain, { signal });
    if (claim !== undefined && claim.tenantId !== request.tenantId) {
      throw new OperationError(
        OperationErrorCode.DomainTaken,
        `${domain} is claimed by tenant "${claim.tenantId}"`,
      );
    }
  }

  const { tenant, created } = await store.createTenant(
    { tenantId: request.tenantId, name, tier, createdBy: context.actor },
    { signal },
  );
  const claimedDomains: string[] = [];
  const undo = async () => {
    for (const domain of claimedDomains) await store.releaseDomain(domain, tenant.id, { signal });
    if (created) await store.deleteTenantWithoutAdmins(tenant.id, { signal });
  };
  try {
    for (const domain of domains) {
      const { created: claimed } = await store.claimDomain(domain, tenant.id, context.actor, {
        signal,
      });
      if (claimed) claimedDomains.push(domain);
    }
    const admin =
      request.adminEmail === undefined
        ? undefined
        : await inviteMember(dependencies, context, {
            tenantId: tenant.id,
            email: request.adminEmail,
            role: 'admin',
          });
    const stored = (await store.getTenant(tenant.id, { signal })) ?? tenant;
    return { tenant: stored, created, claimedDomains, admin };
  } catch (error) {
    await undo();
    if (error instanceof TenancyError && error.code === TenancyErrorCode.DomainTaken) {
      throw new OperationError(OperationErrorCode.DomainTaken, error.message, { cause: error });
    }
    throw error;
  }
}

/** Every tenant of the store, sorted by id. */
export async function listTenants(
  dependencies: Pick<OperationDependencies, 'store'>,
  context: Pick<OperationContext, 'signal'> = {},
): Promise<Tenant[]> {
  return dependencies.store.listTenants({ signal: context.signal });
}

/** A tenant with its members (their pool users, when found) and invitations. */
export interface TenantDescription {
  readonly tenant: Tenant;
  readonly members: readonly {
    readonly membership: Membership;
    readonly user: PoolUser | undefined;
  }[];
  readonly invitations: readonly Invitation[];
}

/**
 * A tenant, its members with their email (looked up in the pool by `sub`, a few at a time) and
 * its invitations.
 *
 * @throws {OperationError} `TENANT_NOT_FOUND`.
 */
export async function describeTenant(
  dependencies: OperationDependencies,
  context: OperationContext,
  tenantId: string,
): Promise<TenantDescription> {
  const { store, pool } = dependencies;
  const { signal } = context;
  const tenant = await store.getTenant(tenantId, { signal });
  if (tenant === undefined) {
    throw new OperationError(OperationErrorCode.TenantNotFound, `no tenant "${tenantId}"`);
  }
  const [memberships, invitations] = await Promise.all([
    store.listMembers(tenant.id, { signal }),
    store.listInvitations(tenant.id, { signal }),
  ]);
  const members: TenantDescription['members'][number][] = [];
  for (let start = 0; start < memberships.length; start += 4) {
    const batch = memberships.slice(start, start + 4);
    members.push(
      ...(await Promise.all(
        batch.map(async (membership) => {
          const [user] = await pool.findUsers(
            context.userPoolId,
            { sub: membership.sub },
            { signal },
          );
          return { membership, user };
        }),
      )),
    );
  }
  return { tenant, members, invitations };
}

/**
 * Suspends a tenant: its members are refused at sign-in (pre authentication) and at refresh
 * (pre token generation), within the token cache's TTL for warm functions.
 *
 * @throws {OperationError} `TENANT_NOT_FOUND`.
 */
export async function suspendTenant(
  dependencies: Pick<OperationDependencies, 'store'>,
  context: Pick<OperationContext, 'signal'>,
  tenantId: string,
): Promise<Tenant> {
  return setStatus(dependencies, context, tenantId, TenantStatus.Suspended);
}

/** Resumes a suspended tenant. @throws {OperationError} `TENANT_NOT_FOUND`. */
export async function resumeTenant(
  dependencies: Pick<OperationDependencies, 'store'>,
  context: Pick<OperationContext, 'signal'>,
  tenantId: string,
): Promise<Tenant> {
  return setStatus(dependencies, context, tenantId, TenantStatus.Active);
}

async function setStatus(
  dependencies: Pick<OperationDependencies, 'store'>,
  context: Pick<OperationContext, 'signal'>,
  tenantId: string,
  status: TenantStatus,
): Promise<Tenant> {
  try {
    return await dependencies.store.setTenantStatus(tenantId, status, { signal: context.signal });
  } catch (error) {
    if (error instanceof TenancyError && error.code === TenancyErrorCode.TenantNotFound) {
      throw new OperationError(OperationErrorCode.TenantNotFound, `no tenant "${tenantId}"`, {
        cause: error,
      });
    }
    throw error;
  }
}

function normalised(domain: string): string {
  const value = normaliseDomain(domain.trim());
  if (value === undefined) {
    throw new OperationError(
      OperationErrorCode.InvalidInput,
      `"${domain}" is not a domain (expected "example.com")`,
    );
  }
  return value;
}
