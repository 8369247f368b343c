import {
  describeTenant,
  findPoolUser,
  removeMember,
  setMemberRole,
} from '@cognito-triggers/tenancy';
import { type CliIo, type Command, commandGroup, parseCommandLine } from '../command.js';

import {
  formatMembers,
  membersJson,
  SIGNED_OUT_EFFECT,
  userJson,
  userLabel,
} from '../lifecycle/report.js';
import {
  positionalsOf,
  roleOption,
  runSession,
  SESSION_EXIT_CODES,
  SESSION_OPTIONS,
  SESSION_USAGE,
} from '../lifecycle/session.js';
import { required } from '../target.js';

const USER_ARGUMENT = `USER is an email address or a sub; when several users of the pool have the email, name
the user by sub (the refusal lists them).`;

const LIST_USAGE = `Usage: cognito-triggers members list --pool ID --table NAME --tenant ID [options]

Lists the members of a tenant: email (looked up in the pool), role, status (active, or removed:
a tombstone), when they joined, and their sub.

  --tenant ID                the tenant

${SESSION_USAGE}

${SESSION_EXIT_CODES}`;

const SET_ROLE_USAGE = `Usage: cognito-triggers members set-role --pool ID --table NAME --tenant ID --role admin|member
                                        [--force] [options] USER

Sets a member's role: the membership in the store first, then (when the tenant is the user's
current one) the role group replaced, never two role groups; then the user is signed out
(AdminUserGlobalSignOut: their refresh tokens stop at once). The new role shows at the user's
next sign-in. Demoting the tenant's last admin is refused unless --force.

${USER_ARGUMENT}

  --tenant ID                the tenant
  --role admin|member        the new role
  --force                    demote the last admin anyway (the tenant is left without one)

${SESSION_USAGE}

${SESSION_EXIT_CODES}`;

const REMOVE_USAGE = `Usage: cognito-triggers members remove --pool ID --table NAME --tenant ID [--force] [options] USER

Removes a member: the membership becomes a tombstone (neither the token trigger's healing nor
reconcile puts the user back; only a new invitation does); a pending invitation into the tenant
is revoked; when the tenant is the user's current one, custom:tenant_id and the role groups are
removed; the user is signed out (refresh tokens revoked). It shows at the user's next sign-in.
Removing the tenant's last admin is refused unless --force.

${USER_ARGUMENT}

  --tenant ID                the tenant
  --force                    remove the last admin anyway (the tenant is left without one)

${SESSION_USAGE}

${SESSION_EXIT_CODES}`;

const MEMBER_OPTIONS = {
  ...SESSION_OPTIONS,
  tenant: { type: 'string' },
} as const;

const list: Command = {
  name: 'members list',
  summary: 'list the members of a tenant',
  usage: LIST_USAGE,
  async run(args: readonly string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseCommandLine(args, MEMBER_OPTIONS);
    positionalsOf(positionals, []);
    const tenantId = required(values.tenant, '--tenant');
    return runSession(
      'members list',
      values,
      io,
      { readOnly: true },
      async ({ dependencies, context }) => {
        const { members } = await describeTenant(dependencies, context, tenantId);
        return {
          text: formatMembers({ members }),
          json: { tenant: tenantId, members: membersJson(members) },
        };
      },
    );
  },
};

const setRole: Command = {
  name: 'members set-role',
  summary: "change a member's role (the user is signed out)",
  usage: SET_ROLE_USAGE,
  async run(args: readonly string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseCommandLine(args, {
      ...MEMBER_OPTIONS,
      role: { type: 'string' },
      force: { type: 'boolean' },
    });
    const tenantId = required(values.tenant, '--tenant');
    const role = roleOption(values.role);
    const [reference = ''] = positionalsOf(positionals, ['USER (an email or a sub)']);
    return runSession(
      'members set-role',
      values,
      io,
      { usesGroups: true },
      async ({ dependencies, context }) => {
        const user = await findPoolUser(dependencies, context, reference);
        const before = await dependencies.store.getMembership(user.sub, tenantId, {
          signal: context.signal,
        });
        const change = await setMemberRole(dependencies, context, {
          tenantId,
          user,
          role,
          force: values.force === true,
        });
        const who = `${userLabel(user)} (${user.sub})`;
        const text = change.changed
          ? `${who} in ${tenantId}: role ${before?.role} → ${change.membership.role}; ${SIGNED_OUT_EFFECT}`
          : `${who} in ${tenantId}: role ${change.membership.role} already; nothing changed`;
        return {
          text,
          json: {
            tenant: tenantId,
            user: userJson(user),
            previousRole: before?.role ?? null,
            role: change.membership.role,
            changed: change.changed,
            signedOut: change.signedOut,
            membership: change.membership,
            effect: change.changed ? SIGNED_OUT_EFFECT : null,
          },
        };
      },
    );
  },
};

const remove: Command = {
  name: 'members remove',
  summary: 'remove a member from a tenant (the user is signed out)',
  usage: REMOVE_USAGE,
  async run(args: readonly string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseCommandLine(args, {
      ...MEMBER_OPTIONS,
      force: { type: 'boolean' },
    });
    const tenantId = required(values.tenant, '--tenant');
    const [reference = ''] = positionalsOf(positionals, ['USER (an email or a sub)']);
    return runSession(
      'members remove',
      values,
      io,
      { usesGroups: true },
      async ({ dependencies, context }) => {
        const user = await findPoolUser(dependencies, context, reference);
        const removal = await removeMember(dependencies, context, {
          tenantId,
          user,
          force: values.force === true,
        });
        const current = user.tenantId === tenantId;
        const done = [
          removal.membership === undefined
            ? undefined
            : removal.removed
              ? 'membership tombstoned'
              : 'membership removed already',
          removal.revokedInvitation ? 'pending invitation revoked' : undefined,
          current ? 'custom:tenant_id cleared, role groups removed' : undefined,
        ].filter((part) => part !== undefined);
        return {
          text: `removed ${userLabel(user)} (${user.sub}) from ${tenantId}: ${done.join(', ')}; ${SIGNED_OUT_EFFECT}`,
          json: {
            tenant: tenantId,
            user: userJson(user),
            removed: removal.removed,
            revokedInvitation: removal.revokedInvitation,
            clearedTenantId: current,
            signedOut: true,
            membership: removal.membership ?? null,
            effect: SIGNED_OUT_EFFECT,
          },
        };
      },
    );
  },
};

export const members: Command = commandGroup({
  name: 'members',
  summary: "list a tenant's members, change a role, remove a member",
  description:
    "The members of a tenant: list them, change one's role, remove one. A change signs the user\nout, and shows at their next sign-in.",
  subcommands: [list, setRole, remove],
});
