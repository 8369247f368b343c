import {
  AdminCreateUserCommand,
  AdminGetUserCommand,
  AdminInitiateAuthCommand,
  AdminRespondToAuthChallengeCommand,
  type AuthenticationResultType,
  ChallengeNameType,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { describe, expect, it } from 'vitest';
import { decodeJwtPayload } from '../src/claims-table.js';
import { latestMessage } from '../src/messages.js';
import { NEW_PASSWORD } from '../src/scenario/people.js';
import { clients, rejection, stack, useStack } from './support.js';

const logs: string[] = [];

useStack({
  log: (line) => logs.push(line),
  overrideFunctions: { PreTokenGeneration: { environment: { TOKEN_CACHE_TTL_SECONDS: '0' } } },
});

const INCORRECT = 'Incorrect username or password.';

/**
 * An account an administrator creates with a verified address (provisioned by its domain at its
 * first sign-in); its `sub` and the temporary password of the invitation message.
 */
async function invite(email: string): Promise<{ sub: string; temporary: string }> {
  const { User } = await clients.cognito.send(
    new AdminCreateUserCommand({
      UserPoolId: stack.userPoolId,
      Username: email,
      UserAttributes: [
        { Name: 'email', Value: email },
        { Name: 'email_verified', Value: 'true' },
      ],
      DesiredDeliveryMediums: ['EMAIL'],
    }),
  );
  const sub = User?.Attributes?.find((attribute) => attribute.Name === 'sub')?.Value;
  const temporary = latestMessage(stack.messages(), email, 'AdminCreateUser')?.code;
  if (sub === undefined || temporary === undefined) throw new Error(`no invitation for ${email}`);
  return { sub, temporary };
}

const passwordSignIn = (email: string, password: string) =>
  clients.cognito.send(
    new InitiateAuthCommand({
      ClientId: stack.clientId,
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: email, PASSWORD: password },
    }),
  );

const refresh = (result: AuthenticationResultType | undefined) =>
  clients.cognito.send(
    new InitiateAuthCommand({
      ClientId: stack.clientId,
      AuthFlow: 'REFRESH_TOKEN_AUTH',
      AuthParameters: { REFRESH_TOKEN: result?.RefreshToken ?? '' },
    }),
  );

const statusOf = async (email: string) =>
  (
    await clients.cognito.send(
      new AdminGetUserCommand({ UserPoolId: stack.userPoolId, Username: email }),
    )
  ).UserStatus;

/** The trigger sources the token function logged for a user, in order. */
const tokenSourcesOf = (sub: string) =>
  logs
    .filter((line) => line.startsWith('[PreTokenGeneration] '))
    .map((line) => JSON.parse(line.slice('[PreTokenGeneration] '.length)))
    .filter((line) => line.message === 'invocation' && line.sub === sub)
    .map((line) => line.triggerSource as string);

describe('an invitee’s first sign-in (NEW_PASSWORD_REQUIRED)', () => {
  it('reaches the token trigger as TokenGeneration_NewPasswordChallenge; its refresh token works', async () => {
    const { sub, temporary } = await invite('ida@example.com');

    const challenge = await passwordSignIn('ida@example.com', temporary);
    const answer = await clients.cognito.send(
      new RespondToAuthChallengeCommand({
        ClientId: stack.clientId,
        ChallengeName: ChallengeNameType.NEW_PASSWORD_REQUIRED,
        Session: challenge.Session,
        ChallengeResponses: { USERNAME: 'ida@example.com', NEW_PASSWORD },
      }),
    );
    const refreshed = await refresh(answer.AuthenticationResult);

    expect(challenge.ChallengeName).toBe(ChallengeNameType.NEW_PASSWORD_REQUIRED);
    expect(answer.AuthenticationResult?.RefreshToken).toEqual(expect.any(String));
    expect(decodeJwtPayload(answer.AuthenticationResult?.IdToken ?? '')).toMatchObject({
      tenant_id: 'example',
      'cognito:groups': [expect.stringMatching(/^tenant-(admin|member)$/)],
    });
    expect(decodeJwtPayload(refreshed.AuthenticationResult?.IdToken ?? '')).toMatchObject({
      sub,
      tenant_id: 'example',
    });
    expect(tokenSourcesOf(sub)).toEqual([
      'TokenGeneration_NewPasswordChallenge',
      'TokenGeneration_RefreshTokens',
    ]);
    expect(await statusOf('ida@example.com')).toBe('CONFIRMED');
  });

  it('stores the attributes the answer sets before the tokens are made, but not a new email', async () => {
    const answerWith = async (email: string, attributes: Record<string, string>) => {
      const { temporary } = await invite(email);
      const challenge = await passwordSignIn(email, temporary);
      const answer = await clients.cognito.send(
        new RespondToAuthChallengeCommand({
          ClientId: stack.clientId,
          ChallengeName: ChallengeNameType.NEW_PASSWORD_REQUIRED,
          Session: challenge.Session,
          ChallengeResponses: { USERNAME: email, NEW_PASSWORD, ...attributes },
        }),
      );
      const { UserAttributes } = await clients.cognito.send(
        new AdminGetUserCommand({ UserPoolId: stack.userPoolId, Username: email }),
      );
      return {
        id: decodeJwtPayload(answer.AuthenticationResult?.IdToken ?? ''),
        stored: Object.fromEntries((UserAttributes ?? []).map((a) => [a.Name, a.Value])),
      };
    };

    const named = await answerWith('ivo@example.com', { 'userAttributes.name': 'Ivo Ilić' });
    // Another address given at the first sign-in is not taken as verified: the verified one
    // stays, and with it the tenant.
    const moved = await answerWith('una@example.com', {
      'userAttributes.email': 'una@elsewhere.example',
      'userAttributes.given_name': 'Una',
    });

    expect(named.stored).toMatchObject({ name: 'Ivo Ilić', email_verified: 'true' });
    expect(named.id).toMatchObject({ name: 'Ivo Ilić', tenant_id: 'example' });
    expect(moved.stored).toMatchObject({
      email: 'una@example.com',
      email_verified: 'true',
      given_name: 'Una',
    });
    expect(moved.id).toMatchObject({ email: 'una@example.com', tenant_id: 'example' });
  });

  it('refuses a wrong temporary password as Cognito does, and the invitee stays invited', async () => {
    const { temporary } = await invite('jon@example.com');

    const refused = await rejection(passwordSignIn('jon@example.com', `${temporary}0`));

    expect(refused).toMatchObject({ name: 'NotAuthorizedException', message: INCORRECT });
    expect(await statusOf('jon@example.com')).toBe('FORCE_CHANGE_PASSWORD');
    await expect(passwordSignIn('jon@example.com', temporary)).resolves.toMatchObject({
      ChallengeName: ChallengeNameType.NEW_PASSWORD_REQUIRED,
    });
  });

  it('refuses a new password sent without the session of the challenge', async () => {
    await invite('kim@example.com');

    const refused = await rejection(
      clients.cognito.send(
        new RespondToAuthChallengeCommand({
          ClientId: stack.clientId,
          ChallengeName: ChallengeNameType.NEW_PASSWORD_REQUIRED,
          Session: 'not-the-session-of-a-challenge',
          ChallengeResponses: { USERNAME: 'kim@example.com', NEW_PASSWORD },
        }),
      ),
    );

    expect(refused).toMatchObject({
      name: 'NotAuthorizedException',
      message: 'Invalid session for the user.',
    });
    expect(await statusOf('kim@example.com')).toBe('FORCE_CHANGE_PASSWORD');
  });

  it('the admin flow too: AdminInitiateAuth asks for a new password, AdminRespondToAuthChallenge answers', async () => {
    const { sub, temporary } = await invite('lea@example.com');
    const adminSignIn = (password: string) =>
      clients.cognito.send(
        new AdminInitiateAuthCommand({
          UserPoolId: stack.userPoolId,
          ClientId: stack.clientId,
          AuthFlow: 'ADMIN_USER_PASSWORD_AUTH',
          AuthParameters: { USERNAME: 'lea@example.com', PASSWORD: password },
        }),
      );

    const refused = await rejection(adminSignIn('Wrong-Password-1'));
    const challenge = await adminSignIn(temporary);
    const answer = await clients.cognito.send(
      new AdminRespondToAuthChallengeCommand({
        UserPoolId: stack.userPoolId,
        ClientId: stack.clientId,
        ChallengeName: ChallengeNameType.NEW_PASSWORD_REQUIRED,
        Session: challenge.Session,
        ChallengeResponses: { USERNAME: 'lea@example.com', NEW_PASSWORD },
      }),
    );
    const refreshed = await refresh(answer.AuthenticationResult);

    expect(refused).toMatchObject({ name: 'NotAuthorizedException', message: INCORRECT });
    expect(challenge).toMatchObject({
      ChallengeName: ChallengeNameType.NEW_PASSWORD_REQUIRED,
      Session: expect.any(String),
    });
    expect(challenge.AuthenticationResult).toBeUndefined();
    expect(decodeJwtPayload(refreshed.AuthenticationResult?.AccessToken ?? '')).toMatchObject({
      sub,
      tenant_id: 'example',
    });
    expect(tokenSourcesOf(sub)).toEqual([
      'TokenGeneration_NewPasswordChallenge',
      'TokenGeneration_RefreshTokens',
    ]);
  });
});
