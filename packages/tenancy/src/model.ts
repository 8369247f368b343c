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
  /** `sub` of the user who created the tenant: that user is its admin. */
  readonly createdBy: string;
  /** ISO 8601. */
  readonly createdAt: string;
}

/** A membership item (`PK = USER#<sub>`, `SK = TENANT#<id>`). */
export interface Membership {
  readonly sub: string;
  readonly tenantId: string;
  readonly role: TenantRole;
  /** ISO 8601. */
  readonly joinedAt: string;
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
} as const;

type Item = Record<string, AttributeValue>;

export const tenantPk = (tenantId: string) => `TENANT#${tenantId}`;
export const userPk = (sub: string) => `USER#${sub}`;
export const invitePrefix = (tenantId: string) => `INVITE#${tenantId}`;
export const TENANT_SK = 'TENANT';

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
  };
}

/** Reads a membership item; throws {@link TenantStoreError} naming the key and the attribute. */
export function membershipFromItem(item: Item): Membership {
  const read = reader(item);
  return {
    sub: read('sub'),
    tenantId: read('tenantId'),
    role: read('role', Object.values(TenantRole)),
    joinedAt: read('joinedAt'),
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
