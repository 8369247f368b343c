// The pool's UserAttributeUpdateSettings, as Cognito keeps them. cognito-local stores them at
// CreateUserPool and honours them (UpdateUserAttributes), but DescribeUserPool leaves them out
// and UpdateUserPool ignores them. Here DescribeUserPool returns them, and UpdateUserPool sets
// them to what the request says, as Cognito does (absent: none, Cognito's default), so that
// `cognito-triggers attach`, which carries every setting over, keeps them here too.
'use strict';

const { Targets } = require('cognito-local/lib/targets/targets');

const describeUserPool = Targets.DescribeUserPool;
Targets.DescribeUserPool = (services) => {
  const describe = describeUserPool(services);
  return async (ctx, req) => {
    const answer = await describe(ctx, req);
    const userPool = await services.cognito.getUserPool(ctx, req.UserPoolId);
    const settings = userPool.options.UserAttributeUpdateSettings;
    return settings === undefined
      ? answer
      : { ...answer, UserPool: { ...answer.UserPool, UserAttributeUpdateSettings: settings } };
  };
};

const updateUserPool = Targets.UpdateUserPool;
Targets.UpdateUserPool = (services) => {
  const update = updateUserPool(services);
  return async (ctx, req) => {
    const answer = await update(ctx, req);
    const userPool = await services.cognito.getUserPool(ctx, req.UserPoolId);
    await userPool.updateOptions(ctx, {
      ...userPool.options,
      UserAttributeUpdateSettings: req.UserAttributeUpdateSettings,
    });
    return answer;
  };
};
