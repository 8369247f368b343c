import { sign } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** The payload of a JWT, read without verifying it: for the tests' own assertions only. */
export function payloadOf(token: string): Record<string, unknown> {
  const [, payload = ''] = token.split('.');
  return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
}

/**
 * The token with one claim changed and the signature left as it was: what someone who wants
 * another tenant's data would try.
 */
export function withClaim(token: string, claim: string, value: unknown): string {
  const [header = '', , signature = ''] = token.split('.');
  const payload = { ...payloadOf(token), [claim]: value };
  return [header, Buffer.from(JSON.stringify(payload)).toString('base64url'), signature].join('.');
}

/** Waits until the token's `exp` is in the past. */
export async function untilExpired(token: string): Promise<void> {
  const exp = Number(payloadOf(token).exp);
  const wait = exp * 1000 - Date.now() + 50;
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
}

/**
 * The emulator's signing key. cognito-local ships it in its npm package (which is why the
 * verifier trusts the emulator on loopback only); the tests use it for the one thing the
 * emulator cannot mint: a token with Amazon Cognito's issuer and a V2 access token's claims.
 */
async function emulatorPrivateKey(): Promise<string> {
  // cognito-local is a dependency of the local stack, not of this package: resolve it from there.
  const local = createRequire(import.meta.url).resolve('@cognito-triggers/local');
  const require = createRequire(local);
  const keys = join(dirname(require.resolve('cognito-local/package.json')), 'lib', 'keys');
  const { pem } = JSON.parse(await readFile(join(keys, 'cognitoLocal.private.json'), 'utf8')) as {
    pem: string;
  };
  return pem;
}

/** `payload` signed (RS256) with the emulator's key, under its key id (or `kid`). */
export async function signedWithEmulatorKey(
  payload: Record<string, unknown>,
  kid = 'CognitoLocal',
): Promise<string> {
  const header = { alg: 'RS256', typ: 'JWT', kid };
  const input = [header, payload]
    .map((part) => Buffer.from(JSON.stringify(part)).toString('base64url'))
    .join('.');
  const signature = sign('sha256', Buffer.from(input), await emulatorPrivateKey());
  return `${input}.${signature.toString('base64url')}`;
}
