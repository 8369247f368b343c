import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type {
  DomainClaim,
  Invitation,
  Membership,
  Tenant,
  TenantRole,
  TenantStatus,
} from '../model.js';

/** Options every store call takes: the trigger's deadline signal. */
export interface CallOptions {
  readonly signal?: AbortSignal | undefined;
}

export interface EnsureTenantInput {
  readonly tenantId: string;
  readonly name: string;
  readonly domain: string;
  readonly tier: string;
  /** `sub` of the user provisioning now: recorded (and made admin) only if the tenant is new. */
  readonly createdBy: string;
}

export interface EnsureMembershipInput {
  readonly sub: string;
  readonly tenantId: string;
  /** Recorded only if the membership is new: an existing role (or tombstone) is never changed. */
  readonly role: TenantRole;
}

export interface AdmitMemberInput {
  readonly sub: string;
  readonly tenantId: string;
  /** The role an invitation names: set on a new membership, or on a removed one it revives. */
  readonly role: TenantRole;
  /** Who admitted: the operator, or `invitation`. */
  readonly by: string;
}

/** A user's membership and its tenant, as the token trigger reads them. */
export interface TenantMembership {
  readonly membership: Membership;
  readonly tenant: Tenant;
}

/** What the store holds about one user, as the triggers read it at sign-in. */
export interface UserRecord {
  /** The user's active membership and its tenant, as {@link TenantLookup.lookup} finds it. */
  readonly current: TenantMembership | undefined;
  /** The user's removed memberships (tombstones); read only when there is no active one. */
  readonly removed: readonly Membership[];
  /**
   * The user's invitations, whatever their status; read only when the user has no active
   * membership (otherwise empty): they are what may let such a user in.
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

export interface CreateTenantInput {
  readonly tenantId: string;
  readonly name: string;
  readonly tier: string;
  /** The operator (or admin API caller) creating it. */
  readonly createdBy: string;
}

/** Single-item reads (`GetItem`), strongly consistent. */
export interface TenantItems {
  readonly tableName: string;
  /** The tenant item; `undefined` when it does not exist. One round trip. */
  getTenant(tenantId: string, options?: CallOptions): Promise<Tenant | undefined>;
  /** The tenant that claims a (normalised) domain, if any. One round trip. */
  getDomainClaim(domain: string, options?: CallOptions): Promise<DomainClaim | undefined>;
  /** One membership, active or removed. One round trip. */
  getMembership(
    sub: string,
    tenantId: string,
    options?: CallOptions,
  ): Promise<Membership | undefined>;
}

/** How the triggers find a user's tenant at sign-in (`BatchGetItem`, `Query` on the table). */
export interface TenantLookup {
  /**
   * The user's active membership and its tenant, or `undefined`. With a hint (the user's
   * `custom:tenant_id`) one `BatchGetItem` reads both; without one, or when the hinted
   * membership is missing or removed, a `Query` of the user's items (the oldest active
   * membership wins) and a `GetItem` of its tenant. Strongly consistent reads.
   */
  lookup(
    sub: string,
    options?: CallOptions & { readonly tenantIdHint?: string | undefined },
  ): Promise<TenantMembership | undefined>;
  /**
   * Like {@link lookup}, and when the user has no active membership, also their tombstones and
   * invitations: the same one `Query`, so a user without a tenant costs no extra round trip.
   */
  lookupUser(
    sub: string,
    options?: CallOptions & { readonly tenantIdHint?: string | undefined },
  ): Promise<UserRecord>;
}

/** The writes provisioning makes at sign-in: single-item `UpdateItem`s, idempotent each. */
export interface ProvisioningWrites {
  /**
   * Creates the tenant unless it exists, in one round trip either way; a new tenant's creator
   * is its first admin. The stored tenant is returned: `createdBy` names its creator, whoever
   * won a race. `created` is true for the call that created it.
   */
  ensureTenant(
    input: EnsureTenantInput,
    options?: CallOptions,
  ): Promise<{ readonly tenant: Tenant; readonly created: boolean }>;
  /**
   * Creates the membership unless it exists; an existing one is returned as it is, its role
   * and its status (a tombstone stays a tombstone). One round trip.
   */
  ensureMembership(
    input: EnsureMembershipInput,
    options?: CallOptions,
  ): Promise<{ readonly membership: Membership; readonly created: boolean }>;
  /**
   * The membership an invitation (or an operator) grants: created with the given role, or a
   * removed one revived with it; an active one is returned unchanged (its role kept: a role
   * changes by `setMembershipRole`). Up to two round trips.
   */
  admitMember(
    input: AdmitMemberInput,
    options?: CallOptions,
  ): Promise<{ readonly membership: Membership; readonly created: boolean }>;
  /**
   * Marks a pending, unexpired invitation accepted, in one conditional write that races safely
   * with a revocation: a revoked or expired invitation is refused with
   * `TENANT_INVITATION_INVALID`. Accepting an accepted one again succeeds (a retry).
   */
  acceptInvitation(sub: string, tenantId: string, options?: CallOptions): Promise<Invitation>;
  /** Adds a `sub` to the tenant's admins (after its membership became admin). Idempotent. */
  addAdmin(tenantId: string, sub: string, options?: CallOptions): Promise<void>;
  /**
   * Makes the tenant's admins agree with one membership as it is now (read strongly
   * consistent): in them when it is active and `admin`, out of them otherwise. Every operation
   * that changes a membership's role or status ends with it, so that concurrent operations on
   * one user converge: each settle reads the membership again after its write, and goes round
   * until the two reads agree, so the last to settle acts on the last membership write.
   *
   * Taking the last admin out is refused here too (unless `force`): an operation's guard
   * (`removeAdmin`) may pass while another admin is on the way out and this one is being
   * promoted again. Then the admins keep the member, and the result says `lastAdmin`: the
   * membership no longer agrees, and the operation that changed it must undo its change.
   */
  settleAdmin(
    tenantId: string,
    sub: string,
    options?: CallOptions & { readonly force?: boolean | undefined },
  ): Promise<{ readonly lastAdmin: boolean }>;
}

/** What operators (the CLI, an admin API) do: every write conditional, every one idempotent. */
export interface TenantAdministration {
  /**
   * Creates a tenant unless it exists (`created: false` then, the stored one returned). Its
   * admins start empty: invite one.
   */
  createTenant(
    input: CreateTenantInput,
    options?: CallOptions,
  ): Promise<{ readonly tenant: Tenant; readonly created: boolean }>;
  /**
   * Claims a normalised domain for a tenant: one conditional write. Claiming it again for the
   * same tenant succeeds; a domain another tenant claims is refused (`TENANT_DOMAIN_TAKEN`).
   */
  claimDomain(
    domain: string,
    tenantId: string,
    claimedBy: string,
    options?: CallOptions,
  ): Promise<{ readonly claim: DomainClaim; readonly created: boolean }>;
  /** Releases a domain this tenant claims (nothing if it claims it not). */
  releaseDomain(domain: string, tenantId: string, options?: CallOptions): Promise<void>;
  /** Deletes a tenant item that has no admin (undoing a `createTenant` whose next step failed). */
  deleteTenantWithoutAdmins(tenantId: string, options?: CallOptions): Promise<void>;
  /**
   * Records an invitation of a Cognito user into a tenant with a role. Writing it again while it
   * is pending replaces role, inviter and expiry (an invitation sent anew); an invitation already
   * accepted is left alone and refused (`TENANT_INVITATION_INVALID`). One round trip.
   */
  createInvitation(input: CreateInvitationInput, options?: CallOptions): Promise<Invitation>;
  /** Revokes a pending invitation; one already accepted is refused (`TENANT_INVITATION_INVALID`). */
  revokeInvitation(sub: string, tenantId: string, options?: CallOptions): Promise<Invitation>;
  /** Suspends or reactivates a tenant. Throws `TENANT_NOT_FOUND` for an unknown tenant. */
  setTenantStatus(tenantId: string, status: TenantStatus, options?: CallOptions): Promise<Tenant>;
  /**
   * Sets the role of an active membership (`TENANT_MEMBER_NOT_FOUND` for none, or a removed
   * one). Only the membership: the admins of the tenant item are `addAdmin`'s and
   * `removeAdmin`'s, called around it.
   */
  setMembershipRole(
    sub: string,
    tenantId: string,
    role: TenantRole,
    by: string,
    options?: CallOptions,
  ): Promise<Membership>;
  /** Turns a membership into a tombstone (`TENANT_MEMBER_NOT_FOUND` when there is none). */
  removeMembership(
    sub: string,
    tenantId: string,
    by: string,
    options?: CallOptions,
  ): Promise<Membership>;
  /**
   * Removes a `sub` from the tenant's admins in one conditional write that refuses to remove
   * the last one (`TENANT_LAST_ADMIN`) unless `force`. `removed: false` when it was not an admin.
   */
  removeAdmin(
    tenantId: string,
    sub: string,
    options?: CallOptions & { readonly force?: boolean | undefined },
  ): Promise<{ readonly removed: boolean }>;
  /** Every tenant (a `Scan` of the tenant items: operators only, paged). */
  listTenants(options?: CallOptions): Promise<Tenant[]>;
  /** Every membership of a tenant, removed ones too, through `GSI1` (eventually consistent). */
  listMembers(tenantId: string, options?: CallOptions): Promise<Membership[]>;
  /** Every invitation into a tenant, through `GSI1` (eventually consistent). */
  listInvitations(tenantId: string, options?: CallOptions): Promise<Invitation[]>;
}

/**
 * What provisioning needs: the single-item reads (a domain claim, a tenant) and the sign-in
 * writes. The post confirmation function bundles this alone: `GetItem` and `UpdateItem`.
 */
export type ProvisioningStore = TenantItems & ProvisioningWrites;

/** What the pre authentication function needs: reads only. */
export type TenantReader = TenantItems & TenantLookup;

/** What the token trigger needs: the lookup and provisioning, no operator operation. */
export type SignInStore = TenantItems & TenantLookup & ProvisioningWrites;

/**
 * The tenant store: one DynamoDB table (see the README for the data model). Every write is a
 * single-item `UpdateItem`, conditional or with `if_not_exists`, so a retry, a crash half-way
 * or fifty concurrent first users all converge on one state, without transactions.
 */
export type TenantStore = SignInStore & TenantAdministration;

export interface TenantStoreOptions {
  readonly client: DynamoDBClient;
  readonly tableName: string;
  /** The clock for `createdAt` / `joinedAt`. */
  readonly now?: () => Date;
}
