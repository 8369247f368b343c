// 4. AdminCreateUser with MessageAction=RESEND (cognito-local refuses it): for an invitee who has
//    not signed in yet (FORCE_CHANGE_PASSWORD), a new temporary password and the invitation
//    message again, as Cognito does. `cognito-triggers invite` creates the user without a message,
//    writes the invitation record, then sends the message this way.
'use strict';

const { randomInt } = require('node:crypto');
const { Targets } = require('cognito-local/lib/targets/targets');
const { userToResponseObject } = require('cognito-local/lib/targets/responses');
const { UnsupportedError, UserNotFoundError } = require('cognito-local/lib/errors');
const { attributeValue } = require('cognito-local/lib/services/userPoolService');

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
