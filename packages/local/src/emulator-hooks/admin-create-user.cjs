// AdminCreateUser as Cognito runs it:
// - with MessageAction=RESEND (cognito-local refuses it): for an invitee who has not signed in
//   yet (FORCE_CHANGE_PASSWORD), a new temporary password and the invitation message again.
//   `cognito-triggers invite` creates the user without a message, writes the invitation
//   record, then sends the message this way. A resend does not fire pre sign-up.
// - otherwise, when the pool has a pre sign-up function, the trigger runs first
//   (PreSignUp_AdminCreateUser; cognito-local fires it for SignUp only): `userAttributes` of
//   the user about to be created, `validationData` from the call's ValidationData and
//   `clientMetadata` from its ClientMetadata (null when absent), `callerContext.clientId`
//   CLIENT_ID_NOT_APPLICABLE. Its error fails the call with UserLambdaValidationException
//   "PreSignUp failed with error …." before anything is stored or sent; its response flags
//   are ignored, as Cognito ignores them for this source.
'use strict';

const { randomInt } = require('node:crypto');
const { Targets } = require('cognito-local/lib/targets/targets');
const { userToResponseObject } = require('cognito-local/lib/targets/responses');
const { CognitoError, UserNotFoundError } = require('cognito-local/lib/errors');
const {
  attributesToRecord,
  attributeValue,
} = require('cognito-local/lib/services/userPoolService');

// What Cognito puts in callerContext.clientId for a call made with admin credentials.
const NO_CLIENT = 'CLIENT_ID_NOT_APPLICABLE';

// The emulator builds the user (its username, the sub) inside the target and saves it once:
// the trigger runs as it is saved, on exactly that user, before anything is stored or sent.
// Through a per-call view of the pool, so that concurrent calls never share it.
const withPreSignUp = (services, req) => {
  const { cognito, triggers } = services;
  const viewOf = (userPool) =>
    Object.create(userPool, {
      saveUser: {
        value: async (ctx, user) => {
          await triggers.preSignUp(ctx, {
            clientId: NO_CLIENT,
            clientMetadata: req.ClientMetadata ?? null,
            source: 'PreSignUp_AdminCreateUser',
            userAttributes: user.Attributes,
            username: user.Username,
            userPoolId: userPool.options.Id,
            validationData: req.ValidationData ? attributesToRecord(req.ValidationData) : null,
          });
          return userPool.saveUser(ctx, user);
        },
      },
    });
  return {
    ...services,
    cognito: Object.create(cognito, {
      getUserPool: { value: async (ctx, id) => viewOf(await cognito.getUserPool(ctx, id)) },
    }),
  };
};

const adminCreateUser = Targets.AdminCreateUser;
Targets.AdminCreateUser = (services) => {
  return async (ctx, req) => {
    if (req.MessageAction !== 'RESEND') {
      const checked = services.triggers.enabled('PreSignUp')
        ? withPreSignUp(services, req)
        : services;
      return adminCreateUser(checked)(ctx, req);
    }
    const userPool = await services.cognito.getUserPool(ctx, req.UserPoolId);
    const user = await userPool.getUserByUsername(ctx, req.Username);
    if (!user) throw new UserNotFoundError('User does not exist.');
    if (user.UserStatus !== 'FORCE_CHANGE_PASSWORD') {
      // Cognito's error type (the wording is ours): what a caller checks for, an invitee who
      // signed in meanwhile.
      throw new CognitoError(
        'UnsupportedUserStateException',
        `${req.Username} is not in FORCE_CHANGE_PASSWORD: there is no invitation to resend`,
      );
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
