// An email changed by AdminUpdateUserAttributes, as Cognito handles it. cognito-local already
// handles UpdateUserAttributes (the user's own call) as Cognito does: a changed email is
// unverified and in force at once, or, when the pool lists `email` in
// UserAttributeUpdateSettings.AttributesRequireVerificationBeforeUpdate, kept aside while the
// old, verified address stays in force; a code goes to the new address; VerifyUserAttribute
// with it makes the new address the verified one. For AdminUpdateUserAttributes it ignored the
// setting and sent the code to the address being replaced. Here, when the call changes `email`
// without setting `email_verified` to true itself (which applies the email at once, verified,
// and sends nothing):
// - a pool that requires verification before update keeps the old address in force and
//   verified, keeps the new one aside and sends the code to it, as UpdateUserAttributes does;
//   the call's other attributes apply at once;
// - any other pool takes the new address at once, unverified (as cognito-local did), and the
//   code goes to the new address.
'use strict';

const { Targets } = require('cognito-local/lib/targets/targets');
const {
  attribute,
  attributesAppend,
  attributeValue,
  defaultVerifiedAttributesIfModified,
} = require('cognito-local/lib/services/userPoolService');
const {
  selectAppropriateDeliveryMethod,
} = require('cognito-local/lib/services/messageDelivery/deliveryMethod');

const requiresVerification = (userPool) =>
  (
    userPool.options.UserAttributeUpdateSettings?.AttributesRequireVerificationBeforeUpdate ?? []
  ).includes('email') && (userPool.options.AutoVerifiedAttributes ?? []).includes('email');

const sendCode = (services, ctx, userPool, user, code, clientMetadata) => {
  const delivery = selectAppropriateDeliveryMethod(
    userPool.options.AutoVerifiedAttributes ?? [],
    user,
  );
  if (!delivery) return undefined;
  return services.messages.deliver(
    ctx,
    'UpdateUserAttribute',
    null,
    userPool.options.Id,
    user,
    code,
    clientMetadata,
    delivery,
  );
};

const adminUpdateUserAttributes = Targets.AdminUpdateUserAttributes;
Targets.AdminUpdateUserAttributes = (services) => {
  return async (ctx, req) => {
    const email = attributeValue('email', req.UserAttributes);
    if (email === undefined || attributeValue('email_verified', req.UserAttributes) === 'true') {
      return adminUpdateUserAttributes(services)(ctx, req);
    }
    const userPool = await services.cognito.getUserPool(ctx, req.UserPoolId);

    if (requiresVerification(userPool)) {
      const rest = req.UserAttributes.filter(
        (candidate) => candidate.Name !== 'email' && candidate.Name !== 'email_verified',
      );
      await adminUpdateUserAttributes(services)(ctx, { ...req, UserAttributes: rest });
      const user = await userPool.getUserByUsername(ctx, req.Username);
      const code = services.otp();
      const pending = {
        ...user,
        UnverifiedAttributeChanges: [
          attribute('email', email),
          attribute('email_verified', 'false'),
        ],
        AttributeVerificationCode: code,
        UserLastModifiedDate: services.clock.get(),
      };
      await userPool.saveUser(ctx, pending);
      await sendCode(services, ctx, userPool, pending, code, req.ClientMetadata);
      return {};
    }

    // The emulator hands its sender the user as it was before the call: the new address instead.
    const messages = Object.create(services.messages, {
      deliver: {
        value: (deliverCtx, source, clientId, poolId, user, code, clientMetadata, delivery) => {
          if (source !== 'UpdateUserAttribute') {
            return services.messages.deliver(
              deliverCtx,
              source,
              clientId,
              poolId,
              user,
              code,
              clientMetadata,
              delivery,
            );
          }
          const updated = {
            ...user,
            Attributes: attributesAppend(
              user.Attributes,
              ...defaultVerifiedAttributesIfModified(req.UserAttributes),
            ),
          };
          return sendCode(services, deliverCtx, userPool, updated, code, clientMetadata);
        },
      },
    });
    return adminUpdateUserAttributes({ ...services, messages })(ctx, req);
  };
};
