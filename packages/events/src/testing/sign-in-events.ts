import {
  type ChallengeResult,
  type CreateAuthChallengeEvent,
  CreateAuthChallengeSource,
  type DefineAuthChallengeEvent,
  DefineAuthChallengeSource,
  type VerifyAuthChallengeResponseEvent,
  VerifyAuthChallengeResponseSource,
} from '../events/auth-challenge.js';
import type { StringMap } from '../events/common.js';
import {
  type InboundFederationEvent,
  type InboundFederationRequest,
  InboundFederationSource,
  type ProviderType,
} from '../events/inbound-federation.js';
import {
  type PostAuthenticationEvent,
  PostAuthenticationSource,
} from '../events/post-authentication.js';
import { type UserMigrationEvent, UserMigrationSource } from '../events/user-migration.js';
import { attributes, type BuildOptions, base, SAMPLE } from './events.js';

const confirmedUser = {
  sub: SAMPLE.sub,
  'cognito:user_status': 'CONFIRMED',
  email_verified: 'true',
} as const;

export interface PostAuthenticationOptions extends BuildOptions {
  /** `true`: the user signed in from a device the pool had not seen. `false` by default. */
  newDeviceUsed?: boolean;
}

/**
 * A post authentication event (`PostAuthentication_Authentication`): a confirmed user who has
 * just signed in from a known device, `clientMetadata: null`, an empty response.
 */
export function postAuthenticationEvent(
  options: PostAuthenticationOptions = {},
): PostAuthenticationEvent {
  return {
    ...base(PostAuthenticationSource.Authentication, options),
    request: {
      userAttributes: attributes(options, confirmedUser),
      newDeviceUsed: options.newDeviceUsed ?? false,
      clientMetadata: options.clientMetadata === undefined ? null : options.clientMetadata,
    },
    response: {},
  };
}

export interface AuthChallengeOptions extends BuildOptions {
  /** The challenges so far, oldest first. Empty by default: a flow that starts custom. */
  session?: ChallengeResult[];
  /**
   * `true`: the app client prevents user existence errors and no such user exists. The event
   * then carries no attributes of a user (only those given in `userAttributes`).
   */
  userNotFound?: boolean;
}

// The request fields the three challenge triggers share. Captured events carry no
// `clientMetadata` unless the client sent some, so it is left out unless given.
function challengeRequest(options: AuthChallengeOptions) {
  const notFound = options.userNotFound === true;
  return {
    userAttributes: notFound ? { ...options.userAttributes } : attributes(options, confirmedUser),
    ...(options.clientMetadata === undefined ? {} : { clientMetadata: options.clientMetadata }),
    userNotFound: notFound,
  };
}

const sessionOf = (options: AuthChallengeOptions): ChallengeResult[] =>
  (options.session ?? []).map((challenge) => ({ ...challenge }));

/**
 * A define auth challenge event, as Cognito sends it: the response's three fields `null`. By
 * default the first call of a flow that starts with `CHALLENGE_NAME: CUSTOM_CHALLENGE` (an
 * empty session); give `session` for a later call.
 *
 * @example
 * const session = [
 *   { challengeName: 'CUSTOM_CHALLENGE', challengeResult: true, challengeMetadata: 'OTP' },
 * ] as const;
 * defineAuthChallengeEvent({ session: [...session] });
 */
export function defineAuthChallengeEvent(
  options: AuthChallengeOptions = {},
): DefineAuthChallengeEvent {
  return {
    ...base(DefineAuthChallengeSource.Authentication, options),
    request: { ...challengeRequest(options), session: sessionOf(options) },
    response: { challengeName: null, issueTokens: null, failAuthentication: null },
  };
}

/**
 * A create auth challenge event for `CUSTOM_CHALLENGE` (or `challengeName`), the response's three
 * fields `null`, the session empty unless given.
 */
export function createAuthChallengeEvent(
  options: AuthChallengeOptions & { challengeName?: string } = {},
): CreateAuthChallengeEvent {
  return {
    ...base(CreateAuthChallengeSource.Authentication, options),
    request: {
      ...challengeRequest(options),
      challengeName: options.challengeName ?? 'CUSTOM_CHALLENGE',
      session: sessionOf(options),
    },
    response: {
      publicChallengeParameters: null,
      privateChallengeParameters: null,
      challengeMetadata: null,
    },
  };
}

export interface VerifyAuthChallengeOptions extends Omit<AuthChallengeOptions, 'session'> {
  /** What create auth challenge kept back; `{ answer: '731902' }` by default. */
  privateChallengeParameters?: StringMap;
  /** What the user answered; the default answer (correct) by default. */
  challengeAnswer?: string;
}

/** A verify auth challenge response event, `answerCorrect: null`; the answer right by default. */
export function verifyAuthChallengeResponseEvent(
  options: VerifyAuthChallengeOptions = {},
): VerifyAuthChallengeResponseEvent {
  const privateChallengeParameters = {
    ...(options.privateChallengeParameters ?? { answer: '731902' }),
  };
  return {
    ...base(VerifyAuthChallengeResponseSource.Authentication, options),
    request: {
      ...challengeRequest(options),
      privateChallengeParameters,
      challengeAnswer: options.challengeAnswer ?? privateChallengeParameters.answer ?? '',
    },
    response: { answerCorrect: null },
  };
}

type UserMigrationEventFor<TSource> = TSource extends UserMigrationEvent['triggerSource']
  ? UserMigrationEvent<TSource>
  : never;

export interface UserMigrationOptions
  extends Pick<BuildOptions, 'userPoolId' | 'region' | 'clientId' | 'clientMetadata'> {
  /** What the user typed to sign in; the sample email by default (the pool has no UUID yet). */
  userName?: string;
  /** The password typed (`UserMigration_Authentication` only). */
  password?: string;
  /** The sign-in call's `ClientMetadata`, as Cognito passes it on; `null` by default. */
  validationData?: StringMap | null;
}

/**
 * A user migration event of a user the pool does not know: a password for
 * `UserMigration_Authentication` only, `validationData` and `clientMetadata` `null`, and the
 * response's six fields `null`, as in AWS's sample.
 */
export function userMigrationEvent<TSource extends UserMigrationEvent['triggerSource']>(
  source: TSource,
  options: UserMigrationOptions = {},
): UserMigrationEventFor<TSource> {
  const signIn = source === UserMigrationSource.Authentication;
  return {
    ...base(source, options, SAMPLE.email),
    request: {
      ...(signIn ? { password: options.password ?? 'correct-horse-battery-staple' } : {}),
      validationData: options.validationData === undefined ? null : options.validationData,
      clientMetadata: options.clientMetadata === undefined ? null : options.clientMetadata,
    },
    response: {
      userAttributes: null,
      finalUserStatus: null,
      messageAction: null,
      desiredDeliveryMediums: null,
      forceAliasCreation: null,
      enableSMSMFA: null,
    },
  } as UserMigrationEventFor<TSource>;
}

type InboundFederationEventFor<TType> = TType extends ProviderType
  ? InboundFederationEvent & { request: Extract<InboundFederationRequest, { providerType: TType }> }
  : never;

export interface InboundFederationOptions
  extends Omit<BuildOptions, 'userAttributes' | 'clientMetadata'> {
  /** The provider's name in the pool: a social provider's type, else `ExampleOidc`/`ExampleSaml`. */
  providerName?: string;
  /** Replaces the provider's attributes (merged over the defaults, member by member). */
  attributes?: Partial<
    Record<'tokenResponse' | 'idToken' | 'userInfo' | 'samlResponse', StringMap>
  >;
}

const SAML_EMAIL = 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress';

/**
 * An inbound federation event (`InboundFederation_ExternalProvider`) for a provider of the given
 * type, as the developer guide shows it: for OIDC and social providers `tokenResponse`, `idToken`
 * and `userInfo` (string values), for SAML `samlResponse` with the provider's attribute names;
 * `userAttributesToMap` empty. `userName` is `<providerName>_<subject>`, as Cognito names
 * federated users.
 *
 * @example
 * const event = inboundFederationEvent('SAML', { attributes: { samlResponse: { groups: 'a' } } });
 */
export function inboundFederationEvent<TType extends ProviderType>(
  providerType: TType,
  options: InboundFederationOptions = {},
): InboundFederationEventFor<TType> {
  const saml = providerType === 'SAML';
  const providerName =
    options.providerName ??
    (saml ? 'ExampleSaml' : providerType === 'OIDC' ? 'ExampleOidc' : providerType);
  const subject = saml ? SAMPLE.email : '113345678901234567890';
  const email = options.email === undefined ? SAMPLE.email : options.email;
  const withEmail = (key: string): StringMap => (email === null ? {} : { [key]: email });
  const given = options.attributes ?? {};
  const attributes = saml
    ? { samlResponse: { ...withEmail(SAML_EMAIL), ...given.samlResponse } }
    : {
        tokenResponse: {
          access_token: 'example-access-token',
          token_type: 'Bearer',
          expires_in: '3600',
          ...given.tokenResponse,
        },
        idToken: { sub: subject, ...withEmail('email'), email_verified: 'true', ...given.idToken },
        userInfo: {
          ...withEmail('email'),
          given_name: 'Ana',
          family_name: 'Example',
          ...given.userInfo,
        },
      };
  return {
    ...base(InboundFederationSource.ExternalProvider, options, `${providerName}_${subject}`),
    request: { providerName, providerType, attributes },
    response: { userAttributesToMap: {} },
  } as InboundFederationEventFor<TType>;
}
