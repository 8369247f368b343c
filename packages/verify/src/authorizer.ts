import type {
  APIGatewayRequestAuthorizerEventV2,
  APIGatewaySimpleAuthorizerWithContextResult,
} from 'aws-lambda';
import type { TenantContext } from './claims.js';
import { AccessDeniedError, InvalidTokenError } from './errors.js';
import { authenticate, type TenantRequirements } from './http.js';
import type { TenantVerifier } from './verifier.js';

/**
 * The tenant context as API Gateway passes it on to the integration
 * (`event.requestContext.authorizer.lambda`): flat, strings, numbers and booleans only.
 * `groups` is comma-separated, `scopes` space-separated (as OAuth writes them); `tenantTier` is
 * absent when the token has none, `username` for a machine token. The raw claims are not passed
 * on.
 */
export interface AuthorizerContext {
  readonly tenantId: string;
  readonly tenantRole: string;
  readonly tenantTier?: string;
  readonly groups: string;
  readonly scopes: string;
  readonly sub: string;
  readonly username?: string;
  readonly clientId: string;
  readonly tokenUse: string;
  readonly expiresAt: number;
}

/** One line about a refused request: the stable code, never the token. */
export interface AuthorizerDenial {
  readonly level: 'WARN';
  readonly message: 'request refused';
  readonly code: string;
  readonly routeArn: string;
}

export interface AuthorizerOptions extends TenantRequirements {
  /** Where denials are logged; `console.warn` (one JSON line under Lambda's JSON log format) by default. */
  readonly log?: (denial: AuthorizerDenial) => void;
}

export type AuthorizerHandler = (
  event: APIGatewayRequestAuthorizerEventV2,
) => Promise<
  APIGatewaySimpleAuthorizerWithContextResult<AuthorizerContext | Record<string, never>>
>;

/**
 * A Lambda authorizer for an API Gateway HTTP API (payload format 2.0, simple responses):
 * `{ isAuthorized: true, context }` for a valid token meeting the requirements, and
 * `{ isAuthorized: false }` otherwise, which API Gateway answers with 403. A JWKS that cannot
 * be fetched is thrown (API Gateway answers 500) rather than denied, so that an outage is not
 * mistaken for bad tokens. Turn on authorizer caching keyed on the `Authorization` header to
 * save invocations.
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-lambda-authorizer.html
 * @example
 * ```ts
 * const verifier = createTenantVerifier({ userPoolId: process.env.USER_POOL_ID, clientId: process.env.CLIENT_ID });
 * await verifier.hydrate();
 * export const handler = createAuthorizerHandler(verifier, { scope: 'orders/read' });
 * ```
 */
export function createAuthorizerHandler(
  verifier: TenantVerifier,
  options: AuthorizerOptions = {},
): AuthorizerHandler {
  const log = options.log ?? ((denial: AuthorizerDenial) => console.warn(denial));
  return async (event) => {
    // HTTP APIs lower-case header names; identitySource holds the configured header's value.
    const authorization = event.headers?.authorization ?? event.identitySource?.[0];
    try {
      const tenant = await authenticate(verifier, authorization, options);
      return { isAuthorized: true, context: authorizerContext(tenant) };
    } catch (error) {
      if (error instanceof InvalidTokenError || error instanceof AccessDeniedError) {
        log({
          level: 'WARN',
          message: 'request refused',
          code: error.code,
          routeArn: event.routeArn,
        });
        return { isAuthorized: false, context: {} };
      }
      throw error;
    }
  };
}

/** The flat form of a tenant context that an authorizer may return. */
export function authorizerContext(tenant: TenantContext): AuthorizerContext {
  return {
    tenantId: tenant.tenantId,
    tenantRole: tenant.tenantRole,
    ...(tenant.tenantTier === undefined ? {} : { tenantTier: tenant.tenantTier }),
    groups: tenant.groups.join(','),
    scopes: tenant.scopes.join(' '),
    sub: tenant.sub,
    ...(tenant.username === undefined ? {} : { username: tenant.username }),
    clientId: tenant.clientId,
    tokenUse: tenant.tokenUse,
    expiresAt: tenant.expiresAt,
  };
}
