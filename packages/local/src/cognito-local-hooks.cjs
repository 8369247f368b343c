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
// 4. AdminCreateUser with MessageAction=RESEND (cognito-local refuses it): for an invitee who has
//    not signed in yet (FORCE_CHANGE_PASSWORD), a new temporary password and the invitation
//    message again, as Cognito does. `cognito-triggers invite` creates the user without a message,
//    writes the invitation record, then sends the message this way.
// 5. AdminUserGlobalSignOut (cognito-local has no such target): the user's refresh tokens are
//    revoked, so a refresh with one is refused (NotAuthorizedException), as in Cognito.
// 6. The pre authentication trigger (cognito-local has none): on InitiateAuth with
//    USER_PASSWORD_AUTH and AdminInitiateAuth with ADMIN_USER_PASSWORD_AUTH, when the user exists,
//    the function configured as TriggerFunctions.PreAuthentication is invoked with a
//    PreAuthentication_Authentication event (validationData = the request's ClientMetadata)
//    before the password is checked; its error fails the sign-in with
//    UserLambdaValidationException "PreAuthentication failed with error …", as in Cognito. A
//    refresh does not fire it (nor does it in Cognito).
// 7. The pre token generation event carries the user's groups. cognito-local sends an empty
//    `groupConfiguration` ({}); Cognito sends `groupsToOverride` (the user's groups),
//    `iamRolesToOverride` and `preferredRole`. The token trigger keys its cache on the role
//    groups, so without them a role change would show only when the cache entry expires.
'use strict';

const { appendFileSync } = require('node:fs');
const {
  ConsoleMessageSender,
} = require('cognito-local/lib/services/messageDelivery/consoleMessageSender');
const { MessagesService } = require('cognito-local/lib/services/messages');
const { Targets } = require('cognito-local/lib/targets/targets');
const { userToResponseObject } = require('cognito-local/lib/targets/responses');
const { LambdaService } = require('cognito-local/lib/services/lambda');
const { JwtTokenGenerator } = require('cognito-local/lib/services/tokenGenerator');
const { UnsupportedError, UserNotFoundError } = require('cognito-local/lib/errors');
const { randomInt } = require('node:crypto');
const {
  attribute,
  attributesAppend,
  attributesToRecord,
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

const adminCreateUser = Targets.AdminCreateUser;
Targets.AdminCreateUser = (services) => {
  const create = adminCreateUser(services);
  return async (ctx, req) => {
    if (req.MessageAction !== 'RESEND') return create(ctx, req);
    const userPool = await services.cognito.getUserPool(ctx, req.UserPoolId);
    const user = await userPool.getUserByUsername(ctx, req.Username);
    if (!user) throw new UserNotFoundError('User does not exist.');
    if (user.UserStatus !== 'FORCE_CHANGE_PASSWORD') {
      throw new UnsupportedError(`AdminCreateUser RESEND for a user in status ${user.UserStatus}`);
    }
    const temporaryPassword =
      req.TemporaryPassword ?? process.env.CODE ?? String(randomInt(100000, 1000000));
    const resent = {
      ...user,
      Password: temporaryPassword,
      UserLastModifiedDate: services.clock.get(),
    };
    await userPool.saveUser(ctx, resent);
    const mediums = req.DesiredDeliveryMediums ?? ['SMS'];
    const email = attributeValue('email', resent.Attributes);
    const phone = attributeValue('phone_number', resent.Attributes);
    const delivery =
      mediums.includes('SMS') && phone
        ? { AttributeName: 'phone_number', DeliveryMedium: 'SMS', Destination: phone }
        : mediums.includes('EMAIL') && email
          ? { AttributeName: 'email', DeliveryMedium: 'EMAIL', Destination: email }
          : undefined;
    if (delivery) {
      await services.messages.deliver(
        ctx,
        'AdminCreateUser',
        null,
        userPool.options.Id,
        resent,
        temporaryPassword,
        req.ClientMetadata,
        delivery,
      );
    }
    return { User: userToResponseObject(resent) };
  };
};

Targets.AdminUserGlobalSignOut = (services) => async (ctx, req) => {
  const userPool = await services.cognito.getUserPool(ctx, req.UserPoolId);
  const user = await userPool.getUserByUsername(ctx, req.Username);
  if (!user) throw new UserNotFoundError('User does not exist.');
  await userPool.saveUser(ctx, { ...user, RefreshTokens: [] });
  return {};
};

// The generator has the user's groups at hand but passes the trigger none: hand them over
// through a per-call view of the generator, so that concurrent sign-ins never share them.
const generateTokens = JwtTokenGenerator.prototype.generate;
JwtTokenGenerator.prototype.generate = function generate(ctx, user, userGroups, ...rest) {
  const { triggers } = this;
  const withGroups = Object.create(triggers, {
    preTokenGeneration: {
      value: (triggerCtx, params) =>
        triggers.preTokenGeneration(triggerCtx, {
          ...params,
          groupConfiguration: {
            groupsToOverride: [...(userGroups ?? [])],
            iamRolesToOverride: [],
            preferredRole: null,
          },
        }),
    },
  });
  return generateTokens.call(
    Object.create(this, { triggers: { value: withGroups } }),
    ctx,
    user,
    userGroups,
    ...rest,
  );
};

const createLambdaEvent = LambdaService.prototype.createLambdaEvent;
LambdaService.prototype.createLambdaEvent = function createEvent(event) {
  if (event.triggerSource?.startsWith('TokenGeneration_')) {
    const lambdaEvent = createLambdaEvent.call(this, event);
    if (event.groupConfiguration?.groupsToOverride !== undefined) {
      lambdaEvent.request.groupConfiguration = event.groupConfiguration;
    }
    return lambdaEvent;
  }
  if (event.triggerSource !== 'PreAuthentication_Authentication') {
    return createLambdaEvent.call(this, event);
  }
  return {
    version: '1',
    callerContext: { awsSdkVersion: 'cognito-local', clientId: event.clientId },
    region: 'local',
    userPoolId: event.userPoolId,
    triggerSource: event.triggerSource,
    userName: event.username,
    request: {
      userAttributes: event.userAttributes,
      validationData: event.validationData ?? null,
      userNotFound: false,
    },
    response: {},
  };
};

const preAuthenticate = async (services, ctx, userPool, clientId, username, clientMetadata) => {
  if (!services.triggers.enabled('PreAuthentication')) return;
  const user = await userPool.getUserByUsername(ctx, username ?? '');
  if (!user) return;
  await services.triggers.lambda.invoke(ctx, 'PreAuthentication', {
    triggerSource: 'PreAuthentication_Authentication',
    clientId,
    userAttributes: attributesToRecord(user.Attributes),
    username: user.Username,
    userPoolId: userPool.options.Id,
    validationData: clientMetadata,
  });
};

const initiateAuth = Targets.InitiateAuth;
Targets.InitiateAuth = (services) => {
  const initiate = initiateAuth(services);
  return async (ctx, req) => {
    if (req.AuthFlow === 'USER_PASSWORD_AUTH') {
      const userPool = await services.cognito.getUserPoolForClientId(ctx, req.ClientId);
      await preAuthenticate(
        services,
        ctx,
        userPool,
        req.ClientId,
        req.AuthParameters?.USERNAME,
        req.ClientMetadata,
      );
    }
    return initiate(ctx, req);
  };
};

const adminInitiateAuth = Targets.AdminInitiateAuth;
Targets.AdminInitiateAuth = (services) => {
  const initiate = adminInitiateAuth(services);
  return async (ctx, req) => {
    if (req.AuthFlow === 'ADMIN_USER_PASSWORD_AUTH') {
      const userPool = await services.cognito.getUserPool(ctx, req.UserPoolId);
      await preAuthenticate(
        services,
        ctx,
        userPool,
        req.ClientId,
        req.AuthParameters?.USERNAME,
        req.ClientMetadata,
      );
    }
    return initiate(ctx, req);
  };
};

if (process.channel) process.on('disconnect', () => process.exit(0));
