// Preloaded (`node --import`) into the README's server: Amazon Cognito is out of reach here, so
// HTTPS requests to *.amazonaws.com are answered by the URL in COGNITO_JWKS_URL (the local
// emulator's JWKS, whose key signs the test's tokens). Nothing else is touched.
import http from 'node:http';
import https from 'node:https';
import { syncBuiltinESMExports } from 'node:module';

const target = process.env.COGNITO_JWKS_URL;
if (target === undefined) throw new Error('COGNITO_JWKS_URL is not set');
const original = https.request;

https.request = function request(...args) {
  const [uri, options, callback] = args;
  const url = typeof uri === 'string' || uri instanceof URL ? new URL(uri) : undefined;
  if (url === undefined || !url.hostname.endsWith('.amazonaws.com')) {
    return original.apply(this, args);
  }
  const { agent: _agent, ...rest } = typeof options === 'function' ? {} : (options ?? {});
  return http.request(target, rest, typeof options === 'function' ? options : callback);
};
syncBuiltinESMExports();
