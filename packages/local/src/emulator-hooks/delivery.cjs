// Delivery record. The emulator "delivers" a message by pretty-printing a box to its log.
// Here every message it hands to its sender is also appended, as one JSON line, to
// COGNITO_LOCAL_MESSAGES_FILE, before the API call answers: the exact subject, body and code
// the user would receive, readable without parsing the log.
'use strict';

const { appendFileSync } = require('node:fs');
const {
  ConsoleMessageSender,
} = require('cognito-local/lib/services/messageDelivery/consoleMessageSender');
const { MessagesService } = require('cognito-local/lib/services/messages');

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
