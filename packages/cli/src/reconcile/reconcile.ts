import {
  type CognitoIdentityProviderClient,
  ListUsersCommand,
  type UserType,
} from '@aws-sdk/client-cognito-identity-provider';
import {
  type Admission,
  admissionFor,
  NO_TENANT_REASON,
  type PoolAdmin,
  provisionUser,
  resolveTenantOf,
  TENANT_ID_ATTRIBUTE,
  TenancyError,
  type TenancyPolicy,
  TenantRole,
  type TenantStore,
  type UserDirectory,
} from '@cognito-triggers/tenancy';
import { eachLimited } from './each-limited.js';
import { listGroupMembers, PAGE_SIZE } from './pool-pages.js';

/**
 * Users who should have a tenant: confirmed native users and federated users. Everyone else
 * (UNCONFIRMED, FORCE_CHANGE_PASSWORD, RESET_REQUIRED, …) is provisioned when they confirm or
 * first sign in.
 */
export const RECONCILED_STATUSES: readonly string[] = ['CONFIRMED', 'EXTERNAL_PROVIDER'];

export interface ReconcileOptions {
  readonly cognito: CognitoIdentityProviderClient;
  readonly store: TenantStore;
  /** What provisioning writes to the pool (a user without a membership). */
  readonly directory: UserDirectory;
  /** What repairs write to the pool (a wrong role group out, a removed tenant's attribute). */
  readonly pool: Pick<
    PoolAdmin,
    'setTenantId' | 'clearTenantId' | 'addToGroup' | 'removeFromGroup'
  >;
  readonly policy: TenancyPolicy;
  readonly userPoolId: string;
  /** Report what would be repaired; write nothing. */
  readonly dryRun: boolean;
  /** Users checked at once (default 4). */
  readonly concurrency?: number;
  /** Called once per user, in no particular order, with the counts so far. */
  readonly onUser?: (outcome: UserOutcome, sofar: Readonly<ReconcileSummary>) => void;
  /** Something the operator should know that is not about one user. */
  readonly onWarning?: (message: string) => void;
}

/** What reconcile found and did for one user. */
export type UserOutcome =
  | { readonly status: 'skipped'; readonly username: string; readonly userStatus: string }
  | {
      readonly status: 'ok';
      readonly username: string;
      readonly sub: string;
      readonly tenantId: string;
      readonly role: TenantRole;
    }
  | {
      readonly status: 'repaired' | 'would-repair';
      readonly username: string;
      readonly sub: string;
      /** What was wrong. */
      readonly problems: readonly string[];
      readonly tenantId: string;
      /** Unknown before a dry run writes: a new tenant's first user becomes its admin. */
      readonly role: TenantRole | undefined;
    }
  | {
      /**
       * The user has no tenant, by the trust model, and nothing is wrong: an unverified email, an
       * invite-only domain, a removed membership (a tombstone, never healed), …
       */
      readonly status: 'no-tenant';
      readonly username: string;
      readonly sub: string;
      /** The reason, as the token's `tenant_status` claim says it. */
      readonly reason: string;
    }
  | {
      readonly status: 'failed';
      readonly username: string;
      readonly sub: string | undefined;
      readonly problems: readonly string[];
      /** A stable code (`TENANT_EMAIL_NOT_VERIFIED`) or the SDK error's name and message. */
      readonly reason: string;
    };

export interface ReconcileSummary {
  /** Users in a reconciled status (CONFIRMED, EXTERNAL_PROVIDER). */
  checked: number;
  ok: number;
  repaired: number;
  wouldRepair: number;
  /** Users without a tenant by the trust model (not repaired, not failed). */
  noTenant: number;
  failed: number;
  /** Users in any other status: not checked. */
  skipped: number;
}

/**
 * Pages through the pool's users and checks each confirmed or federated one against the tenant
 * store. A member's `custom:tenant_id` must name their tenant, they must be in the group of their
 * role and in no other role group, and the tenant's admins must agree with the role: each is
 * repaired towards the store. A removed member keeps no tenant attribute or role group of the
 * tenant they left, and is never put back. A user without a membership is provisioned with
 * `provisionUser`, the code the triggers run, on a proven fact only (an invitation, a proven
 * email as the domain's enrollment allows); one whom the trust model keeps out is `no-tenant`,
 * not a failure. Each user is independent: one failure does not stop the run.
 *
 * Groups are read once per role group with ListUsersInGroup (a few calls per 60 members)
 * instead of AdminListGroupsForUser per user.
 *
 * @throws the SDK error when listing users or groups fails: the run cannot go on.
 */
export async function reconcileUsers(options: ReconcileOptions): Promise<ReconcileSummary> {
  const { cognito, userPoolId, policy } = options;
  const summary: ReconcileSummary = {
    checked: 0,
    ok: 0,
    repaired: 0,
    wouldRepair: 0,
    noTenant: 0,
    failed: 0,
    skipped: 0,
  };
  const record = (outcome: UserOutcome) => {
    if (outcome.status === 'skipped') summary.skipped += 1;
    else {
      summary.checked += 1;
      if (outcome.status === 'ok') summary.ok += 1;
      else if (outcome.status === 'repaired') summary.repaired += 1;
      else if (outcome.status === 'would-repair') summary.wouldRepair += 1;
      else if (outcome.status === 'no-tenant') summary.noTenant += 1;
      else summary.failed += 1;
    }
    options.onUser?.(outcome, summary);
  };

  let groupMembers: Map<string, ReadonlySet<string>> | undefined;
  let token: string | undefined;
  do {
    const page = await cognito.send(
      new ListUsersCommand({
        UserPoolId: userPoolId,
        Limit: PAGE_SIZE,
        ...(token === undefined ? {} : { PaginationToken: token }),
      }),
    );
    // After the first page, so that a wrong pool id fails as such, not as a missing group.
    if (groupMembers === undefined) {
      groupMembers = new Map();
      for (const group of new Set([policy.adminGroup, policy.memberGroup])) {
        const members = await listGroupMembers(cognito, userPoolId, group, options.onWarning);
        groupMembers.set(group, members);
      }
    }
    const members: ReadonlyMap<string, ReadonlySet<string>> = groupMembers;
    await eachLimited(page.Users ?? [], options.concurrency ?? 4, async (user) => {
      record(await checkUser(user, members, options));
    });
    token = page.PaginationToken;
  } while (token !== undefined && token.length > 0);

  return summary;
}

async function checkUser(
  user: UserType,
  groupMembers: ReadonlyMap<string, ReadonlySet<string>>,
  options: ReconcileOptions,
): Promise<UserOutcome> {
  const { policy } = options;
  const username = user.Username ?? '';
  const userStatus = user.UserStatus ?? 'UNKNOWN';
  if (!RECONCILED_STATUSES.includes(userStatus)) return { status: 'skipped', username, userStatus };

  const attributes: Record<string, string> = { 'cognito:user_status': userStatus };
  for (const { Name, Value } of user.Attributes ?? []) {
    if (Name !== undefined && Value !== undefined) attributes[Name] = Value;
  }
  const sub = attributes.sub;
  if (sub === undefined) {
    return { status: 'failed', username, sub, problems: [], reason: 'the user has no sub' };
  }
  const userSub: string = sub;
  const currentTenantId = attributes[TENANT_ID_ATTRIBUTE];
  const currentGroups = [...groupMembers]
    .filter(([, members]) => members.has(username))
    .map(([group]) => group);

  const problems: string[] = [];
  let record: Awaited<ReturnType<TenantStore['lookupUser']>>;
  try {
    record = await options.store.lookupUser(sub, { tenantIdHint: currentTenantId });
  } catch (error) {
    return { status: 'failed', username, sub, problems, reason: reasonOf(error) };
  }
  const roleGroup = (role: TenantRole) =>
    role === TenantRole.Admin ? policy.adminGroup : policy.memberGroup;

  const found = record.current;
  if (found !== undefined) {
    // A member: repair the pool, and the tenant's admins, towards the store.
    const tenantId = found.tenant.id;
    const { role } = found.membership;
    const keep = roleGroup(role);
    const drop = [policy.adminGroup, policy.memberGroup].filter(
      (group) => group !== keep && currentGroups.includes(group),
    );
    const wrongAttribute = currentTenantId !== tenantId;
    const adminsDisagree = (role === TenantRole.Admin) !== found.tenant.admins.includes(sub);
    if (currentTenantId === undefined) problems.push(`${TENANT_ID_ATTRIBUTE} is not set`);
    else if (wrongAttribute) {
      problems.push(`${TENANT_ID_ATTRIBUTE} is ${currentTenantId}, the store says ${tenantId}`);
    }
    if (!currentGroups.includes(keep)) problems.push(`not in group ${keep}`);
    for (const group of drop) problems.push(`in group ${group}, the store says ${role}`);
    if (adminsDisagree) problems.push(`the admins of ${tenantId} disagree with the role ${role}`);
    if (problems.length === 0) return { status: 'ok', username, sub, tenantId, role };
    if (options.dryRun) {
      return { status: 'would-repair', username, sub, problems, tenantId, role };
    }
    try {
      await Promise.all([
        wrongAttribute
          ? options.pool.setTenantId(options.userPoolId, username, tenantId)
          : undefined,
        currentGroups.includes(keep)
          ? undefined
          : options.pool.addToGroup(options.userPoolId, username, keep),
        ...drop.map((group) => options.pool.removeFromGroup(options.userPoolId, username, group)),
        adminsDisagree ? options.store.settleAdmin(tenantId, sub) : undefined,
      ]);
    } catch (error) {
      return { status: 'failed', username, sub, problems, reason: reasonOf(error) };
    }
    return { status: 'repaired', username, sub, problems, tenantId, role };
  }

  let admission: Admission;
  try {
    admission = admissionFor({ username, attributes }, sub, record, policy);
  } catch (error) {
    const reason = error instanceof TenancyError ? NO_TENANT_REASON[error.code] : undefined;
    if (reason === undefined) {
      return { status: 'failed', username, sub, problems, reason: reasonOf(error) };
    }
    return leftovers(
      record.removed.map((m) => m.tenantId),
      reason,
    );
  }

  problems.push('no membership');
  try {
    if (options.dryRun) {
      const tenantId = await tenantOf(admission, sub, policy, options.store);
      return {
        status: 'would-repair',
        username,
        sub,
        problems,
        tenantId,
        role: invitedRole(admission),
      };
    }
    const result = await provisionUser(
      { store: options.store, directory: options.directory },
      { userPoolId: options.userPoolId, username, sub, admission, currentTenantId, currentGroups },
      policy,
    );
    return {
      status: 'repaired',
      username,
      sub,
      problems,
      tenantId: result.tenant.id,
      role: result.membership.role,
    };
  } catch (error) {
    const reason = error instanceof TenancyError ? NO_TENANT_REASON[error.code] : undefined;
    if (reason !== undefined) return { status: 'no-tenant', username, sub, reason };
    return { status: 'failed', username, sub, problems, reason: reasonOf(error) };
  }

  /**
   * A user the trust model keeps out. A removed member's leftovers (the attribute naming the
   * tenant they left, a role group) are taken away; nothing else is written.
   */
  async function leftovers(removedFrom: readonly string[], reason: string): Promise<UserOutcome> {
    const staleAttribute = currentTenantId !== undefined && removedFrom.includes(currentTenantId);
    const staleGroups = removedFrom.length === 0 ? [] : currentGroups;
    if (!staleAttribute && staleGroups.length === 0) {
      return { status: 'no-tenant', username, sub: userSub, reason };
    }
    if (staleAttribute)
      problems.push(`${TENANT_ID_ATTRIBUTE} names ${currentTenantId}, which the user left`);
    for (const group of staleGroups) problems.push(`in group ${group} after the removal`);
    const tenantId = currentTenantId ?? removedFrom[0] ?? '';
    if (options.dryRun) {
      return {
        status: 'would-repair',
        username,
        sub: userSub,
        problems,
        tenantId,
        role: undefined,
      };
    }
    try {
      await Promise.all([
        staleAttribute ? options.pool.clearTenantId(options.userPoolId, username) : undefined,
        ...staleGroups.map((group) =>
          options.pool.removeFromGroup(options.userPoolId, username, group),
        ),
      ]);
    } catch (error) {
      return { status: 'failed', username, sub: userSub, problems, reason: reasonOf(error) };
    }
    return { status: 'repaired', username, sub: userSub, problems, tenantId, role: undefined };
  }
}

async function tenantOf(
  admission: Admission,
  sub: string,
  policy: TenancyPolicy,
  store: TenantStore,
): Promise<string> {
  switch (admission.kind) {
    case 'invitation':
      return admission.invitation.tenantId;
    case 'email':
      return (await resolveTenantOf(store, { sub, email: admission.email.address }, policy))
        .tenantId;
    default:
      return admission satisfies never;
  }
}

function invitedRole(admission: Admission): TenantRole | undefined {
  return admission.kind === 'invitation' ? admission.invitation.role : undefined;
}

function reasonOf(error: unknown): string {
  if (error instanceof TenancyError) return `${error.code}: ${error.message}`;
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}
