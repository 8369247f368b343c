import {
  enrollmentFor,
  type Invitation,
  InvitationStatus,
  type InviteResult,
  type PoolUser,
  type TenancyPolicy,
  type Tenant,
  type TenantDescription,
  TenantStatus,
} from '@cognito-triggers/tenancy';

/** When a role change or a removal shows: the operations sign the user out. */
export const SIGNED_OUT_EFFECT =
  "shows at the user's next sign-in (signed out now: refresh tokens revoked)";

/**
 * When a suspension (or its end) shows: the sign-in functions (pre authentication, pre token
 * generation) cache a tenant in each warm container, and nothing in the user's sign-in event
 * changes, so it shows once their cache of it expires.
 */
export function statusEffect(status: Tenant['status'], ttlSeconds: number): string {
  return status === TenantStatus.Suspended
    ? `sign-ins and refreshes are refused within the token cache TTL (${ttlSeconds} s)`
    : `sign-ins and refreshes are accepted again within the token cache TTL (${ttlSeconds} s)`;
}

/** Rows as aligned columns, two spaces apart; the last column is not padded. */
export function columns(rows: readonly (readonly string[])[], indent = ''): string {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, index) => {
      widths[index] = Math.max(widths[index] ?? 0, cell.length);
    });
  }
  return rows
    .map(
      (row) =>
        indent +
        row
          .map((cell, index) => (index === row.length - 1 ? cell : cell.padEnd(widths[index] ?? 0)))
          .join('  ')
          .trimEnd(),
    )
    .join('\n');
}

/** A pool user as operators name them: the email, else the `sub`. */
export function userLabel(user: Pick<PoolUser, 'email' | 'sub'>): string {
  return user.email ?? user.sub;
}

/** A pool user in `--json`. */
export function userJson(user: PoolUser) {
  return {
    username: user.username,
    sub: user.sub,
    email: user.email ?? null,
    status: user.status,
    tenantId: user.tenantId ?? null,
  };
}

/** An invitation's status as operators read it: a pending one past its expiry is `expired`. */
export function invitationState(invitation: Invitation, now: Date = new Date()): string {
  return invitation.status === InvitationStatus.Pending &&
    Date.parse(invitation.expiresAt) <= now.getTime()
    ? 'expired'
    : invitation.status;
}

/** One line per tenant: id, status, tier, name, domains. */
export function formatTenantList(tenants: readonly Tenant[]): string {
  if (tenants.length === 0) return 'no tenants';
  return columns([
    ['ID', 'STATUS', 'TIER', 'ADMINS', 'DOMAINS', 'NAME'],
    ...tenants.map((tenant) => [
      tenant.id,
      tenant.status,
      tenant.tier,
      String(tenant.admins.length),
      domainsOf(tenant).join(',') || '-',
      tenant.name,
    ]),
  ]);
}

/** The domains of a tenant: those it claims, and the one its first user signed up from. */
export function domainsOf(tenant: Tenant): string[] {
  return [...new Set([...(tenant.domain === '' ? [] : [tenant.domain]), ...tenant.domains])];
}

/** Each domain of a tenant with its enrollment mode under the policy. */
export function enrollmentOf(tenant: Tenant, policy: TenancyPolicy): Record<string, string> {
  return Object.fromEntries(
    domainsOf(tenant).map((domain) => [domain, enrollmentFor(policy, domain)]),
  );
}

/** `tenants show`: the tenant, its members and its invitations. */
export function formatDescription(
  description: TenantDescription,
  policy: TenancyPolicy,
  now: Date = new Date(),
): string {
  const { tenant, members, invitations } = description;
  const emailOf = (sub: string) =>
    members.find((member) => member.membership.sub === sub)?.user?.email;
  const enrollment = enrollmentOf(tenant, policy);
  const domains = Object.entries(enrollment).map(
    ([domain, mode]) => `${domain} (enrollment ${mode})`,
  );
  const lines = [
    columns([
      ['tenant', `${tenant.id}  "${tenant.name}"`],
      ['status', tenant.status],
      ['tier', tenant.tier],
      ['created', `${tenant.createdAt} by ${tenant.createdBy}`],
      ['domains', domains.join(', ') || 'none'],
      [
        'admins',
        tenant.admins.map((sub) => `${emailOf(sub) ?? '?'} (${sub})`).join(', ') || 'none',
      ],
    ]),
    '',
    formatMembers(description),
    '',
    invitations.length === 0
      ? 'invitations: none'
      : `invitations (${invitations.length}):\n${columns(
          [
            ['EMAIL', 'ROLE', 'STATUS', 'EXPIRES', 'SUB'],
            ...sortedInvitations(invitations).map((invitation) => [
              invitation.email,
              invitation.role,
              invitationState(invitation, now),
              invitation.expiresAt,
              invitation.sub,
            ]),
          ],
          '  ',
        )}`,
  ];
  return lines.join('\n');
}

/** The members of a tenant: email, role, status, joined, sub. */
export function formatMembers(description: Pick<TenantDescription, 'members'>): string {
  const { members } = description;
  if (members.length === 0) return 'members: none';
  return `members (${members.length}):\n${columns(
    [
      ['EMAIL', 'ROLE', 'STATUS', 'JOINED', 'SUB'],
      ...sortedMembers(members).map(({ membership, user }) => [
        user?.email ?? '(not in the pool)',
        membership.role,
        membership.status,
        membership.joinedAt,
        membership.sub,
      ]),
    ],
    '  ',
  )}`;
}

/** A member in `--json`. */
export function membersJson(members: TenantDescription['members']) {
  return sortedMembers(members).map(({ membership, user }) => ({
    sub: membership.sub,
    email: user?.email ?? null,
    username: user?.username ?? null,
    userStatus: user?.status ?? null,
    role: membership.role,
    status: membership.status,
    joinedAt: membership.joinedAt,
    updatedAt: membership.updatedAt ?? null,
    updatedBy: membership.updatedBy ?? null,
  }));
}

/** Invitations in `--json`, with `state` (`expired` for a pending one past its expiry). */
export function invitationsJson(invitations: readonly Invitation[], now: Date = new Date()) {
  return sortedInvitations(invitations).map((invitation) => ({
    ...invitation,
    state: invitationState(invitation, now),
  }));
}

/** What an invitation did, in one line. */
export function formatInvite(email: string, tenantId: string, result: InviteResult): string {
  const { user } = result;
  switch (result.outcome) {
    case 'invited':
      return `invited ${email} into ${tenantId} as ${result.invitation?.role}: a new user, the invitation message sent; it lets them in at their first sign-in, until ${result.invitation?.expiresAt}`;
    case 're-sent':
      return `re-sent the invitation of ${email} into ${tenantId} as ${result.invitation?.role}: a new temporary password sent; it lets them in at their first sign-in, until ${result.invitation?.expiresAt}`;
    case 'added': {
      const current = user.tenantId === undefined || user.tenantId === tenantId;
      const effect = current
        ? "shows at the user's next sign-in or token refresh"
        : `their tokens keep their current tenant ${user.tenantId}`;
      return `added ${email} to ${tenantId} as ${result.membership?.role} (an existing user): ${effect}`;
    }
    case 'already-member':
      return `${email} is already a member of ${tenantId} (role ${result.membership?.role}, unchanged: "members set-role" changes it)`;
    default:
      return result.outcome satisfies never;
  }
}

/** What an invitation did, in `--json`. */
export function inviteJson(email: string, result: InviteResult) {
  return {
    email,
    outcome: result.outcome,
    user: userJson(result.user),
    invitation: result.invitation ?? null,
    membership: result.membership ?? null,
  };
}

function sortedMembers(members: TenantDescription['members']) {
  return [...members].sort(
    (a, b) =>
      a.membership.status.localeCompare(b.membership.status) ||
      a.membership.role.localeCompare(b.membership.role) ||
      (a.user?.email ?? '').localeCompare(b.user?.email ?? '') ||
      a.membership.sub.localeCompare(b.membership.sub),
  );
}

function sortedInvitations(invitations: readonly Invitation[]) {
  return [...invitations].sort(
    (a, b) => a.createdAt.localeCompare(b.createdAt) || a.email.localeCompare(b.email),
  );
}
