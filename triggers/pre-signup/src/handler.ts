import {
  defineTrigger,
  type PreSignUpTriggerEvent,
  UserFacingError,
} from '@cognito-triggers/events';
import { preSignUpConfig } from './config.js';
import { decideSignUp, REJECTION_TEXT } from './decide.js';

/**
 * Pre sign-up: only allowlisted email domains may register. Decides with the policy read at
 * cold start, then either rejects with a stable code or lets the sign-up through, never
 * auto-verifying an email the user typed.
 */
export const handler = defineTrigger({
  name: 'PreSignUp',
  config: preSignUpConfig,
  handle(event: PreSignUpTriggerEvent, { note }, config) {
    const decision = decideSignUp(config, {
      triggerSource: event.triggerSource,
      userAttributes: event.request.userAttributes ?? {},
    });
    if (!decision.allowed) {
      note({ detail: decision.detail });
      throw new UserFacingError(decision.code, REJECTION_TEXT[decision.code]);
    }
    note({ rule: decision.rule.text });
    event.response.autoConfirmUser = decision.autoConfirmUser;
    event.response.autoVerifyEmail = false;
    event.response.autoVerifyPhone = false;
  },
});
