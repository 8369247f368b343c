import {
  type CognitoIdentityProviderClient,
  ListUsersCommand,
  ListUsersInGroupCommand,
  type UserType,
} from '@aws-sdk/client-cognito-identity-provider';
import {
  type Admission,
  admissionFor,
  provisionUser,
  resolveTenant,
  TENANT_ID_ATTRIBUTE,
  TenancyError,
  type TenancyPolicy,
  TenantRole,
  type TenantStore,
  type UserDirectory,
} from '@cognito-triggers/tenancy';

/**
 * Users who should have a tenant: confirmed native users and federated users. Everyone else
 * (UNCONFIRMED, FORCE_CHANGE_PASSWORD, RESET_REQUIRED, …) is provisioned when they confirm or
 * first sign in.
 */
export const RECONCILED_STATUSES: readonly string[] = ['CONFIRMED', 'EXTERNAL_PROVIDER'];

/** Cognito's largest page for ListUsers and ListUsersInGroup. */
const PAGE_SIZE = 60;

export interface ReconcileOptions {
  readonly cognito: CognitoIdentityProviderClient;
  readonly store: TenantStore;
  readonly directory: UserDirectory;
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
  failed: number;
  /** Users in any other status: not checked. */
  skipped: number;
}

/**
 * Pages through the pool's users and checks each confirmed or federated one against the tenant
 * store: a membership must exist, `custom:tenant_id` must name its tenant, and the user must be
 * in the group of their role. A user who fails a check is provisioned with `provisionUser`, the
 * code the triggers run: towards the store's membership when there is one, otherwise from the
 * verified email. Each user is independent: one failure does not stop the run.
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
  const found = record.current;
  if (found === undefined) {
    problems.push('no membership');
  } else {
    const tenantId = found.tenant.id;
    if (currentTenantId === undefined) problems.push(`${TENANT_ID_ATTRIBUTE} is not set`);
    else if (currentTenantId !== tenantId) {
      problems.push(`${TENANT_ID_ATTRIBUTE} is ${currentTenantId}, the store says ${tenantId}`);
    }
    const group =
      found.membership.role === TenantRole.Admin ? policy.adminGroup : policy.memberGroup;
    if (!currentGroups.includes(group)) problems.push(`not in group ${group}`);
    if (problems.length === 0) {
      return { status: 'ok', username, sub, tenantId, role: found.membership.role };
    }
  }

  try {
    // With a membership the store decides; without one, only a proven fact lets the user in:
    // their invitation, or a proven email (the same rule as the triggers).
    const admission: Admission =
      found === undefined
        ? admissionFor({ username, attributes }, sub, record.invitations, policy)
        : { kind: 'membership', tenantId: found.tenant.id };
    if (options.dryRun) {
      return {
        status: 'would-repair',
        username,
        sub,
        problems,
        tenantId: tenantOf(admission, sub, policy),
        role: found?.membership.role ?? invitedRole(admission),
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
    return { status: 'failed', username, sub, problems, reason: reasonOf(error) };
  }
}

function tenantOf(admission: Admission, sub: string, policy: TenancyPolicy): string {
  switch (admission.kind) {
    case 'membership':
      return admission.tenantId;
    case 'invitation':
      return admission.invitation.tenantId;
    case 'email':
      return resolveTenant({ sub, email: admission.email.address }, policy).tenantId;
    default:
      return admission satisfies never;
  }
}

function invitedRole(admission: Admission): TenantRole | undefined {
  return admission.kind === 'invitation' ? admission.invitation.role : undefined;
}

async function listGroupMembers(
  cognito: CognitoIdentityProviderClient,
  userPoolId: string,
  group: string,
  onWarning: ((message: string) => void) | undefined,
): Promise<ReadonlySet<string>> {
  const members = new Set<string>();
  let token: string | undefined;
  try {
    do {
      const page = await cognito.send(
        new ListUsersInGroupCommand({
          UserPoolId: userPoolId,
          GroupName: group,
          Limit: PAGE_SIZE,
          ...(token === undefined ? {} : { NextToken: token }),
        }),
      );
      for (const user of page.Users ?? []) {
        if (user.Username !== undefined) members.add(user.Username);
      }
      token = page.NextToken;
    } while (token !== undefined && token.length > 0);
  } catch (error) {
    // A missing group is worth a warning, not a stop: adding a user to it will fail and say so.
    if (!(error instanceof Error && error.name === 'ResourceNotFoundException')) throw error;
    onWarning?.(`group ${group} does not exist in ${userPoolId}`);
  }
  return members;
}

function reasonOf(error: unknown): string {
  if (error instanceof TenancyError) return `${error.code}: ${error.message}`;
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}

async function eachLimited<T>(
  items: readonly T[],
  limit: number,
  run: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next] as T;
      next += 1;
      await run(item);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
}
