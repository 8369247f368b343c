import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type AnyTriggerEvent,
  type AuthChallengeTriggerEvent,
  defineTrigger,
  type UserMigrationTriggerEvent,
} from '../src/index.js';
import {
  createAuthChallengeEvent,
  customEmailSenderEvent,
  customSmsSenderEvent,
  defineAuthChallengeEvent,
  inboundFederationEvent,
  lambdaContext,
  postAuthenticationEvent,
  SAMPLE,
  userMigrationEvent,
  verifyAuthChallengeResponseEvent,
} from '../src/testing/index.js';
import { captureStdout, type StdoutCapture } from '../src/testing/stdout.js';

let stdout: StdoutCapture;
/** Each log line the wrapper wrote, parsed. */
const logLines = () => stdout.chunks.map((chunk) => JSON.parse(chunk) as Record<string, unknown>);

beforeEach(() => {
  stdout = captureStdout();
});

afterEach(() => stdout.stop());

describe('defineTrigger with the triggers beyond the suite', () => {
  const cases = [
    postAuthenticationEvent(),
    defineAuthChallengeEvent(),
    createAuthChallengeEvent(),
    verifyAuthChallengeResponseEvent(),
    userMigrationEvent('UserMigration_Authentication'),
    userMigrationEvent('UserMigration_ForgotPassword'),
    inboundFederationEvent('Google'),
    inboundFederationEvent('SAML'),
    customEmailSenderEvent('CustomEmailSender_SignUp'),
    customEmailSenderEvent('CustomEmailSender_AccountTakeOverNotification'),
    customSmsSenderEvent('CustomSMSSender_Authentication'),
  ].map((event) => ({ source: event.triggerSource, event }));

  it.each(cases)(
    'returns the $source event it was given and logs its source',
    async ({ event }) => {
      const handler = defineTrigger({ name: 'Any', handle(_event: AnyTriggerEvent) {} });
      await expect(handler(event, lambdaContext())).resolves.toBe(event);
      expect(logLines()).toEqual([
        expect.objectContaining({
          message: 'invocation',
          outcome: 'ok',
          triggerSource: event.triggerSource,
          userPoolId: SAMPLE.userPoolId,
        }),
      ]);
    },
  );

  it('lets one function answer the three custom challenge triggers', async () => {
    const handler = defineTrigger({
      name: 'CustomAuth',
      handle(event: AuthChallengeTriggerEvent) {
        switch (event.triggerSource) {
          case 'DefineAuthChallenge_Authentication':
            event.response.challengeName = 'CUSTOM_CHALLENGE';
            event.response.issueTokens = false;
            event.response.failAuthentication = false;
            return;
          case 'CreateAuthChallenge_Authentication':
            event.response.publicChallengeParameters = { hint: 'sent by email' };
            event.response.privateChallengeParameters = { answer: '731902' };
            return;
          case 'VerifyAuthChallengeResponse_Authentication':
            event.response.answerCorrect =
              event.request.challengeAnswer === event.request.privateChallengeParameters.answer;
            return;
          default:
            event satisfies never;
        }
      },
    });
    const define = defineAuthChallengeEvent();
    const create = createAuthChallengeEvent();
    const right = verifyAuthChallengeResponseEvent({ challengeAnswer: '731902' });
    const wrong = verifyAuthChallengeResponseEvent({ challengeAnswer: '000000' });
    for (const event of [define, create, right, wrong]) await handler(event);
    expect(define.response).toEqual({
      challengeName: 'CUSTOM_CHALLENGE',
      issueTokens: false,
      failAuthentication: false,
    });
    expect(create.response.privateChallengeParameters).toEqual({ answer: '731902' });
    expect(right.response.answerCorrect).toBe(true);
    expect(wrong.response.answerCorrect).toBe(false);
  });

  it('migrates with the password only where the event has one', async () => {
    const seen: (string | undefined)[] = [];
    const handler = defineTrigger({
      name: 'UserMigration',
      handle(event: UserMigrationTriggerEvent) {
        seen.push(event.request.password);
        event.response.userAttributes = { email: SAMPLE.email, email_verified: 'true' };
        event.response.messageAction = 'SUPPRESS';
      },
    });
    await handler(userMigrationEvent('UserMigration_Authentication', { password: 'old-secret' }));
    await handler(userMigrationEvent('UserMigration_ForgotPassword'));
    expect(seen).toEqual(['old-secret', undefined]);
  });
});
