// Preloaded into the cognito-local 5.3.0 process (`node --require`) by startCognitoLocal. Every
// change it makes is listed in this package's README ("cognito-local, and what the stack adds"):
//
// 1. Delivery record. The emulator "delivers" a message by pretty-printing a box to its log.
//    Here every message it hands to its sender is also appended, as one JSON line, to
//    COGNITO_LOCAL_MESSAGES_FILE, before the API call answers: the exact subject, body and code
//    the user would receive, readable without parsing the log.
// 2. ConfirmSignUp verifies the email. In Cognito, confirming a sign-up with the code sent by
//    email marks the email verified (`email_verified=true`); cognito-local only sets the status,
//    so post confirmation saw an unverified email and (rightly) refused to place the user in a
//    tenant. The attribute is set, as Cognito does, before the emulator confirms and runs the
//    trigger; a wrong code changes nothing.
// 3. The emulator exits when the stack that started it goes away (IPC channel closed), so a
//    killed parent never leaves a port taken.
'use strict';

const { appendFileSync } = require('node:fs');
const {
  ConsoleMessageSender,
} = require('cognito-local/lib/services/messageDelivery/consoleMessageSender');
const { MessagesService } = require('cognito-local/lib/services/messages');
const { Targets } = require('cognito-local/lib/targets/targets');
const {
  attribute,
  attributesAppend,
  attributeValue,
} = require('cognito-local/lib/services/userPoolService');

const messagesFile = process.env.COGNITO_LOCAL_MESSAGES_FILE;
const DELIVERY = Symbol('delivery');

if (messagesFile) {
  // The sender sees neither the source nor the pool: carry them on the context it is given.
  const deliver = MessagesService.prototype.deliver;
  MessagesService.prototype.deliver = function deliverRecorded(
    ctx,
    source,
    clientId,
    poolId,
    ...rest
  ) {
    const context = { ...ctx, [DELIVERY]: { source, clientId, userPoolId: poolId } };
    return deliver.call(this, context, source, clientId, poolId, ...rest);
  };

  const record = (medium, ctx, user, destination, message) => {
    const { __code, emailSubject, emailMessage, smsMessage } = message ?? {};
    const line = {
      deliveredAt: new Date().toISOString(),
      source: ctx[DELIVERY]?.source ?? 'unknown',
      medium,
      userPoolId: ctx[DELIVERY]?.userPoolId ?? '',
      clientId: ctx[DELIVERY]?.clientId ?? null,
      username: user.Username,
      destination,
      code: __code ?? '',
      ...(emailSubject ? { emailSubject } : {}),
      ...(emailMessage ? { emailMessage } : {}),
      ...(smsMessage ? { smsMessage } : {}),
    };
    appendFileSync(messagesFile, `${JSON.stringify(line)}\n`);
  };
  for (const [method, medium] of [
    ['sendEmail', 'EMAIL'],
    ['sendSms', 'SMS'],
  ]) {
    const send = ConsoleMessageSender.prototype[method];
    ConsoleMessageSender.prototype[method] = function sendRecorded(
      ctx,
      user,
      destination,
      message,
    ) {
      record(medium, ctx, user, destination, message);
      return send.call(this, ctx, user, destination, message);
    };
  }
}

const confirmSignUp = Targets.ConfirmSignUp;
Targets.ConfirmSignUp = (services) => {
  const confirm = confirmSignUp(services);
  return async (ctx, req) => {
    const userPool = await services.cognito.getUserPoolForClientId(ctx, req.ClientId);
    const user = await userPool.getUserByUsername(ctx, req.Username);
    const codeMatches =
      user?.ConfirmationCode !== undefined && user.ConfirmationCode === req.ConfirmationCode;
    if (
      codeMatches &&
      attributeValue('email', user.Attributes) !== undefined &&
      attributeValue('email_verified', user.Attributes) !== 'true'
    ) {
      await userPool.saveUser(ctx, {
        ...user,
        Attributes: attributesAppend(user.Attributes, attribute('email_verified', 'true')),
      });
    }
    return confirm(ctx, req);
  };
};

if (process.channel) process.on('disconnect', () => process.exit(0));
