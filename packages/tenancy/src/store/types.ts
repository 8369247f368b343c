import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Invitation, Membership, Tenant, TenantRole, TenantStatus } from '../model.js';

/** Options every store call takes: the trigger's deadline signal. */
export interface CallOptions {
  readonly signal?: AbortSignal | undefined;
}

export interface EnsureTenantInput {
  readonly tenantId: string;
  readonly name: string;
  readonly domain: string;
  readonly tier: string;
  /** `sub` of the user provisioning now: recorded only if the tenant is new. */
  readonly createdBy: string;
}

export interface EnsureMembershipInput {
  readonly sub: string;
  readonly tenantId: string;
  /** Recorded only if the membership is new: an existing role is never changed. */
  readonly role: TenantRole;
}

/** A user's membership and its tenant, as the token trigger reads them. */
export interface TenantMembership {
  readonly membership: Membership;
  readonly tenant: Tenant;
}

/** What the store holds about one user, as the token trigger's healing path reads it. */
export interface UserRecord {
  /** The user's membership and its tenant, as {@link TenantStore.lookup} finds it. */
  readonly current: TenantMembership | undefined;
  /**
   * The user's invitations, whatever their status; read only when the user has no membership
   * (otherwise empty): they are what may let such a user in.
   */
  readonly invitations: readonly Invitation[];
}

export interface CreateInvitationInput {
  /** The Cognito user the invitation is for (created by `AdminCreateUser`). */
  readonly sub: string;
  readonly tenantId: string;
  readonly role: TenantRole;
  /** The address invited; stored lower-case, for operators. */
  readonly email: string;
  /** Who invited: an operator's name or an admin's `sub`. */
  readonly invitedBy: string;
  /** When it stops letting its invitee in. */
  readonly expiresAt: Date;
}

/**
 * The tenant store: one DynamoDB table (see the README for the data model). Every write is a
 * single-item `UpdateItem` whose attributes are set with `if_not_exists`, so a retry, a crash
 * half-way or fifty concurrent first users all converge on one state, without transactions.
 */
export interface TenantStore {
  readonly tableName: string;
  /**
   * The user's membership and tenant, or `undefined` if either is missing. With a hint (the
   * user's `custom:tenant_id`) one `BatchGetItem` reads both; without one, or when the hinted
   * membership does not exist, a `Query` of the user's memberships (the oldest wins) and a
   * `GetItem` of its tenant. Strongly consistent reads: a suspension applies at once.
   */
  lookup(
    sub: string,
    options?: CallOptions & { readonly tenantIdHint?: string | undefined },
  ): Promise<TenantMembership | undefined>;
  /**
   * Creates the tenant unless it exists, in one round trip either way. The stored tenant is
   * returned: `createdBy` names its creator, whoever won a race. `created` is true for the
   * call that created it.
   */
  ensureTenant(
    input: EnsureTenantInput,
    options?: CallOptions,
  ): Promise<{ readonly tenant: Tenant; readonly created: boolean }>;
  /** Creates the membership unless it exists; an existing role is kept. One round trip. */
  ensureMembership(
    input: EnsureMembershipInput,
    options?: CallOptions,
  ): Promise<{ readonly membership: Membership; readonly created: boolean }>;
  /**
   * Like {@link lookup}, and when the user has no membership, also their invitations: the same
   * one `Query` of the user's items, so a user without a tenant costs no extra round trip.
   */
  lookupUser(
    sub: string,
    options?: CallOptions & { readonly tenantIdHint?: string | undefined },
  ): Promise<UserRecord>;
  /** The tenant item, strongly consistent; `undefined` when it does not exist. One round trip. */
  getTenant(tenantId: string, options?: CallOptions): Promise<Tenant | undefined>;
  /**
   * Records an invitation of a Cognito user into a tenant with a role. Writing it again while it
   * is pending replaces role, inviter and expiry (an invitation sent anew); an invitation already
   * accepted is left alone and refused (`TENANT_INVITATION_INVALID`): change the membership
   * instead. One round trip.
   */
  createInvitation(input: CreateInvitationInput, options?: CallOptions): Promise<Invitation>;
  /**
   * Marks a pending, unexpired invitation accepted (its membership is being made), in one
   * conditional write that races safely with a revocation: a revoked or expired invitation is
   * refused with `TENANT_INVITATION_INVALID`. Accepting an accepted one again succeeds (a retry
   * after a crash).
   */
  acceptInvitation(sub: string, tenantId: string, options?: CallOptions): Promise<Invitation>;
  /** Revokes a pending invitation; one already accepted is refused (`TENANT_INVITATION_INVALID`). */
  revokeInvitation(sub: string, tenantId: string, options?: CallOptions): Promise<Invitation>;
  /** Every invitation into a tenant, through `GSI1` (eventually consistent). */
  listInvitations(tenantId: string, options?: CallOptions): Promise<Invitation[]>;
  /** Suspends or reactivates a tenant. Throws `TENANT_NOT_FOUND` for an unknown tenant. */
  setTenantStatus(tenantId: string, status: TenantStatus, options?: CallOptions): Promise<Tenant>;
  /** Every membership of a tenant, through the inverted index `GSI1` (eventually consistent). */
  listMembers(tenantId: string, options?: CallOptions): Promise<Membership[]>;
}

/**
 * The writes of the store alone: what provisioning by email needs, and the only half the post
 * confirmation function bundles (one DynamoDB command, `UpdateItem`, so its IAM policy grants
 * nothing else).
 */
export type TenantWriter = Pick<
  TenantStore,
  | 'tableName'
  | 'ensureTenant'
  | 'ensureMembership'
  | 'acceptInvitation'
  | 'createInvitation'
  | 'revokeInvitation'
  | 'setTenantStatus'
>;

/** The reads of the store alone. */
export type TenantReader = Pick<
  TenantStore,
  'tableName' | 'lookup' | 'lookupUser' | 'getTenant' | 'listMembers' | 'listInvitations'
>;

export interface TenantStoreOptions {
  readonly client: DynamoDBClient;
  readonly tableName: string;
  /** The clock for `createdAt` / `joinedAt`. */
  readonly now?: () => Date;
}
