// Post confirmation and custom message errors reach the caller. cognito-local logs a failed
// post confirmation or custom message function and carries on (the call succeeds; the message
// goes out with the emulator's own text). Cognito fails the call with
// UserLambdaValidationException "<Trigger> failed with error <message>.":
// - post confirmation (ConfirmSignUp, AdminConfirmSignUp, ConfirmForgotPassword, an
//   auto-confirming SignUp): the user stays confirmed, as in Cognito (COGNITO-FACTS.md), since
//   every target saves the user before the trigger runs;
// - custom message: no message is sent. A SignUp still creates the user, UNCONFIRMED (reported
//   of Cognito, which saves the user before it sends the code): cognito-local sends first, so
//   that failure is held until the user is saved.
// The emulator's TriggersService builds both triggers in its constructor; the assignments land
// in the accessors below, which build them so that the function's error is thrown.
'use strict';

const { CustomMessage } = require('cognito-local/lib/services/triggers/customMessage');
const { PostConfirmation } = require('cognito-local/lib/services/triggers/postConfirmation');
const { TriggersService } = require('cognito-local/lib/services/triggers/triggers');
const { Targets } = require('cognito-local/lib/targets/targets');

/** Errors of custom message functions, so that SignUp can tell them from its own. */
const customMessageFailures = new WeakSet();

/** One of cognito-local's trigger factories, run so that the function's error is thrown. */
const surfacing = (factory, lambda, failures) => async (ctx, params) => {
  let failure;
  const watched = Object.create(lambda, {
    invoke: {
      value: (...args) =>
        lambda.invoke(...args).catch((error) => {
          failure = error;
          throw error;
        }),
    },
  });
  const result = await factory({ lambda: watched })(ctx, params);
  if (failure === undefined) return result;
  if (failure instanceof Object) failures?.add(failure);
  throw failure;
};

for (const [name, factory, failures] of [
  ['postConfirmation', PostConfirmation, undefined],
  ['customMessage', CustomMessage, customMessageFailures],
]) {
  const built = Symbol(name);
  Object.defineProperty(TriggersService.prototype, name, {
    configurable: true,
    get() {
      return this[built];
    },
    // The constructor's `this.<name> = Factory({ lambda })`, after it set `this.lambda`.
    set(_swallowing) {
      this[built] = surfacing(factory, this.lambda, failures);
    },
  });
}

const signUp = Targets.SignUp;
Targets.SignUp = (services) => async (ctx, req) => {
  let held;
  const messages = Object.create(services.messages, {
    deliver: {
      value: (...args) =>
        services.messages.deliver(...args).catch((error) => {
          if (!customMessageFailures.has(error)) throw error;
          held = error;
        }),
    },
  });
  const result = await signUp({ ...services, messages })(ctx, req);
  if (held !== undefined) throw held;
  return result;
};
