export {
  type ConfigDefinition,
  type ConfigOf,
  defineConfig,
  type Environment,
  env,
  type Variable,
} from './config.js';
export { abortAfter, COGNITO_TIMEOUT_MS, createDeadline, type Deadline } from './deadline.js';
export {
  type AnyTriggerEvent,
  type CognitoTriggerHandler,
  defineTrigger,
  type TriggerContext,
  type TriggerDefinition,
} from './define-trigger.js';
export {
  type EmailAddress,
  type EmailParseResult,
  normaliseDomain,
  parseEmailAddress,
} from './email.js';
export {
  ConfigError,
  DeadlineExceededError,
  GENERIC_ERROR_MESSAGE,
  TIMEOUT_ERROR_MESSAGE,
  UserFacingError,
} from './errors.js';
export {
  type AuthChallengeTriggerEvent,
  ChallengeName,
  type ChallengeResult,
  type CreateAuthChallengeEvent,
  CreateAuthChallengeSource,
  type CreateAuthChallengeTriggerEvent,
  type DefineAuthChallengeEvent,
  DefineAuthChallengeSource,
  type DefineAuthChallengeTriggerEvent,
  type VerifyAuthChallengeResponseEvent,
  VerifyAuthChallengeResponseSource,
  type VerifyAuthChallengeResponseTriggerEvent,
} from './events/auth-challenge.js';
export type {
  CognitoTriggerEventBase,
  JsonValue,
  NullableStringMap,
  StringMap,
} from './events/common.js';
export {
  CUSTOM_MESSAGE_SOURCES,
  type CustomMessageEvent,
  CustomMessageLimits,
  CustomMessagePlaceholders,
  CustomMessageSource,
  type CustomMessageTriggerEvent,
} from './events/custom-message.js';
export {
  type AccountTakeoverAction,
  type AccountTakeoverNotificationAttributes,
  type CustomEmailSenderEvent,
  CustomEmailSenderSource,
  type CustomEmailSenderTriggerEvent,
  CustomSenderRequestType,
  type CustomSmsSenderEvent,
  CustomSmsSenderSource,
  type CustomSmsSenderTriggerEvent,
} from './events/custom-sender.js';
export {
  type InboundFederationEvent,
  type InboundFederationRequest,
  InboundFederationSource,
  type InboundFederationTriggerEvent,
  type OidcProviderAttributes,
  type OidcProviderType,
  ProviderType,
  type SamlProviderAttributes,
} from './events/inbound-federation.js';
export {
  type PostAuthenticationEvent,
  PostAuthenticationSource,
  type PostAuthenticationTriggerEvent,
} from './events/post-authentication.js';
export {
  type PostConfirmationEvent,
  PostConfirmationSource,
  type PostConfirmationTriggerEvent,
} from './events/post-confirmation.js';
export {
  type PreAuthenticationEvent,
  PreAuthenticationSource,
  type PreAuthenticationTriggerEvent,
} from './events/pre-authentication.js';
export {
  type PreSignUpEvent,
  PreSignUpSource,
  type PreSignUpTriggerEvent,
} from './events/pre-signup.js';
export {
  type AccessTokenClaimsOverride,
  type ClaimsAndScopeOverrideDetails,
  type ClaimsOverrideDetailsV1,
  type GroupConfiguration,
  type GroupOverrideDetails,
  isReservedClaim,
  PreTokenGenerationSource,
  type PreTokenGenerationTriggerEvent,
  type PreTokenGenerationUserSource,
  type PreTokenGenerationV1Event,
  type PreTokenGenerationV1TriggerEvent,
  type PreTokenGenerationV2Event,
  type PreTokenGenerationV2TriggerEvent,
  type PreTokenGenerationV3Event,
  type PreTokenGenerationV3TriggerEvent,
  preTokenGenerationVersion,
  RESERVED_CLAIMS,
  type TokenClaimsOverride,
} from './events/pre-token-generation.js';
export type { CognitoTriggerEvent, CognitoTriggerSource } from './events/trigger-event.js';
export {
  type DeliveryMedium,
  type MigratedUserStatus,
  type UserMigrationEvent,
  UserMigrationSource,
  type UserMigrationTriggerEvent,
} from './events/user-migration.js';
export { createLogger, type LogFields, type TriggerLogger } from './logger.js';
export {
  mergeSettings,
  type Setting,
  type SettingKind,
  SettingsError,
  type SettingsTable,
  settingOf,
  settingsToEnvironment,
} from './settings.js';
