import { describe, expectTypeOf, it } from 'vitest';
import type {
  CustomMessageTriggerEvent,
  JsonValue,
  PreAuthenticationTriggerEvent,
  PreSignUpTriggerEvent,
  PreTokenGenerationTriggerEvent,
  PreTokenGenerationV1Event,
  PreTokenGenerationV2Event,
  PreTokenGenerationV3TriggerEvent,
} from '../src/index.js';

// These assertions are checked by the compiler (`pnpm typecheck`); each `@ts-expect-error`
// fails the type check if the line below it ever compiles.
describe('event types', () => {
  it('narrow by triggerSource', () => {
    const narrow = (event: CustomMessageTriggerEvent) => {
      if (event.triggerSource === 'CustomMessage_AdminCreateUser') {
        expectTypeOf(event.request.usernameParameter).toEqualTypeOf<string>();
      } else {
        expectTypeOf(event.request.usernameParameter).toEqualTypeOf<string | null>();
      }
    };
    expectTypeOf(narrow).toBeFunction();
  });

  it('type V1 claims as strings and V2 claims as JSON values', () => {
    type V1Claims = NonNullable<
      NonNullable<
        PreTokenGenerationV1Event['response']['claimsOverrideDetails']
      >['claimsToAddOrOverride']
    >;
    type V2Claims = NonNullable<
      NonNullable<
        NonNullable<
          PreTokenGenerationV2Event['response']['claimsAndScopeOverrideDetails']
        >['idTokenGeneration']
      >['claimsToAddOrOverride']
    >;
    expectTypeOf<V1Claims[string]>().toEqualTypeOf<string>();
    expectTypeOf<V2Claims[string]>().toEqualTypeOf<JsonValue>();
    // @ts-expect-error a V1 claim cannot be a number
    const v1: V1Claims = { tier: 3 };
    const v2: V2Claims = { tier: 3, tenant: { id: 'acme', roles: ['admin'] } };
    expectTypeOf(v1).not.toBeNever();
    expectTypeOf(v2).not.toBeNever();
  });

  it('let validationData and clientMetadata be null', () => {
    expectTypeOf<PreSignUpTriggerEvent['request']['validationData']>().toEqualTypeOf<
      Record<string, string> | null | undefined
    >();
  });

  it('type a pre authentication event: nullable validationData, optional userNotFound, empty response', () => {
    expectTypeOf<
      PreAuthenticationTriggerEvent['triggerSource']
    >().toEqualTypeOf<'PreAuthentication_Authentication'>();
    expectTypeOf<PreAuthenticationTriggerEvent['request']['validationData']>().toEqualTypeOf<
      Record<string, string> | null | undefined
    >();
    expectTypeOf<PreAuthenticationTriggerEvent['request']['userNotFound']>().toEqualTypeOf<
      boolean | undefined
    >();
    // @ts-expect-error pre authentication cannot change anything in its response
    const response: PreAuthenticationTriggerEvent['response'] = { autoConfirmUser: true };
    expectTypeOf(response).not.toBeNever();
  });

  it('include user sign-ins and client credentials in version 3', () => {
    expectTypeOf<'TokenGeneration_RefreshTokens'>().toMatchTypeOf<
      PreTokenGenerationV3TriggerEvent['triggerSource']
    >();
    expectTypeOf<'TokenGeneration_ClientCredentials'>().toMatchTypeOf<
      PreTokenGenerationTriggerEvent['triggerSource']
    >();
  });

  it('reject a source that does not exist', () => {
    // @ts-expect-error not a pre sign-up source
    const source: PreSignUpTriggerEvent['triggerSource'] = 'PreSignUp_Typo';
    expectTypeOf(source).toBeString();
  });
});

describe('event builders', () => {
  it('return the union of events when given a union of sources', async () => {
    const { customMessageEvent, preAuthenticationEvent, preTokenGenerationEvent } = await import(
      '../src/testing/index.js'
    );
    expectTypeOf(preAuthenticationEvent()).toExtend<PreAuthenticationTriggerEvent>();
    const source = 'CustomMessage_SignUp' as
      | 'CustomMessage_SignUp'
      | 'CustomMessage_AdminCreateUser';
    expectTypeOf(customMessageEvent(source)).toExtend<CustomMessageTriggerEvent>();
    const tokenSource = 'TokenGeneration_HostedAuth' as
      | 'TokenGeneration_HostedAuth'
      | 'TokenGeneration_RefreshTokens';
    expectTypeOf(
      preTokenGenerationEvent(1, tokenSource),
    ).toExtend<PreTokenGenerationTriggerEvent>();
  });
});
