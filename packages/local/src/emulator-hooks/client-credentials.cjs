// Machine-to-machine tokens: the token endpoint's client-credentials grant, which cognito-local
// answers with unsupported_grant_type. POST /oauth2/token with grant_type=client_credentials and
// the app client's id and secret, in an HTTP Basic header or as client_id and client_secret in
// the body (Cognito takes either), returns an access token (no ID or refresh token) for the
// scopes asked for, or for every custom scope (`<resource server>/<scope>`) the client may
// have when it asks for none. Before it is signed, a pool whose pre token generation runs V3_0
// invokes its function with a TokenGeneration_ClientCredentials event, which has no user (no
// userName, no attributes, no groups) and lists the scopes, and applies the
// accessTokenGeneration part of the answer as for a user (tokens.cjs). V1_0 and V2_0 functions
// are not invoked for a machine token, as in Cognito.
//
// Refusals are the token endpoint's OAuth errors, HTTP 400 {"error": …}: invalid_client (an
// unknown client, one without a secret, a wrong secret), unauthorized_client (the client's
// AllowedOAuthFlows lack client_credentials), invalid_scope (a scope outside the client's
// AllowedOAuthScopes, or none to grant). cognito-local has no resource servers: a custom scope
// the client lists is taken as defined.
//
// cognito-local hands its OAuth2 routes its services through a closure no hook can reach. The
// grant is therefore a target of the emulator's own (CLIENT_CREDENTIALS_TARGET, which only this
// route calls, on loopback), so that it runs with the services, and inside the pool's
// LambdaConfig (lambda-config.cjs wraps every target), as every other request does.
'use strict';

const { randomUUID, timingSafeEqual } = require('node:crypto');
const { createRequire } = require('node:module');
const { CognitoError } = require('cognito-local/lib/errors');
const { Targets } = require('cognito-local/lib/targets/targets');
const {
  EVENT_VERSIONS,
  GROUP_CLAIMS,
  accessTokenValidity,
  applyAnswer,
  issuerOf,
  signToken,
} = require('./tokens.cjs');

// cognito-local's own dependency, resolved from where it is installed.
const express = createRequire(require.resolve('cognito-local'))('express');

const CLIENT_CREDENTIALS_TARGET = 'CognitoLocalClientCredentialsGrant';
const OAUTH_ERRORS = new Set(['invalid_client', 'unauthorized_client', 'invalid_scope']);

/** A refusal the route answers as `{"error": code}`. */
const refuse = (code) => new CognitoError(code, code);

Targets[CLIENT_CREDENTIALS_TARGET] = (services) => async (ctx, req) => {
  const client = await services.cognito.getAppClient(ctx, req.ClientId);
  if (!client?.ClientSecret || !sameSecret(client.ClientSecret, req.ClientSecret)) {
    throw refuse('invalid_client');
  }
  if (!client.AllowedOAuthFlows?.includes('client_credentials')) {
    throw refuse('unauthorized_client');
  }
  const allowed = (client.AllowedOAuthScopes ?? []).filter((scope) => scope.includes('/'));
  const scopes = req.Scopes ?? allowed;
  if (scopes.length === 0 || scopes.some((scope) => !allowed.includes(scope))) {
    throw refuse('invalid_scope');
  }

  const now = Math.floor(services.clock.get().getTime() / 1000);
  let access = {
    auth_time: now,
    client_id: client.ClientId,
    iat: now,
    jti: randomUUID(),
    scope: scopes.join(' '),
    sub: client.ClientId,
    token_use: 'access',
  };
  const pool = await services.cognito.getUserPool(ctx, client.UserPoolId);
  const version =
    EVENT_VERSIONS[pool.options.LambdaConfig?.PreTokenGenerationConfig?.LambdaVersion];
  if (version === 3 && services.triggers.enabled('PreTokenGeneration')) {
    const response = await services.triggers.lambda.invoke(ctx, 'PreTokenGeneration', {
      triggerSource: 'TokenGeneration_ClientCredentials',
      version,
      clientId: client.ClientId,
      // The token endpoint takes no client metadata.
      clientMetadata: null,
      userAttributes: {},
      userPoolId: client.UserPoolId,
      groupConfiguration: { groupsToOverride: [], iamRolesToOverride: [], preferredRole: null },
      scopes,
    });
    access = applyAnswer({ id: {}, access }, version, response, [], client.ClientId).access;
    // No user, no groups: a group override has nothing to apply to.
    for (const claim of GROUP_CLAIMS) delete access[claim];
  }

  const token = signToken(access, {
    issuer: issuerOf(services.tokenGenerator.tokenConfig, client),
    expiresIn: accessTokenValidity(client),
    keyid: 'CognitoLocal',
  });
  const { exp, iat } = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());
  return { AccessToken: token, ExpiresIn: exp - iat, TokenType: 'Bearer' };
};

/** Compares secrets in constant time, as a token endpoint should. */
function sameSecret(expected, given) {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The client's id and secret: from `Authorization: Basic base64(id:secret)` (each part
 * form-encoded, RFC 6749 §2.3.1), else from the body. Undefined when neither holds both.
 */
function credentialsOf(req) {
  const header = req.headers.authorization;
  if (typeof header === 'string' && /^basic /i.test(header)) {
    const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString();
    const colon = decoded.indexOf(':');
    if (colon < 0) return undefined;
    try {
      const id = decodeURIComponent(decoded.slice(0, colon).replaceAll('+', ' '));
      const secret = decodeURIComponent(decoded.slice(colon + 1).replaceAll('+', ' '));
      return { id, secret };
    } catch {
      return undefined;
    }
  }
  const { client_id: id, client_secret: secret } = req.body ?? {};
  return typeof id === 'string' && typeof secret === 'string' ? { id, secret } : undefined;
}

async function clientCredentialsGrant(req, res, next) {
  if (req.body?.grant_type !== 'client_credentials') {
    next();
    return;
  }
  const credentials = credentialsOf(req);
  if (credentials === undefined) {
    res.status(400).json({ error: 'invalid_client' });
    return;
  }
  const scope = req.body.scope;
  try {
    const { localAddress, localPort } = req.socket;
    const host = localAddress.includes(':') ? `[${localAddress}]` : localAddress;
    const answer = await fetch(`http://${host}:${localPort}/`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': `AWSCognitoIdentityProviderService.${CLIENT_CREDENTIALS_TARGET}`,
      },
      body: JSON.stringify({
        ClientId: credentials.id,
        ClientSecret: credentials.secret,
        ...(typeof scope === 'string' ? { Scopes: scope.split(' ').filter(Boolean) } : {}),
      }),
    });
    const body = await answer.json();
    if (answer.ok) {
      res.status(200).json({
        access_token: body.AccessToken,
        expires_in: body.ExpiresIn,
        token_type: body.TokenType,
      });
    } else if (OAUTH_ERRORS.has(body.__type)) {
      res.status(400).json({ error: body.__type });
    } else {
      // A trigger's refusal or failure, in Cognito's words for the API.
      res.status(400).json({ error: 'invalid_request', error_description: body.message });
    }
  } catch (error) {
    res.status(500).json({ error: 'server_error', error_description: String(error) });
  }
}

// Ahead of cognito-local's own token route, which serves every other grant.
const post = express.application.post;
express.application.post = function route(path, ...handlers) {
  if (path === '/oauth2/token') post.call(this, path, clientCredentialsGrant);
  return post.call(this, path, ...handlers);
};

module.exports = { CLIENT_CREDENTIALS_TARGET };
