// 7. The pre token generation event carries the user's groups. cognito-local sends an empty
//    `groupConfiguration` ({}); Cognito sends `groupsToOverride` (the user's groups),
//    `iamRolesToOverride` and `preferredRole`. The token trigger keys its cache on the role
//    groups, so without them a role change would show only when the cache entry expires.
'use strict';

const { JwtTokenGenerator } = require('cognito-local/lib/services/tokenGenerator');

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
