// ConfirmSignUp verifies the email. In Cognito, confirming a sign-up with the code sent by
// email marks the email verified (`email_verified=true`); cognito-local only sets the status,
// so post confirmation saw an unverified email and (rightly) refused to place the user in a
// tenant. The attribute is set, as Cognito does, before the emulator confirms and runs the
// trigger; a wrong code changes nothing.
'use strict';

const { Targets } = require('cognito-local/lib/targets/targets');
const {
  attribute,
  attributesAppend,
  attributeValue,
} = require('cognito-local/lib/services/userPoolService');

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
