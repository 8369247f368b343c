import {
  defineTrigger,
  PreSignUpSource,
  type PreSignUpTriggerEvent,
  UserFacingError,
} from '@cognito-triggers/events';
import { preSignUpConfig } from './config.js';
import { decideSignUp, REJECTION_TEXT } from './decide.js';

const SOURCES: ReadonlySet<unknown> = new Set(Object.values(PreSignUpSource));

/**
 * Pre sign-up: only allowlisted email domains may register. Decides with the policy read at
 * cold start, then either rejects with a stable code or lets the sign-up through, never
 * auto-verifying an email the user typed.
 */
export const handler = defineTrigger({
  name: 'PreSignUp',
  config: preSignUpConfig,
  handle(event: PreSignUpTriggerEvent, { note }, config) {
    // A source this trigger does not know is refused (generic message), not judged as a
    // sign-up: the gate fails closed.
    if (!SOURCES.has(event.triggerSource)) throw new Error('unknown trigger source');
    const decision = decideSignUp(config, {
      triggerSource: event.triggerSource,
      userAttributes: event.request.userAttributes ?? {},
    });
    if (!decision.allowed) {
      // The user sees the same text for a block and a domain off the list; the log says which.
      note({
        ...(decision.verdict === undefined ? {} : { verdict: decision.verdict }),
        ...(decision.rule === undefined ? {} : { rule: decision.rule.text }),
        detail: decision.detail,
      });
      throw new UserFacingError(decision.code, REJECTION_TEXT[decision.code]);
    }
    note({ verdict: decision.verdict, rule: decision.rule.text });
    event.response.autoConfirmUser = decision.autoConfirmUser;
    event.response.autoVerifyEmail = false;
    event.response.autoVerifyPhone = false;
  },
});
