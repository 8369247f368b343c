// The pre authentication trigger (cognito-local has none): on InitiateAuth with
// USER_PASSWORD_AUTH and AdminInitiateAuth with ADMIN_USER_PASSWORD_AUTH, when the user exists,
// the function the pool's LambdaConfig names for PreAuthentication (lambda-config.cjs) is invoked with a
// PreAuthentication_Authentication event (validationData = the request's ClientMetadata)
// before the password is checked; its error fails the sign-in with
// UserLambdaValidationException "PreAuthentication failed with error …", as in Cognito. A
// refresh does not fire it (nor does it in Cognito).
'use strict';

const { beforePasswordSignIn } = require('./password-sign-in.cjs');
const { LambdaService } = require('cognito-local/lib/services/lambda');
const { attributesToRecord } = require('cognito-local/lib/services/userPoolService');

const createLambdaEvent = LambdaService.prototype.createLambdaEvent;
LambdaService.prototype.createLambdaEvent = function createEvent(event) {
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

beforePasswordSignIn(async (services, ctx, req, userPool) => {
  const { USERNAME } = req.AuthParameters;
  await preAuthenticate(services, ctx, userPool, req.ClientId, USERNAME, req.ClientMetadata);
});
