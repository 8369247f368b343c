import { parseEmailAddress } from '@cognito-triggers/events';
import {
  createTenant,
  describeTenant,
  listTenants,
  resumeTenant,
  suspendTenant,
  type Tenant,
  TenantStatus,
} from '@cognito-triggers/tenancy';
import {
  type CliIo,
  type Command,
  commandGroup,
  parseCommandLine,
  UsageError,
} from '../command.js';

import {
  domainsOf,
  enrollmentOf,
  formatDescription,
  formatInvite,
  formatTenantList,
  invitationsJson,
  inviteJson,
  membersJson,
  statusEffect,
} from '../lifecycle/report.js';
import {
  positionalsOf,
  runSession,
  SESSION_EXIT_CODES,
  SESSION_OPTIONS,
  SESSION_USAGE,
} from '../lifecycle/session.js';
import { required } from '../target.js';

const CREATE_USAGE = `Usage: cognito-triggers tenants create --pool ID --table NAME --id ID --name NAME
                                      [--domain D]... [--admin EMAIL] [--tier T] [options]

Creates a tenant, claims its email domains (their verified users join it, as the environment's
enrollment mode allows), and invites its first admin. Everything is checked before anything is
written; when a later step fails (a domain claimed meanwhile, the pool refusing the admin's
address), what was written is undone. Run again for an existing tenant, it adds what is missing.

Tenant:
  --id ID                    lower-case letters, digits and hyphens, at most 63 (not "user-…")
  --name NAME                the display name, 1 to 128 characters
  --domain D                 an email domain the tenant claims (repeatable); one tenant per domain
  --admin EMAIL              invite this address as the tenant's admin (an existing user of the
                             pool is added at once)
  --tier T                   the tier (default: the environment's default_tenant_tier, free)

${SESSION_USAGE}

Output: what was created, claimed and invited.

${SESSION_EXIT_CODES}

Example:
  cognito-triggers tenants create --pool eu-west-1_AbCdEf123 --table cognito-triggers-prod-tenants \\
    --env prod --id acme --name "Acme Corp" --domain acme.example --admin ana@acme.example`;

const LIST_USAGE = `Usage: cognito-triggers tenants list --pool ID --table NAME [options]

Lists every tenant of the store (a Scan of the tenant items): id, status, tier, number of
admins, domains, name.

${SESSION_USAGE}

${SESSION_EXIT_CODES}`;

const SHOW_USAGE = `Usage: cognito-triggers tenants show --pool ID --table NAME [options] ID

Shows a tenant: status, tier, domains with their enrollment mode (from --env), admins; its
members with email, role, status; its invitations with email, role, status and expiry (a
pending invitation past its expiry shows as "expired").

${SESSION_USAGE}

${SESSION_EXIT_CODES}`;

const statusUsage = (
  verb: 'suspend' | 'resume',
) => `Usage: cognito-triggers tenants ${verb} --pool ID --table NAME [options] ID

${
  verb === 'suspend'
    ? `Suspends a tenant: its members' sign-ins are refused by the pre authentication trigger,
and their token refreshes by pre token generation, as are the tokens of its machine clients
(client_tenant_map), once each warm function's cache of the tenant expires
(token_cache_ttl_seconds of the environment: within that many seconds).
Nothing else changes: resume lets everyone in again.`
    : `Resumes a suspended tenant: sign-ins and refreshes are accepted again once each warm
function's cache of the tenant expires (token_cache_ttl_seconds of the environment).`
}

${SESSION_USAGE}

${SESSION_EXIT_CODES}`;

const create: Command = {
  name: 'tenants create',
  summary: 'create a tenant, claim its domains, invite its admin',
  usage: CREATE_USAGE,
  async run(args: readonly string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseCommandLine(args, {
      ...SESSION_OPTIONS,
      id: { type: 'string' },
      name: { type: 'string' },
      domain: { type: 'string', multiple: true },
      admin: { type: 'string' },
      tier: { type: 'string' },
    });
    positionalsOf(positionals, []);
    const tenantId = required(values.id, '--id');
    const name = required(values.name, '--name');
    const adminEmail = values.admin?.trim();
    if (adminEmail !== undefined) {
      const parsed = parseEmailAddress(adminEmail);
      if (!parsed.ok) {
        throw new UsageError(`--admin: "${adminEmail}" is not an email address (${parsed.reason})`);
      }
    }
    return runSession(
      'tenants create',
      values,
      io,
      { usesGroups: adminEmail !== undefined },
      async ({ dependencies, context, tenancy }) => {
        const creation = await createTenant(dependencies, context, {
          tenantId,
          name,
          domains: values.domain ?? [],
          tier: values.tier ?? tenancy.policy.defaultTier,
          adminEmail,
        });
        const { tenant, created, claimedDomains, admin } = creation;
        const lines = [
          created
            ? `created tenant ${tenant.id} "${tenant.name}": tier ${tenant.tier}, ${tenant.status}`
            : `tenant ${tenant.id} existed already ("${tenant.name}", tier ${tenant.tier}, ${tenant.status}): added what was missing`,
          `  domains: ${describeDomains(tenant, claimedDomains)}`,
        ];
        if (admin !== undefined && adminEmail !== undefined) {
          lines.push(`  admin:   ${formatInvite(adminEmail.toLowerCase(), tenant.id, admin)}`);
        }
        return {
          text: lines.join('\n'),
          json: {
            tenant,
            created,
            claimedDomains,
            enrollment: enrollmentOf(tenant, tenancy.policy),
            admin:
              admin === undefined || adminEmail === undefined
                ? null
                : inviteJson(adminEmail.toLowerCase(), admin),
          },
        };
      },
    );
  },
};

const list: Command = {
  name: 'tenants list',
  summary: 'list every tenant',
  usage: LIST_USAGE,
  async run(args: readonly string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseCommandLine(args, SESSION_OPTIONS);
    positionalsOf(positionals, []);
    return runSession('tenants list', values, io, { readOnly: true }, async ({ dependencies }) => {
      const tenants = await listTenants(dependencies);
      return { text: formatTenantList(tenants), json: { tenants } };
    });
  },
};

const show: Command = {
  name: 'tenants show',
  summary: 'show a tenant, its members and invitations',
  usage: SHOW_USAGE,
  async run(args: readonly string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseCommandLine(args, SESSION_OPTIONS);
    const [tenantId = ''] = positionalsOf(positionals, ['the tenant id']);
    return runSession(
      'tenants show',
      values,
      io,
      { readOnly: true },
      async ({ dependencies, context, tenancy }) => {
        const description = await describeTenant(dependencies, context, tenantId);
        const now = new Date();
        return {
          text: formatDescription(description, tenancy.policy, now),
          json: {
            tenant: description.tenant,
            enrollment: enrollmentOf(description.tenant, tenancy.policy),
            members: membersJson(description.members),
            invitations: invitationsJson(description.invitations, now),
          },
        };
      },
    );
  },
};

function statusCommand(verb: 'suspend' | 'resume'): Command {
  const usage = statusUsage(verb);
  const name = `tenants ${verb}`;
  return {
    name,
    summary:
      verb === 'suspend'
        ? "suspend a tenant: its members' sign-ins and refreshes are refused"
        : 'resume a suspended tenant',
    usage,
    async run(args: readonly string[], io: CliIo): Promise<number> {
      const { values, positionals } = parseCommandLine(args, SESSION_OPTIONS);
      const [tenantId = ''] = positionalsOf(positionals, ['the tenant id']);
      return runSession(name, values, io, {}, async ({ dependencies, context, tenancy }) => {
        const before = await dependencies.store.getTenant(tenantId, { signal: context.signal });
        const tenant =
          verb === 'suspend'
            ? await suspendTenant(dependencies, context, tenantId)
            : await resumeTenant(dependencies, context, tenantId);
        const changed = before?.status !== tenant.status;
        const ttl = tenancy.tokenCacheTtlSeconds;
        const effect = statusEffect(tenant.status, ttl);
        const done = verb === 'suspend' ? 'suspended' : 'resumed';
        const text = changed
          ? `${done} ${tenant.id} "${tenant.name}": ${effect}`
          : `${tenant.id} "${tenant.name}" was ${tenant.status === TenantStatus.Suspended ? 'suspended' : 'active'} already: nothing changed`;
        return {
          text,
          json: { tenant, changed, effect, tokenCacheTtlSeconds: ttl },
        };
      });
    },
  };
}

function describeDomains(tenant: Tenant, claimed: readonly string[]): string {
  const domains = domainsOf(tenant);
  if (domains.length === 0) return 'none';
  return domains
    .map((domain) => (claimed.includes(domain) ? `${domain} (claimed now)` : domain))
    .join(', ');
}

export const tenants: Command = commandGroup({
  name: 'tenants',
  summary: 'create, list, show, suspend and resume tenants',
  description:
    'Tenants of the tenant store: create one (with its domains and first admin), list them, show one\nwith its members and invitations, suspend or resume one.',
  subcommands: [create, list, show, statusCommand('suspend'), statusCommand('resume')],
});
