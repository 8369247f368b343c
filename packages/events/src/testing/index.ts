/**
 * Builders of realistic, AWS-shaped Cognito trigger events for tests, one for every
 * `triggerSource` of every trigger the library types (the suite's five, post authentication, the
 * custom authentication challenges, user migration, the custom senders, inbound federation),
 * modelled on the sample events in the Amazon Cognito developer guide and on captured events.
 * Each call returns a fresh object: mutate it freely. `loadHandler` loads a trigger's handler as
 * a cold start, with its environment, and captures its log lines; `bundleSplit` reads which
 * source files each of a trigger's bundles holds, and finds the `instanceof` checks that cannot
 * hold across them.
 *
 * @example
 * import { preSignUpEvent } from '@cognito-triggers/events/testing';
 * const event = preSignUpEvent('PreSignUp_SignUp', { email: 'ana@example.com' });
 *
 * @see https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-working-with-lambda-triggers.html
 */
export {
  type BundleSplit,
  bundleSplit,
  type InstanceofCrossing,
  type SourceBundle,
} from './bundle-split.js';
export { lambdaContext } from './context.js';
export {
  ALL_SOURCES,
  type BuildOptions,
  customMessageEvent,
  type PreAuthenticationOptions,
  type PreTokenGenerationOptions,
  postConfirmationEvent,
  preAuthenticationEvent,
  preSignUpEvent,
  preTokenGenerationEvent,
  SAMPLE,
} from './events.js';
export { collectGarbage } from './gc.js';
export {
  type CapturedLogs,
  type HandlerModule,
  type LoadedHandler,
  type LoadHandlerOptions,
  type LogLine,
  loadHandler,
} from './load-handler.js';
export { type MalformedEvent, malformedEvents } from './malformed.js';
export {
  type CustomSenderOptions,
  customEmailSenderEvent,
  customSmsSenderEvent,
} from './sender-events.js';
export {
  type AuthChallengeOptions,
  createAuthChallengeEvent,
  defineAuthChallengeEvent,
  type InboundFederationOptions,
  inboundFederationEvent,
  type PostAuthenticationOptions,
  postAuthenticationEvent,
  type UserMigrationOptions,
  userMigrationEvent,
  type VerifyAuthChallengeOptions,
  verifyAuthChallengeResponseEvent,
} from './sign-in-events.js';
export { EVERY_SOURCE } from './sources.js';
