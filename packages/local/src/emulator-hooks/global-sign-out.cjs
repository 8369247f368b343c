// AdminUserGlobalSignOut (cognito-local has no such target): the user's refresh tokens are
// revoked, so a refresh with one is refused (NotAuthorizedException), as in Cognito.
'use strict';

const { Targets } = require('cognito-local/lib/targets/targets');
const { UserNotFoundError } = require('cognito-local/lib/errors');

Targets.AdminUserGlobalSignOut = (services) => async (ctx, req) => {
  const userPool = await services.cognito.getUserPool(ctx, req.UserPoolId);
  const user = await userPool.getUserByUsername(ctx, req.Username);
  if (!user) throw new UserNotFoundError('User does not exist.');
  await userPool.saveUser(ctx, { ...user, RefreshTokens: [] });
  return {};
};
