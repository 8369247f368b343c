import type { CognitoTriggerEventBase, StringMap } from './common.js';

/** The `triggerSource` of the inbound federation trigger. */
export const InboundFederationSource = {
  /** Every sign-in through an external provider, first or not, before the profile is written. */
  ExternalProvider: 'InboundFederation_ExternalProvider',
} as const;
export type InboundFederationSource =
  (typeof InboundFederationSource)[keyof typeof InboundFederationSource];

/** The kinds of identity provider the developer guide lists for `request.providerType`. */
export const ProviderType = {
  Oidc: 'OIDC',
  Saml: 'SAML',
  Facebook: 'Facebook',
  Google: 'Google',
  SignInWithApple: 'SignInWithApple',
  LoginWithAmazon: 'LoginWithAmazon',
} as const;
export type ProviderType = (typeof ProviderType)[keyof typeof ProviderType];

/** The providers that speak OAuth 2.0 / OpenID Connect: every type but `SAML`. */
export type OidcProviderType = Exclude<ProviderType, typeof ProviderType.Saml>;

/** What an OIDC or social provider answered, as Cognito passes it on (values as strings). */
export interface OidcProviderAttributes {
  /**
   * The provider's `/token` response: `access_token`, `id_token`, `refresh_token`, `token_type`,
   * `expires_in`, `scope`. Holds live credentials: never log it.
   */
  tokenResponse?: StringMap;
  /** The claims of the provider's ID token, decoded. */
  idToken?: StringMap;
  /** What the provider's userInfo endpoint returned. */
  userInfo?: StringMap;
}

/** What a SAML provider asserted: its attributes, by the names the provider gives them. */
export interface SamlProviderAttributes {
  samlResponse?: StringMap;
}

interface InboundFederationRequestOf<TType extends ProviderType, TAttributes> {
  /** The provider's name in the pool (`IdentityProvider.ProviderName`). */
  providerName: string;
  providerType: TType;
  /** What the provider sent, before Cognito processes it; the shape depends on `providerType`. */
  attributes: TAttributes;
}

/** The request of an inbound federation event, narrowed by `providerType`. */
export type InboundFederationRequest =
  | {
      [T in OidcProviderType]: InboundFederationRequestOf<T, OidcProviderAttributes>;
    }[OidcProviderType]
  | InboundFederationRequestOf<typeof ProviderType.Saml, SamlProviderAttributes>;

/**
 * The inbound federation event: a user signs in through an external SAML, OIDC or social provider,
 * and Cognito asks, before it creates or updates the user's profile, which attributes to write.
 * `request.attributes` holds what the provider sent, narrowed by `request.providerType`:
 * `tokenResponse`, `idToken` and `userInfo` for OIDC and social providers, `samlResponse` for
 * SAML. Set `response.userAttributesToMap` to the attributes Cognito is to apply to the profile:
 * the developer guide's use is to add, override or suppress what the provider sent (an oversized
 * group list, a claim to normalise). Trigger version `V1_0` only.
 *
 * `@types/aws-lambda` (8.10.164) has this trigger, with one `attributes` object whose four
 * members are all optional whatever the provider; this type ties them to `providerType`.
 *
 * @example
 * if (event.request.providerType === 'SAML') {
 *   const { groups: _tooLong, ...kept } = event.request.attributes.samlResponse ?? {};
 *   event.response.userAttributesToMap = kept;
 * }
 *
 * @see https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-inbound-federation.html
 */
export interface InboundFederationEvent<
  TSource extends InboundFederationSource = InboundFederationSource,
> extends CognitoTriggerEventBase<TSource> {
  request: InboundFederationRequest;
  response: {
    userAttributesToMap: StringMap;
  };
}

export type InboundFederationTriggerEvent = {
  [S in InboundFederationSource]: InboundFederationEvent<S>;
}[InboundFederationSource];
