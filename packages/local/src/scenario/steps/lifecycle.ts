import { InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';
import {
  createTenant,
  findPoolUser,
  removeMember,
  resumeTenant,
  setMemberRole,
  suspendTenant,
  TenantRole,
} from '@cognito-triggers/tenancy';
import type { ScenarioPeople } from '../people.js';
import type { ScenarioStep } from '../step.js';
import { triggerRefusal } from '../world.js';

/** The tenant an operator creates. */
const GLOBEX = 'globex';

/**
 * The tenant lifecycle as an operator runs it, through the operations of
 * `@cognito-triggers/tenancy`: a new tenant with an invited admin, a role change, a removal, a
 * suspension and its end.
 */
export function lifecycleSteps(people: ScenarioPeople): ScenarioStep[] {
  const { ana, ben, gil } = people;
  return [
    {
      title: `An operator creates tenant ${GLOBEX} and invites ${gil.email} as its admin (createTenant)`,
      async run(world) {
        const creation = await createTenant(world.operations, world.operator, {
          tenantId: GLOBEX,
          name: 'Globex Corporation',
          adminEmail: gil.email,
        });
        const invitation = creation.admin?.invitation;
        gil.sub = creation.admin?.user.sub ?? '';
        world.say(
          `tenant ${creation.tenant.id} "${creation.tenant.name}", ${creation.tenant.status}, created by ${creation.tenant.createdBy}  [store]`,
        );
        world.say(
          `invitation: ${gil.email} → tenant ${invitation?.tenantId ?? '?'}, role ${invitation?.role ?? '?'} (${creation.admin?.outcome ?? 'no admin'})  [store]`,
        );
        world.check(
          'a new tenant, and an admin invitation for a new user',
          {
            created: creation.created,
            outcome: creation.admin?.outcome,
            tenant: invitation?.tenantId,
            role: invitation?.role,
          },
          { created: true, outcome: 'invited', tenant: GLOBEX, role: TenantRole.Admin },
        );
        gil.password = world.message(gil.email, 'AdminCreateUser').code;
        const company = (await world.lookup(ana))?.tenant.id ?? '?';
        world.say(
          `by the email's domain alone, ${gil.email} would join ${company}; the invitation says ${GLOBEX}`,
        );
      },
    },
    {
      title: `${gil.email} signs in for the first time: the invitation, not the domain, picks the tenant`,
      async run(world) {
        const claims = await world.firstSignIn(gil);
        const found = await world.lookup(gil);
        world.sayMembership(gil, found);
        world.check(
          `${gil.email} is the admin of ${GLOBEX}, as invited`,
          { tenant: found?.tenant.id, role: found?.membership.role },
          { tenant: GLOBEX, role: TenantRole.Admin },
        );
        world.checkClaims(claims, found);
      },
    },
    {
      title: `${ben.email} becomes an admin (setMemberRole): the next sign-in says so`,
      async run(world) {
        const before = await world.signIn(ben);
        const old = world.tokenClaims(
          ben,
          'id (before set-role)',
          before.AuthenticationResult?.IdToken,
        );
        world.checkClaims(old, await world.lookup(ben));
        const company = (await world.lookup(ben))?.tenant.id ?? '';
        const user = await findPoolUser(world.operations, world.operator, ben.email);
        const change = await setMemberRole(world.operations, world.operator, {
          tenantId: company,
          user,
          role: TenantRole.Admin,
        });
        world.say(
          `${ben.email}: role ${String(old[world.claimNames.role])} → ${change.membership.role} in ${company}${change.signedOut ? ', signed out (AdminUserGlobalSignOut)' : ''}  [store, pool]`,
        );
        world.check(
          'the role changed and the user was signed out',
          { changed: change.changed, signedOut: change.signedOut },
          { changed: true, signedOut: true },
        );

        const refresh = await world.refusal(
          'refresh with the token from before',
          world.cognito.send(
            new InitiateAuthCommand({
              ClientId: world.stack.clientId,
              AuthFlow: 'REFRESH_TOKEN_AUTH',
              AuthParameters: { REFRESH_TOKEN: before.AuthenticationResult?.RefreshToken ?? '' },
            }),
          ),
        );
        world.check(
          'the refresh token from before the change is refused',
          refresh?.name,
          'NotAuthorizedException',
        );

        const after = await world.signIn(ben);
        const claims = world.tokenClaims(
          ben,
          'id (after set-role)',
          after.AuthenticationResult?.IdToken,
        );
        world.checkClaims(claims, await world.lookup(ben));
        const groups = world.roleGroups(claims);
        world.check(
          `the next sign-in: ${world.claimNames.role}=admin, one role group (cognito:groups ${groups.join(',') || '-'})`,
          { role: claims[world.claimNames.role], groups },
          { role: TenantRole.Admin, groups: [world.operator.adminGroup] },
        );
      },
    },
    {
      title: `${ben.email} leaves the company (removeMember): pre authentication refuses the next sign-in`,
      async run(world) {
        const company = (await world.lookup(ben))?.tenant.id ?? '';
        const user = await findPoolUser(world.operations, world.operator, ben.email);
        const removal = await removeMember(world.operations, world.operator, {
          tenantId: company,
          user,
        });
        world.say(
          `${ben.email}: membership of ${company} ${removal.membership?.status ?? '?'} (a tombstone), signed out  [store]`,
        );
        world.check(
          'the membership is a tombstone',
          { removed: removal.removed, status: removal.membership?.status },
          { removed: true, status: 'removed' },
        );
        const now = await findPoolUser(world.operations, world.operator, ben.email);
        const groups = await world.operations.pool.groupsOf(world.stack.userPoolId, now.username);
        world.say(
          `${ben.email}: custom:tenant_id ${now.tenantId ?? '(none)'}, groups ${groups.join(', ') || '(none)'}  [pool]`,
        );
        world.check(
          'custom:tenant_id and the role group are gone',
          { tenantId: now.tenantId, groups },
          { tenantId: undefined, groups: [] },
        );
        world.check(
          'pre authentication refuses the sign-in (TENANT_MEMBERSHIP_REMOVED): no token at all',
          await world.refusedSignIn(ben),
          triggerRefusal('TENANT_MEMBERSHIP_REMOVED'),
        );
        world.say(
          '(pre authentication reads the store at each sign-in; its cache key holds custom:tenant_id,',
        );
        world.say(' which the removal cleared, so the refusal shows at once)');
      },
    },
    {
      title: `An operator suspends ${GLOBEX} (suspendTenant): its admin's sign-in is refused`,
      async run(world) {
        const tenant = await suspendTenant(world.operations, world.operator, GLOBEX);
        world.say(`tenant ${tenant.id}: ${tenant.status}  [store]`);
        world.check(`${GLOBEX} is suspended`, tenant.status, 'suspended');
        await world.waitOutTenantCache(
          `a suspension changes nothing in the sign-in events, so warm functions answer from their cache until it expires (in AWS within ${world.deployedTtl()} s)`,
        );
        world.check(
          'pre authentication refuses the sign-in (TENANT_SUSPENDED)',
          await world.refusedSignIn(gil),
          triggerRefusal('TENANT_SUSPENDED'),
        );
      },
    },
    {
      title: `The operator resumes ${GLOBEX} (resumeTenant): the sign-in works again`,
      async run(world) {
        const tenant = await resumeTenant(world.operations, world.operator, GLOBEX);
        world.say(`tenant ${tenant.id}: ${tenant.status}  [store]`);
        world.check(`${GLOBEX} is active again`, tenant.status, 'active');
        await world.waitOutTenantCache(
          `the refusal was cached too (in AWS the end of a suspension shows within ${world.deployedTtl()} s)`,
        );
        const { AuthenticationResult } = await world.signIn(gil);
        const claims = world.tokenClaims(gil, 'id (after resume)', AuthenticationResult?.IdToken);
        world.checkClaims(claims, await world.lookup(gil));
      },
    },
  ];
}
