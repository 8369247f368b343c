// Tokens as Cognito issues them. cognito-local sends every pool a version "0" pre token
// event with no groups, applies the answer to the ID token only (no access token claims, no
// scopes, no group override), lists cognito:groups before the trigger runs, and puts only
// email and the custom attributes in the ID token, whatever the app client may read. Here:
// - the event follows the pool's LambdaConfig.PreTokenGenerationConfig.LambdaVersion, read at
//   token time: version "2" or "3" for V2_0 / V3_0 (with request.scopes, the access token's
//   scopes), else "1" (V1_0, or the legacy bare PreTokenGeneration ARN); a pool that names no
//   function gets none (lambda-config.cjs); request.groupConfiguration holds the user's groups;
// - the answer is applied as Cognito applies it: version 1's claimsOverrideDetails to the ID
//   token, versions 2 and 3's claimsAndScopeOverrideDetails to the ID token, the access token
//   and its scope; groupOverrideDetails replaces cognito:groups in both tokens (roles and the
//   preferred role in the ID token); a suppressed claim wins over an added one; a reserved
//   claim is never added, changed or suppressed (silently, as Cognito drops such changes);
// - cognito:groups is the user's groups after the trigger ran (unless it overrides them);
// - the ID token carries the user's attributes the app client may read: its ReadAttributes,
//   or, when it lists none, Cognito's default (the standard attributes, no custom one), as
//   GetUser answers (attributes.cjs).
// The signing key, the issuer and the validities are cognito-local's.
'use strict';

const { randomUUID } = require('node:crypto');
const { createRequire } = require('node:module');
const {
  CognitoServiceFactoryImpl,
  USER_POOL_AWS_DEFAULTS,
} = require('cognito-local/lib/services/cognitoService');
const { LambdaService } = require('cognito-local/lib/services/lambda');
const { JwtTokenGenerator } = require('cognito-local/lib/services/tokenGenerator');
const {
  attributesToRecord,
  attributeValue,
} = require('cognito-local/lib/services/userPoolService');
const signingKey = require('cognito-local/lib/keys/cognitoLocal.private.json');

// cognito-local's own dependency, resolved from where it is installed.
const jwt = createRequire(require.resolve('cognito-local'))('jsonwebtoken');

/**
 * Cognito's reserved claims: `RESERVED_CLAIMS` of @cognito-triggers/events (an ES module, which
 * this CommonJS preload cannot load), held equal by test/tokens.test.ts. Every other `cognito:`
 * claim is reserved too; `cognito:groups` (and the role claims with it) may be suppressed.
 */
const RESERVED_CLAIMS = new Set([
  'sub',
  'cognito:username',
  'username',
  'identities',
  'aud',
  'client_id',
  'event_id',
  'device_key',
  'version',
  'acr',
  'amr',
  'at_hash',
  'auth_time',
  'azp',
  'exp',
  'iat',
  'iss',
  'jti',
  'nbf',
  'nonce',
  'origin_jti',
  'token_use',
  'scope',
]);
const isReserved = (name) => RESERVED_CLAIMS.has(name) || name.startsWith('cognito:');
const GROUP_CLAIMS = ['cognito:groups', 'cognito:roles', 'cognito:preferred_role'];

/** The scope of an access token from a sign-in through the API (no OAuth scopes). */
const SIGN_IN_SCOPE = 'aws.cognito.signin.user.admin';
const BOOLEAN_ATTRIBUTES = new Set(['email_verified', 'phone_number_verified']);
/** What a client that lists no ReadAttributes may read: the pool's standard attributes. */
const DEFAULT_READ = (USER_POOL_AWS_DEFAULTS.SchemaAttributes ?? []).map((schema) => schema.Name);
const EVENT_VERSIONS = { V1_0: 1, V2_0: 2, V3_0: 3 };

// The generator knows no pools: keep the emulator's one Cognito service to read them.
let cognito;
const createCognito = CognitoServiceFactoryImpl.prototype.create;
CognitoServiceFactoryImpl.prototype.create = async function create(...args) {
  cognito = await createCognito.apply(this, args);
  return cognito;
};

const createLambdaEvent = LambdaService.prototype.createLambdaEvent;
LambdaService.prototype.createLambdaEvent = function createEvent(event) {
  // cognito-local knows no machine tokens (client-credentials.cjs): its common fields are a
  // user sign-in's, less the user.
  const machine = event.triggerSource === 'TokenGeneration_ClientCredentials';
  const lambdaEvent = createLambdaEvent.call(
    this,
    machine ? { ...event, triggerSource: 'TokenGeneration_Authentication' } : event,
  );
  if (!event.triggerSource?.startsWith('TokenGeneration_') || event.version === undefined) {
    return lambdaEvent;
  }
  const v1 = event.version === 1;
  return {
    ...lambdaEvent,
    triggerSource: event.triggerSource,
    version: String(event.version),
    request: {
      userAttributes: event.userAttributes,
      groupConfiguration: event.groupConfiguration,
      ...(v1 ? {} : { scopes: event.scopes }),
      clientMetadata: event.clientMetadata,
    },
    response: v1 ? { claimsOverrideDetails: null } : { claimsAndScopeOverrideDetails: null },
  };
};

JwtTokenGenerator.prototype.generate = async function generate(
  ctx,
  user,
  userGroups,
  userPoolClient,
  clientMetadata,
  source,
) {
  const now = Math.floor(this.clock.get().getTime() / 1000);
  const sub = attributeValue('sub', user.Attributes);
  const clientId = userPoolClient.ClientId;
  const eventId = randomUUID();
  const access = {
    auth_time: now,
    client_id: clientId,
    event_id: eventId,
    iat: now,
    jti: randomUUID(),
    scope: SIGN_IN_SCOPE,
    sub,
    token_use: 'access',
    username: user.Username,
  };
  const id = {
    ...readableAttributes(user.Attributes, userPoolClient.ReadAttributes),
    'cognito:username': user.Username,
    auth_time: now,
    event_id: eventId,
    iat: now,
    jti: randomUUID(),
    sub,
    token_use: 'id',
  };

  let claims = { id, access };
  if (this.triggers.enabled('PreTokenGeneration')) {
    const pool = await cognito.getUserPool(ctx, userPoolClient.UserPoolId);
    const version =
      EVENT_VERSIONS[pool.options.LambdaConfig?.PreTokenGenerationConfig?.LambdaVersion] ?? 1;
    const response = await this.triggers.lambda.invoke(ctx, 'PreTokenGeneration', {
      triggerSource: `TokenGeneration_${source}`,
      version,
      clientId,
      clientMetadata,
      userAttributes: attributesToRecord(user.Attributes),
      username: user.Username,
      userPoolId: userPoolClient.UserPoolId,
      groupConfiguration: {
        groupsToOverride: [...userGroups],
        iamRolesToOverride: [],
        preferredRole: null,
      },
      scopes: access.scope.split(' '),
    });
    const groupsNow = await pool.listUserGroupMembership(ctx, user);
    claims = applyAnswer(claims, version, response, groupsNow, clientId);
  } else {
    claims = applyAnswer(claims, 1, undefined, userGroups, clientId);
  }

  const issuer = issuerOf(this.tokenConfig, userPoolClient);
  const units = userPoolClient.TokenValidityUnits ?? {};
  const sign = (payload, validity, options = {}) =>
    signToken(payload, { issuer, expiresIn: validity, ...options });
  return {
    AccessToken: sign(claims.access, accessTokenValidity(userPoolClient), {
      keyid: 'CognitoLocal',
    }),
    IdToken: sign(
      claims.id,
      expiration(userPoolClient.IdTokenValidity, units.IdToken ?? 'hours', '24h'),
      { audience: clientId, keyid: 'CognitoLocal' },
    ),
    // As cognito-local: readable, for debugging; Cognito's refresh tokens are opaque.
    RefreshToken: sign(
      {
        'cognito:username': user.Username,
        email: attributeValue('email', user.Attributes),
        iat: now,
        jti: randomUUID(),
      },
      expiration(userPoolClient.RefreshTokenValidity, units.RefreshToken ?? 'days', '7d'),
    ),
  };
};

/**
 * The claims after the trigger's answer. `groups` are the user's groups as they are now: they
 * make cognito:groups unless the answer overrides them (an empty or null override: no groups).
 */
function applyAnswer({ id, access }, version, response, groups, clientId) {
  const details =
    (version === 1 ? response?.claimsOverrideDetails : response?.claimsAndScopeOverrideDetails) ??
    {};
  const overrides = details.groupOverrideDetails;
  const grouping = overrides === undefined ? { groupsToOverride: groups } : (overrides ?? {});
  const idChanges = version === 1 ? details : (details.idTokenGeneration ?? {});
  const accessChanges = version === 1 ? {} : (details.accessTokenGeneration ?? {});
  return {
    id: changed({ ...id, ...groupClaims(grouping, true) }, idChanges, () => false),
    access: scoped(
      changed(
        { ...access, ...groupClaims(grouping, false) },
        accessChanges,
        // The one reserved claim an access token may get: `aud`, the app client's id.
        (name, value) => name === 'aud' && value === clientId,
      ),
      accessChanges,
    ),
  };
}

function groupClaims({ groupsToOverride, iamRolesToOverride, preferredRole }, idToken) {
  const claims = {};
  if (groupsToOverride?.length) claims['cognito:groups'] = [...groupsToOverride];
  if (!idToken) return claims;
  if (iamRolesToOverride?.length) claims['cognito:roles'] = [...iamRolesToOverride];
  // An AWS sample returns the preferred role as a list.
  const preferred = Array.isArray(preferredRole) ? preferredRole[0] : preferredRole;
  if (typeof preferred === 'string' && preferred !== '') {
    claims['cognito:preferred_role'] = preferred;
  }
  return claims;
}

function changed(token, { claimsToAddOrOverride, claimsToSuppress }, mayAddReserved) {
  const claims = { ...token };
  for (const [name, value] of Object.entries(claimsToAddOrOverride ?? {})) {
    if (!isReserved(name) || mayAddReserved(name, value)) claims[name] = value;
  }
  for (const name of claimsToSuppress ?? []) {
    if (name === 'cognito:groups') for (const group of GROUP_CLAIMS) delete claims[group];
    else if (!isReserved(name)) delete claims[name];
  }
  return claims;
}

/** The access token's scope with the answer's scopes added, then those it suppresses removed. */
function scoped(token, { scopesToAdd, scopesToSuppress }) {
  const scopes = new Set(token.scope.split(' '));
  // A scope is one word; anything else would change the meaning of the list.
  for (const scope of scopesToAdd ?? []) {
    if (typeof scope === 'string' && /^\S+$/.test(scope)) scopes.add(scope);
  }
  for (const scope of scopesToSuppress ?? []) scopes.delete(scope);
  const { scope: _all, ...claims } = token;
  return scopes.size === 0 ? claims : { ...claims, scope: [...scopes].join(' ') };
}

/** The user's attributes an app client with these ReadAttributes may read, typed as Cognito types them. */
function readableAttributes(attributes, readAttributes) {
  const readable = new Set(readAttributes?.length ? readAttributes : DEFAULT_READ);
  const claims = {};
  for (const { Name, Value } of attributes ?? []) {
    if (Name === 'sub' || !readable.has(Name)) continue;
    if (BOOLEAN_ATTRIBUTES.has(Name)) claims[Name] = Value === 'true';
    else if (Name === 'updated_at') claims[Name] = Number(Value);
    else claims[Name] = Value;
  }
  return claims;
}

/** The issuer of a pool's tokens, as cognito-local names it. */
function issuerOf(tokenConfig, userPoolClient) {
  return `${tokenConfig.IssuerDomain}/${userPoolClient.UserPoolId}`;
}

/** A token signed with cognito-local's key, as its JwtTokenGenerator signs them. */
function signToken(payload, options) {
  return jwt.sign(payload, signingKey.pem, { algorithm: 'RS256', ...options });
}

/** How long an app client's access tokens last, for jsonwebtoken. */
function accessTokenValidity(userPoolClient) {
  const unit = userPoolClient.TokenValidityUnits?.AccessToken ?? 'hours';
  return expiration(userPoolClient.AccessTokenValidity, unit, '24h');
}

/** cognito-local's validity: `<n><unit>` for jsonwebtoken, or its default. */
function expiration(duration, unit, fallback) {
  if (duration === undefined) return fallback;
  if (!['seconds', 'minutes', 'hours', 'days'].includes(unit)) {
    throw new Error(`Invalid unit: ${unit}`);
  }
  return `${duration}${unit}`;
}

module.exports = {
  EVENT_VERSIONS,
  GROUP_CLAIMS,
  RESERVED_CLAIMS,
  accessTokenValidity,
  applyAnswer,
  issuerOf,
  signToken,
};
