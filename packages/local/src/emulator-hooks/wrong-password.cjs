// A password sign-in (InitiateAuth USER_PASSWORD_AUTH, AdminInitiateAuth ADMIN_USER_PASSWORD_AUTH)
// refused in Cognito's words. cognito-local answers a wrong password with InvalidPasswordException
// "Invalid password" (Cognito's error for a new password that breaks the policy, which a client
// shows as "choose another password"), and an unknown username with NotAuthorizedException "User
// not authorized". Cognito answers both NotAuthorizedException "Incorrect username or password.",
// so that a caller cannot tell which one was wrong; only when the app client's
// PreventUserExistenceErrors is LEGACY is an unknown username UserNotFoundException
// "User does not exist.".
'use strict';

const { Targets } = require('cognito-local/lib/targets/targets');
const { NotAuthorizedError, UserNotFoundError } = require('cognito-local/lib/errors');

const INCORRECT = 'Incorrect username or password.';
const PASSWORD_FLOW = {
  InitiateAuth: 'USER_PASSWORD_AUTH',
  AdminInitiateAuth: 'ADMIN_USER_PASSWORD_AUTH',
};

for (const [target, flow] of Object.entries(PASSWORD_FLOW)) {
  const original = Targets[target];
  Targets[target] = (services) => {
    const signIn = original(services);
    return async (ctx, req) => {
      try {
        return await signIn(ctx, req);
      } catch (error) {
        if (req.AuthFlow !== flow) throw error;
        if (error.code === 'InvalidPasswordException') throw new NotAuthorizedError(INCORRECT);
        if (error.code === 'NotAuthorizedException' && error.message === 'User not authorized') {
          throw (await unknownUser(services, ctx, req)) ?? error;
        }
        throw error;
      }
    };
  };
}

/** The refusal of a username the client's pool does not hold; undefined for another cause. */
async function unknownUser(services, ctx, req) {
  const client = await services.cognito.getAppClient(ctx, req.ClientId);
  if (!client) return undefined;
  const userPool = await services.cognito.getUserPool(ctx, client.UserPoolId);
  if (await userPool.getUserByUsername(ctx, req.AuthParameters?.USERNAME ?? '')) return undefined;
  return client.PreventUserExistenceErrors === 'LEGACY'
    ? new UserNotFoundError('User does not exist.')
    : new NotAuthorizedError(INCORRECT);
}
