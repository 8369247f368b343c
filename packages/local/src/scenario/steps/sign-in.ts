import {
  ConfirmForgotPasswordCommand,
  ForgotPasswordCommand,
  InitiateAuthCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import type { Claims } from '../../claims-table.js';
import { latestMessage } from '../../messages.js';
import { NEW_PASSWORD, type ScenarioPeople } from '../people.js';
import type { ScenarioStep } from '../step.js';

/** A verification code as Cognito sends it. */
const CODE = /^\d{6}$/;

/** Sign-in: everyone's tokens, a refresh, and a password reset. */
export function signInSteps(people: ScenarioPeople): ScenarioStep[] {
  const { ana, ben, carla, dan } = people;
  let refreshToken = '';
  let signedIn: Claims = {};
  return [
    {
      title:
        'Everyone signs in (USER_PASSWORD_AUTH): the tokens carry tenant, role and role group, the access token the role’s scopes',
      async run(world) {
        for (const user of [ana, ben, ...(carla === undefined ? [] : [carla]), dan]) {
          const { AuthenticationResult } = await world.signIn(user);
          const { id: claims, access } = world.tokenPair(user, 'sign-in', AuthenticationResult);
          if (user === ana) {
            refreshToken = AuthenticationResult?.RefreshToken ?? '';
            signedIn = claims;
          }
          const found = await world.lookup(user);
          world.checkClaims(claims, found);
          world.check(
            `${user.email}: cognito:groups holds the ${found?.membership.role} group`,
            world.roleGroups(claims),
            [world.groupOf(found?.membership.role)],
          );
          world.checkAccessToken(user, claims, access);
        }
      },
    },
    {
      title: 'A refresh (REFRESH_TOKEN_AUTH) recomputes the same claims',
      async run(world) {
        const { AuthenticationResult } = await world.cognito.send(
          new InitiateAuthCommand({
            ClientId: world.stack.clientId,
            AuthFlow: 'REFRESH_TOKEN_AUTH',
            AuthParameters: { REFRESH_TOKEN: refreshToken },
          }),
        );
        const { id: claims, access } = world.tokenPair(ana, 'refresh', AuthenticationResult);
        world.checkClaims(claims, await world.lookup(ana));
        world.checkAccessToken(ana, claims, access);
        const { tenantId, role, tier } = world.claimNames;
        const same = (token: Claims) => ({
          [tenantId]: token[tenantId],
          [role]: token[role],
          [tier]: token[tier],
        });
        world.check(
          `the refreshed token carries the sign-in's ${tenantId}, ${role} and ${tier}`,
          same(claims),
          same(signedIn),
        );
        world.check('and was issued afterwards', Number(claims.iat) >= Number(signedIn.iat), true);
      },
    },
    {
      title: 'A forgotten password: reset by emailed code, tenant unchanged',
      async run(world) {
        const before = await world.lookup(ben);
        const signUpCode = latestMessage(world.stack.messages(), ben.email, 'SignUp')?.code ?? '';
        await world.cognito.send(
          new ForgotPasswordCommand({ ClientId: world.stack.clientId, Username: ben.email }),
        );
        const reset = world.message(ben.email, 'ForgotPassword');
        world.check(
          'sign-up and reset codes are six digits, by email, and the reset code is a new one',
          {
            medium: reset.medium,
            sixDigits: [signUpCode, reset.code].map((code) => CODE.test(code)),
            newCode: reset.code !== signUpCode,
          },
          { medium: 'EMAIL', sixDigits: [true, true], newCode: true },
        );
        ben.password = NEW_PASSWORD;
        await world.cognito.send(
          new ConfirmForgotPasswordCommand({
            ClientId: world.stack.clientId,
            Username: ben.email,
            ConfirmationCode: reset.code,
            Password: ben.password,
          }),
        );
        const { AuthenticationResult } = await world.signIn(ben);
        world.say(`${ben.email} signs in with the new password`);
        world.check('the new password works', AuthenticationResult?.IdToken !== undefined, true);
        const after = await world.lookup(ben);
        world.check(
          'post confirmation (ConfirmForgotPassword) left the membership as it was',
          { role: after?.membership.role, tenant: after?.tenant.id },
          { role: before?.membership.role, tenant: before?.tenant.id },
        );
      },
    },
  ];
}
