// The one place the hooks step into a password sign-in (pre-authentication.cjs, new-password.cjs).
'use strict';

const { Targets } = require('cognito-local/lib/targets/targets');

const PASSWORD_FLOWS = [
  {
    target: 'InitiateAuth',
    flow: 'USER_PASSWORD_AUTH',
    poolOf: (services, ctx, req) => services.cognito.getUserPoolForClientId(ctx, req.ClientId),
  },
  {
    target: 'AdminInitiateAuth',
    flow: 'ADMIN_USER_PASSWORD_AUTH',
    poolOf: (services, ctx, req) => services.cognito.getUserPool(ctx, req.UserPoolId),
  },
];

/**
 * Runs `before(services, ctx, req, userPool)` ahead of InitiateAuth with USER_PASSWORD_AUTH and
 * AdminInitiateAuth with ADMIN_USER_PASSWORD_AUTH. What it returns, if anything, is the answer
 * instead of the emulator's; what it throws fails the sign-in. A module required later wraps
 * outside an earlier one, so its `before` runs first.
 */
function beforePasswordSignIn(before) {
  for (const { target, flow, poolOf } of PASSWORD_FLOWS) {
    const original = Targets[target];
    Targets[target] = (services) => {
      const signIn = original(services);
      return async (ctx, req) => {
        if (req.AuthFlow === flow && req.AuthParameters !== undefined) {
          const answer = await before(services, ctx, req, await poolOf(services, ctx, req));
          if (answer !== undefined) return answer;
        }
        return signIn(ctx, req);
      };
    };
  }
}

module.exports = { beforePasswordSignIn };
