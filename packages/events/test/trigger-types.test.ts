import { describe, expectTypeOf, it } from 'vitest';
import type {
  AccountTakeoverNotificationAttributes,
  AnyTriggerEvent,
  ChallengeName,
  CognitoTriggerEvent,
  CognitoTriggerSource,
  CustomEmailSenderEvent,
  CustomEmailSenderTriggerEvent,
  CustomSmsSenderTriggerEvent,
  DefineAuthChallengeTriggerEvent,
  InboundFederationTriggerEvent,
  StringMap,
  UserMigrationTriggerEvent,
} from '../src/index.js';
import type { EVERY_SOURCE } from '../src/testing/index.js';

// Checked by the compiler (`pnpm typecheck`): each `@ts-expect-error` fails the type check if the
// line below it ever compiles, and each `expectTypeOf` fails it if the types differ.
describe('event types of the triggers beyond the suite', () => {
  it('give an account takeover notification no code, every other email a string', () => {
    const narrow = (event: CustomEmailSenderTriggerEvent) => {
      if (event.triggerSource === 'CustomEmailSender_AccountTakeOverNotification') {
        expectTypeOf(event.request.code).toEqualTypeOf<null>();
        expectTypeOf(
          event.request.userAttributes,
        ).toEqualTypeOf<AccountTakeoverNotificationAttributes>();
      } else {
        expectTypeOf(event.request.code).toEqualTypeOf<string>();
        expectTypeOf(event.request.userAttributes).toEqualTypeOf<StringMap>();
      }
    };
    expectTypeOf(narrow).toBeFunction();
    expectTypeOf<
      CustomEmailSenderEvent<'CustomEmailSender_SignUp'>['request']['type']
    >().toEqualTypeOf<'customEmailSenderRequestV1'>();
  });

  it('give every SMS a code, and no SMS an account takeover source', () => {
    expectTypeOf<CustomSmsSenderTriggerEvent['request']['code']>().toEqualTypeOf<string>();
    expectTypeOf<
      CustomSmsSenderTriggerEvent['request']['type']
    >().toEqualTypeOf<'customSMSSenderRequestV1'>();
    // @ts-expect-error the SMS sender has no account takeover notification
    const source: CustomSmsSenderTriggerEvent['triggerSource'] =
      'CustomSMSSender_AccountTakeOverNotification';
    expectTypeOf(source).toBeString();
  });

  it('give a password to the sign-in migration only', () => {
    const narrow = (event: UserMigrationTriggerEvent) => {
      if (event.triggerSource === 'UserMigration_Authentication') {
        expectTypeOf(event.request.password).toEqualTypeOf<string>();
      } else {
        expectTypeOf(event.request.password).toEqualTypeOf<undefined>();
      }
    };
    expectTypeOf(narrow).toBeFunction();
  });

  it('accept only the migration answers the developer guide documents', () => {
    type Response = UserMigrationTriggerEvent['response'];
    expectTypeOf<NonNullable<Response['finalUserStatus']>>().toEqualTypeOf<
      'CONFIRMED' | 'RESET_REQUIRED'
    >();
    expectTypeOf<NonNullable<Response['desiredDeliveryMediums']>>().toEqualTypeOf<
      ('EMAIL' | 'SMS')[]
    >();
    // @ts-expect-error RESEND is AdminCreateUser's, not the migration's
    const resend: Response = { messageAction: 'RESEND' };
    // @ts-expect-error a migrated user is confirmed or must reset, nothing else
    const archived: Response = { finalUserStatus: 'ARCHIVED' };
    expectTypeOf([resend, archived]).not.toBeNever();
  });

  it('tie the provider attributes to the provider type', () => {
    const narrow = (event: InboundFederationTriggerEvent) => {
      const { request } = event;
      if (request.providerType === 'SAML') {
        expectTypeOf(request.attributes.samlResponse).toEqualTypeOf<StringMap | undefined>();
        // @ts-expect-error a SAML provider sends no ID token
        expectTypeOf(request.attributes.idToken).toBeUnknown();
      } else {
        expectTypeOf(request.providerType).toEqualTypeOf<
          'OIDC' | 'Facebook' | 'Google' | 'SignInWithApple' | 'LoginWithAmazon'
        >();
        expectTypeOf(request.attributes.idToken).toEqualTypeOf<StringMap | undefined>();
        // @ts-expect-error an OIDC or social provider sends no SAML response
        expectTypeOf(request.attributes.samlResponse).toBeUnknown();
      }
    };
    expectTypeOf(narrow).toBeFunction();
    expectTypeOf<InboundFederationTriggerEvent['response']['userAttributesToMap']>().toEqualTypeOf<
      Record<string, string>
    >();
  });

  it('name only the challenges the developer guide lists, and let the answers arrive null', () => {
    expectTypeOf<ChallengeName>().toEqualTypeOf<
      | 'CUSTOM_CHALLENGE'
      | 'SRP_A'
      | 'PASSWORD_VERIFIER'
      | 'SMS_MFA'
      | 'EMAIL_OTP'
      | 'SOFTWARE_TOKEN_MFA'
      | 'DEVICE_SRP_AUTH'
      | 'DEVICE_PASSWORD_VERIFIER'
      | 'ADMIN_NO_SRP_AUTH'
    >();
    type Response = DefineAuthChallengeTriggerEvent['response'];
    const arrived: Response = { challengeName: null, issueTokens: null, failAuthentication: null };
    // @ts-expect-error a misspelt challenge
    const typo: Response = { challengeName: 'CUSTOM_CHALENGE' };
    expectTypeOf([arrived, typo]).not.toBeNever();
  });

  it('narrow the union of every trigger by triggerSource', () => {
    const narrow = (event: CognitoTriggerEvent) => {
      switch (event.triggerSource) {
        case 'CustomSMSSender_Authentication':
          expectTypeOf(event.request.code).toEqualTypeOf<string>();
          break;
        case 'VerifyAuthChallengeResponse_Authentication':
          expectTypeOf(event.request.challengeAnswer).toEqualTypeOf<string>();
          break;
        case 'PostAuthentication_Authentication':
          expectTypeOf(event.request.newDeviceUsed).toEqualTypeOf<boolean>();
          break;
      }
    };
    expectTypeOf(narrow).toBeFunction();
  });

  it('cover with CognitoTriggerSource exactly the sources EVERY_SOURCE lists', () => {
    type Listed = (typeof EVERY_SOURCE)[keyof typeof EVERY_SOURCE][number];
    expectTypeOf<Listed>().toEqualTypeOf<CognitoTriggerSource>();
  });

  it('fit defineTrigger, except the custom senders, which have no response', () => {
    type Senders = CustomEmailSenderTriggerEvent | CustomSmsSenderTriggerEvent;
    expectTypeOf<Exclude<CognitoTriggerEvent, Senders>>().toExtend<AnyTriggerEvent>();
  });
});

describe('builders of the triggers beyond the suite', () => {
  it('narrow what they return by the source or provider type given', async () => {
    const { customEmailSenderEvent, inboundFederationEvent, userMigrationEvent } = await import(
      '../src/testing/index.js'
    );
    expectTypeOf(
      customEmailSenderEvent('CustomEmailSender_AccountTakeOverNotification').request.code,
    ).toEqualTypeOf<null>();
    expectTypeOf(
      customEmailSenderEvent('CustomEmailSender_SignUp').request.code,
    ).toEqualTypeOf<string>();
    expectTypeOf(
      userMigrationEvent('UserMigration_ForgotPassword').request.password,
    ).toEqualTypeOf<undefined>();
    expectTypeOf(inboundFederationEvent('SAML').request.providerType).toEqualTypeOf<'SAML'>();
    const source = 'UserMigration_Authentication' as
      | 'UserMigration_Authentication'
      | 'UserMigration_ForgotPassword';
    expectTypeOf(userMigrationEvent(source)).toExtend<UserMigrationTriggerEvent>();
  });
});
