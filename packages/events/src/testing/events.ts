import type { StringMap } from '../events/common.js';
import {
  CUSTOM_MESSAGE_SOURCES,
  type CustomMessageEvent,
  CustomMessagePlaceholders,
  CustomMessageSource,
} from '../events/custom-message.js';
import { type PostConfirmationEvent, PostConfirmationSource } from '../events/post-confirmation.js';
import {
  type PreAuthenticationEvent,
  PreAuthenticationSource,
} from '../events/pre-authentication.js';
import { type PreSignUpEvent, PreSignUpSource } from '../events/pre-signup.js';
import {
  PreTokenGenerationSource,
  type PreTokenGenerationUserSource,
  type PreTokenGenerationV1Event,
  type PreTokenGenerationV2Event,
  type PreTokenGenerationV3Event,
} from '../events/pre-token-generation.js';

// One event type per member of a union of sources: a builder called with several sources
// returns the union of their events, which the trigger's own union type accepts.
type PreSignUpEventFor<TSource> = TSource extends PreSignUpEvent['triggerSource']
  ? PreSignUpEvent<TSource>
  : never;
type PostConfirmationEventFor<TSource> = TSource extends PostConfirmationEvent['triggerSource']
  ? PostConfirmationEvent<TSource>
  : never;
type CustomMessageEventFor<TSource> = TSource extends CustomMessageEvent['triggerSource']
  ? CustomMessageEvent<TSource>
  : never;

/** The values every builder uses unless told otherwise. */
export const SAMPLE = {
  region: 'eu-west-1',
  userPoolId: 'eu-west-1_EXAMPLE01',
  clientId: '3n4b5urk1ft4fl3mg5e62d9ado',
  sub: 'a1b2c3d4-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
  email: 'ana@example.com',
  awsSdkVersion: 'aws-sdk-unknown-unknown',
  phoneNumber: '+15555550100',
  /**
   * A custom sender's `request.code` as Cognito sends it: base64 of an AWS Encryption SDK message
   * (hence the `AYAD` prefix). Its body is not ciphertext: nothing decrypts it.
   */
  encryptedCode: 'AYADeHNhbXBsZSBjaXBoZXJ0ZXh0OiBub3QgZGVjcnlwdGFibGU=',
} as const;

/** Every `triggerSource` of the suite's five triggers, for tests that must cover them all. */
export const ALL_SOURCES = {
  preSignUp: Object.values(PreSignUpSource),
  postConfirmation: Object.values(PostConfirmationSource),
  preAuthentication: Object.values(PreAuthenticationSource),
  preTokenGeneration: Object.values(PreTokenGenerationSource),
  customMessage: CUSTOM_MESSAGE_SOURCES,
} as const;

export interface BuildOptions {
  /** The user's email (`email` attribute); `null` leaves the attribute out. */
  email?: string | null;
  /** Attributes added to (or replacing) the defaults. */
  userAttributes?: StringMap;
  /** Replaces `userName`; by default a UUID (email as username), `Google_…` when federated. */
  userName?: string;
  userPoolId?: string;
  region?: string;
  clientId?: string;
  clientMetadata?: StringMap | null;
}

/** The common parameters of every event; shared by the builder modules, not by the package. */
export interface Base<TSource extends string> {
  version: string;
  region: string;
  userPoolId: string;
  triggerSource: TSource;
  userName: string;
  callerContext: { awsSdkVersion: string; clientId: string };
}

export function base<TSource extends string>(
  triggerSource: TSource,
  options: BuildOptions,
  defaultUserName: string = SAMPLE.sub,
): Base<TSource> {
  return {
    version: '1',
    region: options.region ?? SAMPLE.region,
    userPoolId: options.userPoolId ?? SAMPLE.userPoolId,
    triggerSource,
    userName: options.userName ?? defaultUserName,
    callerContext: {
      awsSdkVersion: SAMPLE.awsSdkVersion,
      clientId: options.clientId ?? SAMPLE.clientId,
    },
  };
}

/** The defaults, then the email (unless `null`), then the caller's attributes. */
export function attributes(options: BuildOptions, defaults: StringMap): StringMap {
  const email = options.email === undefined ? SAMPLE.email : options.email;
  const result: StringMap = { ...defaults, ...(email === null ? {} : { email }) };
  return { ...result, ...options.userAttributes };
}

/**
 * A pre sign-up event. A self-service sign-up carries the typed attributes with
 * `email_verified` absent; a federated one a `Google_…` user name and the provider's
 * attributes; an admin-created one whatever the administrator set.
 */
export function preSignUpEvent<TSource extends PreSignUpEvent['triggerSource']>(
  source: TSource,
  options: BuildOptions & { validationData?: StringMap | null } = {},
): PreSignUpEventFor<TSource> {
  const federated = source === PreSignUpSource.ExternalProvider;
  return {
    ...base(source, options, federated ? 'Google_113345678901234567890' : SAMPLE.sub),
    request: {
      userAttributes: attributes(
        options,
        federated ? { email_verified: 'true', name: 'Ana Example' } : {},
      ),
      validationData: options.validationData === undefined ? null : options.validationData,
      clientMetadata: options.clientMetadata === undefined ? null : options.clientMetadata,
    },
    response: { autoConfirmUser: false, autoVerifyEmail: false, autoVerifyPhone: false },
  } as PreSignUpEventFor<TSource>;
}

/** A post confirmation event for a confirmed user (status attributes included, as AWS sends). */
export function postConfirmationEvent<TSource extends PostConfirmationEvent['triggerSource']>(
  source: TSource,
  options: BuildOptions = {},
): PostConfirmationEventFor<TSource> {
  return {
    ...base(source, options),
    request: {
      userAttributes: attributes(options, {
        sub: SAMPLE.sub,
        'cognito:user_status': 'CONFIRMED',
        email_verified: 'true',
      }),
      clientMetadata: options.clientMetadata === undefined ? null : options.clientMetadata,
    },
    response: {},
  } as PostConfirmationEventFor<TSource>;
}

export interface PreAuthenticationOptions extends Omit<BuildOptions, 'clientMetadata'> {
  /** The sign-in call's `ClientMetadata`, as Cognito passes it on; `null` by default. */
  validationData?: StringMap | null;
  /**
   * `true`: the app client prevents user existence errors and no such user exists. The event
   * then carries no attributes of a user (only those given in `userAttributes`).
   */
  userNotFound?: boolean;
}

/**
 * A pre authentication event (`PreAuthentication_Authentication`): a confirmed user signing in,
 * as in AWS's sample event, with `userNotFound: false` and `validationData: null` unless told
 * otherwise. There is no `clientMetadata`: the sign-in's `ClientMetadata` arrives as
 * `validationData`.
 *
 * @example
 * const event = preAuthenticationEvent({ userAttributes: { 'custom:tenant_id': 'acme' } });
 */
export function preAuthenticationEvent(
  options: PreAuthenticationOptions = {},
): PreAuthenticationEvent {
  const notFound = options.userNotFound === true;
  return {
    ...base(PreAuthenticationSource.Authentication, options),
    request: {
      userAttributes: notFound
        ? { ...options.userAttributes }
        : attributes(options, {
            sub: SAMPLE.sub,
            'cognito:user_status': 'CONFIRMED',
            email_verified: 'true',
          }),
      validationData: options.validationData === undefined ? null : options.validationData,
      userNotFound: notFound,
    },
    response: {},
  };
}

export interface PreTokenGenerationOptions extends BuildOptions {
  /** The groups Cognito would write into `cognito:groups`. */
  groups?: string[];
  iamRoles?: string[];
  preferredRole?: string | string[] | null;
  /** Requested scopes (versions 2 and 3). */
  scopes?: string[];
}

// Distributes over a union of sources, so that a builder called with any of several sources
// returns the union of their events, which the trigger's own union type accepts.
type PreTokenEventFor<TVersion extends 1 | 2 | 3, TSource extends string> = TSource extends unknown
  ? TVersion extends 1
    ? PreTokenGenerationV1Event<TSource & PreTokenGenerationUserSource>
    : TVersion extends 2
      ? PreTokenGenerationV2Event<TSource & PreTokenGenerationUserSource>
      : PreTokenGenerationV3Event<TSource & PreTokenGenerationV3Event['triggerSource']>
  : never;

type SourceFor<TVersion extends 1 | 2 | 3> = TVersion extends 3
  ? PreTokenGenerationV3Event['triggerSource']
  : PreTokenGenerationUserSource;

/**
 * A pre token generation event of the given version (`"1"`, `"2"` or `"3"` in `version`).
 * `TokenGeneration_ClientCredentials` exists in version 3 only and carries no user: no
 * `userName`, no attributes, no groups.
 */
export function preTokenGenerationEvent<
  TVersion extends 1 | 2 | 3,
  TSource extends SourceFor<TVersion>,
>(
  version: TVersion,
  source: TSource,
  options: PreTokenGenerationOptions = {},
): PreTokenEventFor<TVersion, TSource> {
  const machine = source === PreTokenGenerationSource.ClientCredentials;
  if (machine && version !== 3) {
    throw new TypeError('TokenGeneration_ClientCredentials exists in version 3 only');
  }
  const { userName: _userName, ...common } = base(source, options);
  const request = {
    userAttributes: machine
      ? {}
      : attributes(options, {
          sub: SAMPLE.sub,
          'cognito:user_status': 'CONFIRMED',
          email_verified: 'true',
        }),
    groupConfiguration: {
      groupsToOverride: machine ? [] : [...(options.groups ?? [])],
      iamRolesToOverride: machine ? [] : [...(options.iamRoles ?? [])],
      preferredRole: options.preferredRole ?? null,
    },
    clientMetadata: options.clientMetadata === undefined ? null : options.clientMetadata,
  };
  const event =
    version === 1
      ? { ...common, request, response: { claimsOverrideDetails: null } }
      : {
          ...common,
          version: String(version),
          request: {
            ...request,
            scopes:
              options.scopes ??
              (machine ? ['orders/read'] : ['openid', 'email', 'aws.cognito.signin.user.admin']),
          },
          response: { claimsAndScopeOverrideDetails: null },
        };
  return (machine
    ? event
    : { ...event, userName: options.userName ?? SAMPLE.sub }) as unknown as PreTokenEventFor<
    TVersion,
    TSource
  >;
}

/**
 * A custom message event with Cognito's placeholders: `{####}` for the code, `{username}` only
 * for `_AdminCreateUser` (null otherwise), `{##Click Here##}` for link verification. The
 * response starts with nulls: "use the pool's template".
 */
export function customMessageEvent<TSource extends CustomMessageEvent['triggerSource']>(
  source: TSource,
  options: BuildOptions & {
    codeParameter?: string;
    usernameParameter?: string | null;
    linkParameter?: string | null;
  } = {},
): CustomMessageEventFor<TSource> {
  const admin = source === CustomMessageSource.AdminCreateUser;
  return {
    ...base(source, options),
    request: {
      userAttributes: attributes(options, {
        sub: SAMPLE.sub,
        'cognito:user_status': admin ? 'FORCE_CHANGE_PASSWORD' : 'UNCONFIRMED',
        email_verified: 'false',
      }),
      codeParameter: options.codeParameter ?? CustomMessagePlaceholders.code,
      linkParameter:
        options.linkParameter === undefined
          ? CustomMessagePlaceholders.link
          : options.linkParameter,
      usernameParameter: (options.usernameParameter === undefined
        ? admin
          ? CustomMessagePlaceholders.username
          : null
        : options.usernameParameter) as CustomMessageEvent<TSource>['request']['usernameParameter'],
      clientMetadata: options.clientMetadata === undefined ? null : options.clientMetadata,
    },
    response: { smsMessage: null, emailMessage: null, emailSubject: null },
  } as CustomMessageEventFor<TSource>;
}
