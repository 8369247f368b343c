import { parseEmailAddress } from '@cognito-triggers/events';
import {
  DEFAULT_INVITATION_DAYS,
  inviteMember,
  MAX_INVITATION_DAYS,
  OperationError,
  OperationErrorCode,
} from '@cognito-triggers/tenancy';
import { type CliIo, type Command, EXIT, parseCommandLine, UsageError } from '../command.js';
import { formatInvite, inviteJson } from '../lifecycle/report.js';
import {
  exitCodeOf,
  type Failure,
  failureOf,
  roleOption,
  runSession,
  SESSION_OPTIONS,
  SESSION_USAGE,
} from '../lifecycle/session.js';
import { integer, required } from '../target.js';

const USAGE = `Usage: cognito-triggers invite --pool ID --table NAME --tenant ID --role admin|member
                              [--expires-in-days N] [options] EMAIL [EMAIL ...]

Invites each EMAIL, in turn, into a tenant with a role:

  invited          a new address: the user is created (the pool's pre sign-up trigger judges the
                   address), the invitation record written (tenant, role, address, who invited,
                   expiry), then the invitation message with a temporary password sent; the
                   record lets them into the tenant at their first sign-in
  re-sent          an invitee who has not signed in yet: the record written again (role, expiry)
                   and the message sent again with a new temporary password
  added            an existing user: the membership at once (a removed one revived); when the
                   user has no other tenant, custom:tenant_id and the role group too, which show
                   at their next sign-in or token refresh
  already a member an active membership exists: nothing changes ("members set-role" changes
                   the role)

Invitation:
  --tenant ID                the tenant
  --role admin|member        the role
  --expires-in-days N        how long the invitation lets its invitee in, 1 to ${MAX_INVITATION_DAYS} (default ${DEFAULT_INVITATION_DAYS})

${SESSION_USAGE}

Output: one line per EMAIL (with --json, one document { tenant, role, results }).

Exit codes:
  0   every EMAIL was invited, re-sent, added, or already a member
  1   an AWS call failed for at least one EMAIL (the SDK's error is named); running the command
      again completes what was started: every step is idempotent
  2   wrong command line; an unknown tenant or an invalid address (nothing was changed); or the
      pool refused an address (INVITE_REFUSED), several users have it (USER_AMBIGUOUS), or its
      user has not verified it (USER_EMAIL_UNVERIFIED: anyone could have registered it): the
      other addresses are still invited, and their lines say so

Example:
  cognito-triggers invite --pool eu-west-1_AbCdEf123 --table cognito-triggers-prod-tenants \\
    --env prod --tenant acme --role member bo@acme.example cy@acme.example`;

export const invite: Command = {
  name: 'invite',
  summary: 'invite people into a tenant with a role (new users get an invitation message)',
  usage: USAGE,
  run,
};

async function run(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandLine(args, {
    ...SESSION_OPTIONS,
    tenant: { type: 'string' },
    role: { type: 'string' },
    'expires-in-days': { type: 'string' },
  });
  const tenantId = required(values.tenant, '--tenant');
  const role = roleOption(values.role);
  const expiresInDays = integer(
    values['expires-in-days'],
    '--expires-in-days',
    DEFAULT_INVITATION_DAYS,
    1,
    MAX_INVITATION_DAYS,
  );
  if (positionals.length === 0) throw new UsageError('missing EMAIL (the address to invite)');
  // Every address is checked before the first is invited: a typo changes nothing.
  const emails = [...new Set(positionals.map((email) => email.trim().toLowerCase()))];
  for (const email of emails) {
    const parsed = parseEmailAddress(email);
    if (!parsed.ok) throw new UsageError(`"${email}" is not an email address (${parsed.reason})`);
  }

  return runSession('invite', values, io, { usesGroups: true }, async (session) => {
    const { dependencies, context } = session;
    if ((await dependencies.store.getTenant(tenantId, { signal: context.signal })) === undefined) {
      throw new OperationError(OperationErrorCode.TenantNotFound, `no tenant "${tenantId}"`);
    }
    const lines: string[] = [];
    const results: unknown[] = [];
    const failures: Failure[] = [];
    for (const email of emails) {
      try {
        const result = await inviteMember(dependencies, context, {
          tenantId,
          email,
          role,
          expiresInDays,
        });
        lines.push(formatInvite(email, tenantId, result));
        results.push(inviteJson(email, result));
      } catch (error) {
        const failure = failureOf(error);
        if (failure === undefined) throw error;
        failures.push(failure);
        lines.push(
          `${failure.kind === 'aws' ? 'FAILED' : 'REFUSED'} ${email}: ${failure.code}: ${failure.message}`,
        );
        results.push({ email, error: failure });
      }
    }
    const code = failures.some((failure) => failure.kind === 'aws')
      ? EXIT.failure
      : failures.length > 0
        ? exitCodeOf(failures[0] as Failure)
        : EXIT.ok;
    if (failures.length > 0) {
      io.err(`cognito-triggers invite: ${failures.length} of ${emails.length} not invited`);
    }
    return { text: lines.join('\n'), json: { tenant: tenantId, role, results }, code };
  });
}
