import type {
  CreateAuthChallengeTriggerEvent,
  DefineAuthChallengeTriggerEvent,
  VerifyAuthChallengeResponseTriggerEvent,
} from './auth-challenge.js';
import type { CustomMessageTriggerEvent } from './custom-message.js';
import type {
  CustomEmailSenderTriggerEvent,
  CustomSmsSenderTriggerEvent,
} from './custom-sender.js';
import type { InboundFederationTriggerEvent } from './inbound-federation.js';
import type { PostAuthenticationTriggerEvent } from './post-authentication.js';
import type { PostConfirmationTriggerEvent } from './post-confirmation.js';
import type { PreAuthenticationTriggerEvent } from './pre-authentication.js';
import type { PreSignUpTriggerEvent } from './pre-signup.js';
import type { PreTokenGenerationTriggerEvent } from './pre-token-generation.js';
import type { UserMigrationTriggerEvent } from './user-migration.js';

/**
 * Every Cognito user pool trigger event this library types, as one union that a
 * `switch (event.triggerSource)` narrows (no two triggers share a source): for one function
 * attached to several triggers, such as the three custom authentication challenge triggers.
 *
 * Every member fits `AnyTriggerEvent`, the structural type `defineTrigger` requires.
 *
 * @example
 * switch (event.triggerSource) {
 *   case 'DefineAuthChallenge_Authentication': return define(event);
 *   case 'CreateAuthChallenge_Authentication': return create(event);
 *   case 'VerifyAuthChallengeResponse_Authentication': return verify(event);
 *   default: throw new Error(`unexpected ${event.triggerSource}`);
 * }
 *
 * @see https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-working-with-lambda-triggers.html
 */
export type CognitoTriggerEvent =
  | PreSignUpTriggerEvent
  | PostConfirmationTriggerEvent
  | PreAuthenticationTriggerEvent
  | PostAuthenticationTriggerEvent
  | PreTokenGenerationTriggerEvent
  | CustomMessageTriggerEvent
  | DefineAuthChallengeTriggerEvent
  | CreateAuthChallengeTriggerEvent
  | VerifyAuthChallengeResponseTriggerEvent
  | UserMigrationTriggerEvent
  | CustomEmailSenderTriggerEvent
  | CustomSmsSenderTriggerEvent
  | InboundFederationTriggerEvent;

/** Every `triggerSource` of every trigger {@link CognitoTriggerEvent} covers. */
export type CognitoTriggerSource = CognitoTriggerEvent['triggerSource'];
