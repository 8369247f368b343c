// The app client's attribute permissions, as Cognito applies them (cognito-local stores
// WriteAttributes and ReadAttributes but never reads them):
// - what a user writes through the client (SignUp's UserAttributes, UpdateUserAttributes, the
//   `userAttributes.*` of a NEW_PASSWORD_REQUIRED answer) must be in its WriteAttributes, else
//   NotAuthorizedException "A client attempted to write unauthorized attribute", before anything
//   changes or any trigger runs. The admin APIs are not limited by any client.
// - GetUser returns only what the client may read (ReadAttributes), `sub` always.
// A client without a list (or with an empty one) gets Cognito's defaults: it may write the
// pool's standard attributes and read those plus email_verified and phone_number_verified;
// custom attributes only when listed.
'use strict';

const { Targets } = require('cognito-local/lib/targets/targets');
const { NotAuthorizedError } = require('cognito-local/lib/errors');
const { USER_POOL_AWS_DEFAULTS } = require('cognito-local/lib/services/cognitoService');

const VERIFIED_FLAGS = ['email_verified', 'phone_number_verified'];
const STANDARD = (USER_POOL_AWS_DEFAULTS.SchemaAttributes ?? []).map((schema) => schema.Name);
const DEFAULT_WRITE = STANDARD.filter((name) => name !== 'sub' && !VERIFIED_FLAGS.includes(name));
const DEFAULT_READ = STANDARD;
const NEW_PASSWORD_ATTRIBUTE = 'userAttributes.';

const listed = (names) => (Array.isArray(names) && names.length > 0 ? names : undefined);
const writable = (client) => new Set(listed(client.WriteAttributes) ?? DEFAULT_WRITE);
const readable = (client) => new Set([...(listed(client.ReadAttributes) ?? DEFAULT_READ), 'sub']);

const assertWritable = (client, names) => {
  if (!client) return; // the target itself answers for an unknown client
  const allowed = writable(client);
  if (names.some((name) => !allowed.has(name))) {
    throw new NotAuthorizedError('A client attempted to write unauthorized attribute');
  }
};

// The client an access token was issued to. cognito-local decodes it without a check, so does
// this: the target that follows refuses a token it cannot use.
const tokenClientId = (accessToken) => {
  try {
    const [, payload] = String(accessToken).split('.');
    return JSON.parse(Buffer.from(payload ?? '', 'base64url').toString('utf8')).client_id;
  } catch {
    return undefined;
  }
};

const clientOfToken = async (services, ctx, accessToken) => {
  const clientId = tokenClientId(accessToken);
  return typeof clientId === 'string' ? services.cognito.getAppClient(ctx, clientId) : null;
};

const signUp = Targets.SignUp;
Targets.SignUp = (services) => {
  const target = signUp(services);
  return async (ctx, req) => {
    const client = await services.cognito.getAppClient(ctx, req.ClientId);
    assertWritable(
      client,
      (req.UserAttributes ?? []).map((attribute) => attribute.Name),
    );
    return target(ctx, req);
  };
};

const updateUserAttributes = Targets.UpdateUserAttributes;
Targets.UpdateUserAttributes = (services) => {
  const target = updateUserAttributes(services);
  return async (ctx, req) => {
    const client = await clientOfToken(services, ctx, req.AccessToken);
    assertWritable(
      client,
      (req.UserAttributes ?? []).map((attribute) => attribute.Name),
    );
    return target(ctx, req);
  };
};

const respondToAuthChallenge = Targets.RespondToAuthChallenge;
Targets.RespondToAuthChallenge = (services) => {
  const target = respondToAuthChallenge(services);
  return async (ctx, req) => {
    if (req.ChallengeName === 'NEW_PASSWORD_REQUIRED') {
      const client = await services.cognito.getAppClient(ctx, req.ClientId);
      assertWritable(
        client,
        Object.keys(req.ChallengeResponses ?? {})
          .filter((key) => key.startsWith(NEW_PASSWORD_ATTRIBUTE))
          .map((key) => key.slice(NEW_PASSWORD_ATTRIBUTE.length)),
      );
    }
    return target(ctx, req);
  };
};

const getUser = Targets.GetUser;
Targets.GetUser = (services) => {
  const target = getUser(services);
  return async (ctx, req) => {
    const response = await target(ctx, req);
    const client = await clientOfToken(services, ctx, req.AccessToken);
    if (!client) return response;
    const allowed = readable(client);
    return {
      ...response,
      UserAttributes: (response.UserAttributes ?? []).filter((attribute) =>
        allowed.has(attribute.Name),
      ),
    };
  };
};
