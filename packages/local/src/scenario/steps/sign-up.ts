import {
  AdminConfirmSignUpCommand,
  AdminCreateUserCommand,
  SignUpCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { REJECTION_TEXT, RejectionCode } from '@cognito-triggers/pre-signup';
import { TENANCY_USER_TEXT, TenancyErrorCode } from '@cognito-triggers/tenancy';
import { PASSWORD, type ScenarioPeople } from '../people.js';
import type { ScenarioStep } from '../step.js';

/** The error a refused sign-up shows, as Cognito words it (it adds the period). */
const DOMAIN_REFUSAL = `PreSignUp failed with error ${RejectionCode.DomainNotAllowed}: ${REJECTION_TEXT[RejectionCode.DomainNotAllowed]}.`;

/** What AdminConfirmSignUp answers when post confirmation refuses an unproved address. */
const UNVERIFIED_REFUSAL = `PostConfirmation failed with error ${TenancyErrorCode.EmailNotVerified}: ${TENANCY_USER_TEXT[TenancyErrorCode.EmailNotVerified]}.`;

/**
 * Sign-up: a refusal, two colleagues and a user of another domain, an invitation, an account an
 * administrator creates, and one confirmed without proving the address.
 */
export function signUpSteps(people: ScenarioPeople): ScenarioStep[] {
  const { ana, ben, carla, dan, eli, fay } = people;
  const steps: ScenarioStep[] = [
    {
      title: 'A sign-up from a domain the policy does not allow is refused',
      async run(world) {
        const email = `eve@${people.refused}`;
        const error = await world.refusal(
          email,
          world.cognito.send(
            new SignUpCommand({
              ClientId: world.stack.clientId,
              Username: email,
              Password: PASSWORD,
            }),
          ),
        );
        world.check(
          'the pre sign-up trigger refuses it with SIGNUP_DOMAIN_NOT_ALLOWED and its text',
          { name: error?.name, message: error?.message },
          { name: 'UserLambdaValidationException', message: DOMAIN_REFUSAL },
        );
      },
    },
    {
      title: `Two colleagues sign up with ${people.company} addresses`,
      async run(world) {
        for (const user of [ana, ben]) await world.signUp(user);
      },
    },
    {
      title: 'They confirm with the emailed codes: the first becomes the tenant admin',
      async run(world) {
        for (const user of [ana, ben]) await world.confirm(user);
        const [first, second] = [await world.lookup(ana), await world.lookup(ben)];
        world.sayMembership(ana, first);
        world.sayMembership(ben, second);
        world.check(
          `${ana.email} is the admin of a new tenant of ${people.company}`,
          { role: first?.membership.role, domain: first?.tenant.domain },
          { role: 'admin', domain: people.company },
        );
        if (people.mappedTenant !== undefined) {
          world.check(
            `the tenant is the one tenant_domain_map names for ${people.company}`,
            first?.tenant.id,
            people.mappedTenant,
          );
        }
        world.check(
          `${ben.email} is a member of the same tenant`,
          { role: second?.membership.role, tenant: second?.tenant.id },
          { role: 'member', tenant: first?.tenant.id },
        );
      },
    },
  ];
  if (carla !== undefined) {
    steps.push({
      title: `A user of another allowed domain (${people.other}) gets a tenant of their own`,
      async run(world) {
        await world.signUp(carla);
        await world.confirm(carla);
        const [theirs, colleagues] = [await world.lookup(carla), await world.lookup(ana)];
        world.sayMembership(carla, theirs);
        world.check(
          `${carla.email} is the admin of a different tenant`,
          {
            role: theirs?.membership.role,
            sameTenant: theirs?.tenant.id === colleagues?.tenant.id,
          },
          { role: 'admin', sameTenant: false },
        );
      },
    });
  }
  steps.push(
    {
      title: 'An administrator invites a colleague: AdminCreateUser, then an invitation record',
      async run(world) {
        const { User } = await world.cognito.send(
          new AdminCreateUserCommand({
            UserPoolId: world.stack.userPoolId,
            Username: dan.email,
            // The address is not marked verified: the invitation record is the proof.
            UserAttributes: [{ Name: 'email', Value: dan.email }],
            DesiredDeliveryMediums: ['EMAIL'],
          }),
        );
        dan.sub = User?.Attributes?.find((attribute) => attribute.Name === 'sub')?.Value ?? '';
        const company = await world.lookup(ana);
        const invitation = await world.store.createInvitation({
          sub: dan.sub,
          tenantId: company?.tenant.id ?? '',
          role: 'member',
          email: dan.email,
          invitedBy: 'demo operator',
          expiresAt: new Date(Date.now() + 7 * 24 * 3600 * 1000),
        });
        world.say(
          `invitation: ${dan.email} → tenant ${invitation.tenantId}, role ${invitation.role}, until ${invitation.expiresAt.slice(0, 10)}  [store]`,
        );
        dan.password = world.message(dan.email, 'AdminCreateUser').code;
        world.check(
          'no tenant yet: post confirmation never fires for an invited user',
          await world.lookup(dan),
          undefined,
        );
      },
    },
    {
      title: 'The invited colleague signs in for the first time and sets a password',
      async run(world) {
        const claims = await world.firstSignIn(dan);
        const found = await world.lookup(dan);
        world.sayMembership(dan, found);
        world.check(
          'the token trigger honoured the invitation: a member of their colleagues’ tenant',
          { role: found?.membership.role, tenant: found?.tenant.id },
          { role: 'member', tenant: (await world.lookup(ana))?.tenant.id },
        );
        world.checkClaims(claims, found);
      },
    },
    {
      title:
        'An administrator creates an account with a verified address and no invitation: the first sign-in provisions it by its domain',
      async run(world) {
        const { User } = await world.cognito.send(
          new AdminCreateUserCommand({
            UserPoolId: world.stack.userPoolId,
            Username: eli.email,
            UserAttributes: [
              { Name: 'email', Value: eli.email },
              { Name: 'email_verified', Value: 'true' },
            ],
            DesiredDeliveryMediums: ['EMAIL'],
          }),
        );
        eli.sub = User?.Attributes?.find((attribute) => attribute.Name === 'sub')?.Value ?? '';
        eli.password = world.message(eli.email, 'AdminCreateUser').code;
        const claims = await world.firstSignIn(eli);
        const found = await world.lookup(eli);
        world.sayMembership(eli, found);
        world.check(
          `the token trigger provisioned ${eli.email} as a member of the ${people.company} tenant`,
          { role: found?.membership.role, tenant: found?.tenant.id },
          { role: 'member', tenant: (await world.lookup(ana))?.tenant.id },
        );
        world.checkClaims(claims, found);
      },
    },
    {
      title: 'A colleague confirmed without proving the address (AdminConfirmSignUp) signs in',
      async run(world) {
        await world.signUp(fay);
        const error = await world.refusal(
          `AdminConfirmSignUp ${fay.email}`,
          world.cognito.send(
            new AdminConfirmSignUpCommand({
              UserPoolId: world.stack.userPoolId,
              Username: fay.email,
            }),
          ),
        );
        world.check(
          'post confirmation refuses to place an unproved address, and the call says so (the user stays confirmed, as in Cognito)',
          { name: error?.name, message: error?.message },
          { name: 'UserLambdaValidationException', message: UNVERIFIED_REFUSAL },
        );
        const { AuthenticationResult } = await world.signIn(fay);
        const claims = world.tokenClaims(fay, 'id (sign-in)', AuthenticationResult?.IdToken);
        const found = await world.lookup(fay);
        world.sayMembership(fay, found);
        const { tenantId, role } = world.claimNames;
        world.check(
          'a token, but no tenant claims: an unverified email proves nothing (an API refuses it)',
          { [tenantId]: claims[tenantId], [role]: claims[role] },
          { [tenantId]: undefined, [role]: undefined },
        );
        world.check('and nothing in the store: the email was never verified', found, undefined);
      },
    },
  );
  return steps;
}
