import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { TenantStoreError } from './errors.js';

/** A member's role in their tenant; the role's Cognito group is configured (`TENANT_*_GROUP`). */
export const TenantRole = {
  /** The tenant's first user. */
  Admin: 'admin',
  /** Everyone after. */
  Member: 'member',
} as const;
export type TenantRole = (typeof TenantRole)[keyof typeof TenantRole];

/** Whether a membership lets its user in: a removed one is a tombstone that nothing heals. */
export const MembershipStatus = {
  Active: 'active',
  /**
   * Removed by an operator or a tenant admin: kept, so that neither the token trigger's healing
   * nor `reconcile` puts the user back; only a new invitation does.
   */
  Removed: 'removed',
} as const;
export type MembershipStatus = (typeof MembershipStatus)[keyof typeof MembershipStatus];

/** Whether a tenant's users may sign in; the token trigger refuses a suspended tenant. */
export const TenantStatus = {
  Active: 'active',
  Suspended: 'suspended',
} as const;
export type TenantStatus = (typeof TenantStatus)[keyof typeof TenantStatus];

/**
 * A tenant id: lower-case letters, digits and hyphens, starting with a letter or digit, at most
 * 63 characters. Short enough for a token claim and a DNS label.
 */
export const TENANT_ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,62}$/;

/**
 * Whether `value` is a well-formed tenant id ({@link TENANT_ID_PATTERN}).
 *
 * @example
 * isTenantId('example-com-a379a6f6') // true
 */
export function isTenantId(value: string): boolean {
  return TENANT_ID_PATTERN.test(value);
}

/** The tenant item (`PK = TENANT#<id>`, `SK = TENANT`). */
export interface Tenant {
  readonly id: string;
  /** Display name; the email domain of the first user unless an operator changed it. */
  readonly name: string;
  /** The email domain (ASCII) the tenant was created from. */
  readonly domain: string;
  /** Commercial tier, `DEFAULT_TENANT_TIER` at creation. */
  readonly tier: string;
  readonly status: TenantStatus;
  /**
   * `sub` of the user who created the tenant by signing up (that user is its first admin), or
   * the operator who created it (`tenants create`).
   */
  readonly createdBy: string;
  /** ISO 8601. */
  readonly createdAt: string;
  /** The email domains the tenant claims (`DOMAIN#<domain>` items): their users join it. */
  readonly domains: readonly string[];
  /**
   * The `sub`s of its admins, kept on the tenant item so that "never the last admin" is one
   * conditional write. Always a subset of the memberships whose role is `admin` (an admin is
   * added here after the membership, removed before it): `reconcile` repairs a crash between.
   */
  readonly admins: readonly string[];
}

/** A membership item (`PK = USER#<sub>`, `SK = TENANT#<id>`). */
export interface Membership {
  readonly sub: string;
  readonly tenantId: string;
  readonly role: TenantRole;
  /** `removed` is a tombstone: the user is not a member, and nothing but an invitation undoes it. */
  readonly status: MembershipStatus;
  /** ISO 8601. */
  readonly joinedAt: string;
  /** ISO 8601 of the last role or status change, and who made it. */
  readonly updatedAt?: string | undefined;
  readonly updatedBy?: string | undefined;
}

/**
 * A domain claim (`PK = DOMAIN#<domain>`, `SK = DOMAIN`): the tenant whose users the domain's
 * verified addresses are, created by `tenants create --domain`. One tenant per domain.
 */
export interface DomainClaim {
  /** Lower-case ASCII (punycode). */
  readonly domain: string;
  readonly tenantId: string;
  readonly claimedBy: string;
  /** ISO 8601. */
  readonly claimedAt: string;
}

/** Where an invitation stands. Only a `pending` one, before it expires, lets its invitee in. */
export const InvitationStatus = {
  /** Written by an operator or a tenant admin; honoured at the invitee's first sign-in. */
  Pending: 'pending',
  /** The invitee's membership was made from it. */
  Accepted: 'accepted',
  /** Withdrawn before it was used: it lets nobody in. */
  Revoked: 'revoked',
} as const;
export type InvitationStatus = (typeof InvitationStatus)[keyof typeof InvitationStatus];

/**
 * An invitation item (`PK = USER#<sub>`, `SK = INVITE#<tenantId>`): the proof that lets a user
 * created by an administrator into a tenant, whatever their email says at their first sign-in
 * (an invitee may change a writable `email` in the new-password challenge). It is bound to the
 * Cognito user (`sub`) the invitation created, never looked up by the email the event carries.
 */
export interface Invitation {
  readonly sub: string;
  readonly tenantId: string;
  readonly role: TenantRole;
  /** The address invited, lower-case: a record for operators, never a key. */
  readonly email: string;
  /** Who invited: an operator's name or an admin's `sub`. */
  readonly invitedBy: string;
  readonly status: InvitationStatus;
  /** ISO 8601. */
  readonly createdAt: string;
  /** ISO 8601: a pending invitation past this instant lets nobody in. */
  readonly expiresAt: string;
  /** ISO 8601, once accepted. */
  readonly acceptedAt?: string | undefined;
}

/** Item types, in the `type` attribute of every item (handy in a scan or an export). */
export const ItemType = {
  Tenant: 'tenant',
  Membership: 'membership',
  Invitation: 'invitation',
  Domain: 'domain',
} as const;

type Item = Record<string, AttributeValue>;

export const tenantPk = (tenantId: string) => `TENANT#${tenantId}`;
export const userPk = (sub: string) => `USER#${sub}`;
export const invitePrefix = (tenantId: string) => `INVITE#${tenantId}`;
export const domainPk = (domain: string) => `DOMAIN#${domain}`;
export const TENANT_SK = 'TENANT';
export const DOMAIN_SK = 'DOMAIN';

/**
 * The key of a tenant item.
 *
 * @example
 * tenantKey('acme') // { PK: { S: 'TENANT#acme' }, SK: { S: 'TENANT' } }
 */
export function tenantKey(tenantId: string): Item {
  return { PK: { S: tenantPk(tenantId) }, SK: { S: TENANT_SK } };
}

/**
 * The key of a membership item.
 *
 * @example
 * membershipKey(sub, 'acme') // { PK: { S: `USER#${sub}` }, SK: { S: 'TENANT#acme' } }
 */
export function membershipKey(sub: string, tenantId: string): Item {
  return { PK: { S: userPk(sub) }, SK: { S: tenantPk(tenantId) } };
}

/**
 * The key of an invitation item.
 *
 * @example
 * invitationKey(sub, 'acme') // { PK: { S: `USER#${sub}` }, SK: { S: 'INVITE#acme' } }
 */
export function invitationKey(sub: string, tenantId: string): Item {
  return { PK: { S: userPk(sub) }, SK: { S: invitePrefix(tenantId) } };
}

/**
 * The key of a domain claim.
 *
 * @example
 * domainKey('acme.example') // { PK: { S: 'DOMAIN#acme.example' }, SK: { S: 'DOMAIN' } }
 */
export function domainKey(domain: string): Item {
  return { PK: { S: domainPk(domain) }, SK: { S: DOMAIN_SK } };
}

/** Reads a tenant item; throws {@link TenantStoreError} naming the key and the attribute. */
export function tenantFromItem(item: Item): Tenant {
  const read = reader(item);
  return {
    id: read('tenantId'),
    name: read('name'),
    domain: read('domain'),
    tier: read('tier'),
    status: read('status', Object.values(TenantStatus)),
    createdBy: read('createdBy'),
    createdAt: read('createdAt'),
    domains: [...(item.domains?.SS ?? [])].sort(),
    admins: Object.keys(item.admins?.M ?? {}).sort(),
  };
}

/** Reads a membership item; throws {@link TenantStoreError} naming the key and the attribute. */
export function membershipFromItem(item: Item): Membership {
  const read = reader(item);
  const updatedAt = item.updatedAt?.S;
  const updatedBy = item.updatedBy?.S;
  return {
    sub: read('sub'),
    tenantId: read('tenantId'),
    role: read('role', Object.values(TenantRole)),
    // Items written before memberships had a status are active.
    status:
      item.status === undefined
        ? MembershipStatus.Active
        : read('status', Object.values(MembershipStatus)),
    joinedAt: read('joinedAt'),
    ...(updatedAt === undefined ? {} : { updatedAt }),
    ...(updatedBy === undefined ? {} : { updatedBy }),
  };
}

/** Reads a domain claim; throws {@link TenantStoreError} naming the key and the attribute. */
export function domainClaimFromItem(item: Item): DomainClaim {
  const read = reader(item);
  return {
    domain: read('domain'),
    tenantId: read('tenantId'),
    claimedBy: read('claimedBy'),
    claimedAt: read('claimedAt'),
  };
}

/** Reads an invitation item; throws {@link TenantStoreError} naming the key and the attribute. */
export function invitationFromItem(item: Item): Invitation {
  const read = reader(item);
  const acceptedAt = item.acceptedAt?.S;
  return {
    sub: read('sub'),
    tenantId: read('tenantId'),
    role: read('role', Object.values(TenantRole)),
    email: read('email'),
    invitedBy: read('invitedBy'),
    status: read('status', Object.values(InvitationStatus)),
    createdAt: read('createdAt'),
    expiresAt: read('expiresAt'),
    ...(acceptedAt === undefined ? {} : { acceptedAt }),
  };
}

function reader(item: Item) {
  const where = `${item.PK?.S ?? '?'} / ${item.SK?.S ?? '?'}`;
  return <T extends string = string>(name: string, allowed?: readonly T[]): T => {
    const value = item[name]?.S;
    if (value === undefined) {
      throw new TenantStoreError(`item ${where}: attribute "${name}" is missing or not a string`);
    }
    if (allowed !== undefined && !(allowed as readonly string[]).includes(value)) {
      throw new TenantStoreError(
        `item ${where}: attribute "${name}" is "${value}", expected one of ${allowed.join(', ')}`,
      );
    }
    return value as T;
  };
}
