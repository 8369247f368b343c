/**
 * Builders of realistic, AWS-shaped Cognito trigger events for tests, one for every
 * `triggerSource` of the suite's five triggers, modelled on the sample events in the Amazon
 * Cognito developer guide. Each call returns a fresh object: mutate it freely.
 *
 * @example
 * import { preSignUpEvent } from '@cognito-triggers/events/testing';
 * const event = preSignUpEvent('PreSignUp_SignUp', { email: 'ana@example.com' });
 *
 * @see https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-working-with-lambda-triggers.html
 */
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
export { type MalformedEvent, malformedEvents } from './malformed.js';
