// The invitation flow, as Cognito runs it. cognito-local answers a sign-in of a user in
// FORCE_CHANGE_PASSWORD with NEW_PASSWORD_REQUIRED whatever the password (and AdminInitiateAuth
// skips the challenge, issuing tokens), accepts a new password without checking the challenge's
// session, reaches the token trigger as TokenGeneration_Authentication, and stores no refresh
// token, so a later REFRESH_TOKEN_AUTH is refused. Here:
// - InitiateAuth (USER_PASSWORD_AUTH) and AdminInitiateAuth (ADMIN_USER_PASSWORD_AUTH) check
//   the temporary password (a wrong one: NotAuthorizedException "Incorrect username or
//   password."; one older than the pool's TemporaryPasswordValidityDays: "Temporary password
//   has expired and must be reset by an administrator."), and both answer
//   NEW_PASSWORD_REQUIRED with a session;
// - RespondToAuthChallenge and AdminRespondToAuthChallenge (which cognito-local lacks) take a
//   new password only with that session, for that user (else NotAuthorizedException "Invalid
//   session for the user."), once, within Cognito's default 3 minutes;
// - the answer's userAttributes.<name> (which attributes.cjs holds to the client's
//   WriteAttributes) are stored with the new password, before the tokens are made, so that the
//   token trigger sees them; but not a changed email or phone number, which this flow cannot
//   verify: the user keeps the verified one (as Cognito does until the new one is verified,
//   with AttributesRequireVerificationBeforeUpdate);
// - the tokens are generated as TokenGeneration_NewPasswordChallenge, and the refresh token
//   is stored, on the user record as the trigger left it.
'use strict';

const { randomUUID } = require('node:crypto');
const { NotAuthorizedError, ResourceNotFoundError } = require('cognito-local/lib/errors');
const {
  attribute,
  attributesAppend,
  attributesToRecord,
  attributeValue,
} = require('cognito-local/lib/services/userPoolService');
const { Targets } = require('cognito-local/lib/targets/targets');
const { beforePasswordSignIn } = require('./password-sign-in.cjs');

const INCORRECT = 'Incorrect username or password.';
const EXPIRED = 'Temporary password has expired and must be reset by an administrator.';
const DAY_MS = 24 * 60 * 60 * 1000;
const NEW_PASSWORD_ATTRIBUTE = 'userAttributes.';
const CONTACT_ATTRIBUTES = new Set(['email', 'phone_number']);
/** Cognito's default session validity (the app client's AuthSessionValidity, 3 to 15 minutes). */
const SESSION_MS = 3 * 60 * 1000;

/** Open NEW_PASSWORD_REQUIRED challenges: session → the user and pool it was issued for. */
const sessions = new Map();

function openChallenge(userPool, user) {
  const now = Date.now();
  for (const [session, open] of sessions) if (open.expiresAt <= now) sessions.delete(session);
  const session = randomUUID();
  sessions.set(session, {
    userPoolId: userPool.options.Id,
    username: user.Username,
    expiresAt: now + SESSION_MS,
  });
  return {
    ChallengeName: 'NEW_PASSWORD_REQUIRED',
    ChallengeParameters: {
      USER_ID_FOR_SRP: user.Username,
      requiredAttributes: JSON.stringify([]),
      userAttributes: JSON.stringify(attributesToRecord(user.Attributes)),
    },
    Session: session,
  };
}

/**
 * A FORCE_CHANGE_PASSWORD user's password sign-in: the challenge, or the refusal of a wrong
 * temporary password; undefined for anyone else (the emulator answers them).
 */
async function invitedSignIn(ctx, userPool, username, password) {
  const user = await userPool.getUserByUsername(ctx, username ?? '');
  if (user?.UserStatus !== 'FORCE_CHANGE_PASSWORD') return undefined;
  if (user.Password !== password) throw new NotAuthorizedError(INCORRECT);
  if (temporaryPasswordExpired(userPool, user)) throw new NotAuthorizedError(EXPIRED);
  return openChallenge(userPool, user);
}

/**
 * Whether the pool's TemporaryPasswordValidityDays (Cognito's default: 7) have passed since the
 * temporary password was set. cognito-local keeps no date of the password itself: the user's
 * last change stands for it (AdminCreateUser, or a RESEND), so a later attribute change extends
 * it; it never ends one early.
 */
function temporaryPasswordExpired(userPool, user) {
  const days = userPool.options.Policies?.PasswordPolicy?.TemporaryPasswordValidityDays ?? 7;
  const setAt = new Date(user.UserLastModifiedDate ?? user.UserCreateDate).getTime();
  return Date.now() - setAt > days * DAY_MS;
}

beforePasswordSignIn((_services, ctx, req, userPool) => {
  const { USERNAME, PASSWORD } = req.AuthParameters;
  return invitedSignIn(ctx, userPool, USERNAME, PASSWORD);
});

const respondToAuthChallenge = Targets.RespondToAuthChallenge;
Targets.RespondToAuthChallenge = (services) => {
  const respond = respondToAuthChallenge(services);
  // The emulator's own answer, with tokens generated for the new-password challenge.
  const { tokenGenerator } = services;
  const respondNewPassword = respondToAuthChallenge({
    ...services,
    tokenGenerator: Object.create(tokenGenerator, {
      generate: {
        value: (ctx, user, groups, client, clientMetadata) =>
          tokenGenerator.generate(
            ctx,
            user,
            groups,
            client,
            clientMetadata,
            'NewPasswordChallenge',
          ),
      },
    }),
  });
  return async (ctx, req) => {
    if (req.ChallengeName !== 'NEW_PASSWORD_REQUIRED') return respond(ctx, req);
    const userPool = await services.cognito.getUserPoolForClientId(ctx, req.ClientId);
    const user = await userPool.getUserByUsername(ctx, req.ChallengeResponses?.USERNAME ?? '');
    const open = sessions.get(req.Session);
    if (
      !user ||
      open === undefined ||
      open.expiresAt <= Date.now() ||
      open.userPoolId !== userPool.options.Id ||
      open.username !== user.Username
    ) {
      throw new NotAuthorizedError('Invalid session for the user.');
    }
    const updates = answeredAttributes(req.ChallengeResponses, user.Attributes);
    if (req.ChallengeResponses?.NEW_PASSWORD && updates.length > 0) {
      await userPool.saveUser(ctx, {
        ...user,
        Attributes: attributesAppend(user.Attributes, ...updates),
        UserLastModifiedDate: services.clock.get(),
      });
    }
    const answer = await respondNewPassword(ctx, req);
    sessions.delete(req.Session);
    // Read again: the token trigger may have written attributes (a heal sets custom:tenant_id).
    const signedIn = await userPool.getUserByUsername(ctx, user.Username);
    await userPool.storeRefreshToken(ctx, answer.AuthenticationResult.RefreshToken, signedIn);
    return answer;
  };
};

/**
 * The attributes a NEW_PASSWORD_REQUIRED answer sets (`userAttributes.<name>`), less a changed
 * email or phone number: the verified one stays.
 */
function answeredAttributes(responses, current) {
  const updates = [];
  for (const [key, value] of Object.entries(responses ?? {})) {
    if (!key.startsWith(NEW_PASSWORD_ATTRIBUTE) || typeof value !== 'string') continue;
    const name = key.slice(NEW_PASSWORD_ATTRIBUTE.length);
    if (CONTACT_ATTRIBUTES.has(name) && attributeValue(name, current) !== value) continue;
    updates.push(attribute(name, value));
  }
  return updates;
}

Targets.AdminRespondToAuthChallenge = (services) => async (ctx, req) => {
  const client = await services.cognito.getAppClient(ctx, req.ClientId);
  if (!client || client.UserPoolId !== req.UserPoolId) {
    throw new ResourceNotFoundError(`App Client ${req.ClientId} not found`);
  }
  return Targets.RespondToAuthChallenge(services)(ctx, req);
};
