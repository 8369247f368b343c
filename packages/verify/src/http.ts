import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TenantContext } from './claims.js';
import {
  AccessDeniedError,
  InsufficientScopeError,
  InvalidTokenError,
  MissingTenantClaimError,
  TokenMissingError,
} from './errors.js';
import { requireRole, requireScope } from './require.js';
import type { TenantVerifier } from './verifier.js';

/** A request that went through {@link tenantMiddleware}: `tenant` is set on the routes after it. */
export type TenantRequest = IncomingMessage & { tenant?: TenantContext };

/** Express's `next`: no argument to go on, an error to hand over to the error handlers. */
export type NextFunction = (error?: unknown) => void;

/** What every route behind the middleware requires, on top of a valid token. */
export interface TenantRequirements {
  /** The tenant role must be one of these (403 otherwise). */
  readonly roles?: readonly string[];
  /** The access token must carry this scope (403 otherwise). */
  readonly scope?: string;
}

export interface TenantMiddlewareOptions extends TenantRequirements {
  /** The `realm` of `WWW-Authenticate`; `api` by default. */
  readonly realm?: string;
}

/** The JSON body of an authentication or authorisation failure. */
export interface ErrorBody {
  error: string;
  message: string;
  /** A token without a tenant: why, as the token trigger said (`invitation-required`, …). */
  tenantStatus?: string;
}

/** An HTTP answer to an authentication or authorisation failure. */
export interface AuthErrorResponse {
  readonly status: 401 | 403;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Readonly<ErrorBody>;
}

const BEARER = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i;

/**
 * The token of an `Authorization: Bearer <token>` header (scheme case-insensitive, RFC 6750),
 * or `undefined`.
 *
 * @example
 * ```ts
 * bearerToken('Bearer eyJraWQiOi…'); // 'eyJraWQiOi…'
 * ```
 */
export function bearerToken(header: string | readonly string[] | undefined): string | undefined {
  const value = typeof header === 'string' ? header : header?.[0];
  return value === undefined ? undefined : BEARER.exec(value)?.[1];
}

/**
 * The HTTP answer to one of this package's errors, with the RFC 6750 `WWW-Authenticate`
 * challenge: 401 for an {@link InvalidTokenError}, 403 for an {@link AccessDeniedError};
 * `undefined` for any other error (yours to handle: a 5xx). Use it in your own error handler
 * when routes call `requireRole`/`requireScope`.
 *
 * @example
 * ```ts
 * app.use((error, req, res, next) => {
 *   const answer = authErrorResponse(error);
 *   if (answer === undefined) return next(error);
 *   res.status(answer.status).set(answer.headers).json(answer.body);
 * });
 * ```
 */
export function authErrorResponse(error: unknown, realm = 'api'): AuthErrorResponse | undefined {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'cache-control': 'no-store',
  };
  if (error instanceof InvalidTokenError) {
    // RFC 6750 §3.1: a request without credentials gets the bare challenge, no error code.
    headers['www-authenticate'] =
      error instanceof TokenMissingError
        ? `Bearer realm="${realm}"`
        : `Bearer realm="${realm}", error="invalid_token", error_description="${error.message}"`;
    const body: ErrorBody = { error: error.code, message: error.message };
    if (error instanceof MissingTenantClaimError && error.tenantStatus !== undefined) {
      body.tenantStatus = error.tenantStatus;
    }
    return { status: 401, headers, body };
  }
  if (error instanceof AccessDeniedError) {
    if (error instanceof InsufficientScopeError) {
      headers['www-authenticate'] =
        `Bearer realm="${realm}", error="insufficient_scope", scope="${error.required}"`;
    }
    return { status: 403, headers, body: { error: error.code, message: error.message } };
  }
  return undefined;
}

/**
 * Node `http` / Express middleware: verifies the bearer token, checks the requirements, and
 * sets `req.tenant` for the next handlers. Answers 401 (with `WWW-Authenticate`) for a missing
 * or refused token and 403 for a role or scope the caller lacks; hands anything else (the JWKS
 * unreachable) to `next(error)`.
 *
 * @example
 * ```ts
 * const verifier = createTenantVerifier({ userPoolId, clientId });
 * await verifier.hydrate();
 * app.use('/api', tenantMiddleware(verifier));
 * app.delete('/api/users/:id', tenantMiddleware(verifier, { roles: ['admin'] }), removeUser);
 * app.get('/api/orders', (req, res) => res.json(listOrders(tenantOf(req).tenantId)));
 * ```
 */
export function tenantMiddleware(
  verifier: TenantVerifier,
  options: TenantMiddlewareOptions = {},
): (req: TenantRequest, res: ServerResponse, next: NextFunction) => Promise<void> {
  const realm = options.realm ?? 'api';
  return async (req, res, next) => {
    let tenant: TenantContext;
    try {
      tenant = await authenticate(verifier, req.headers.authorization, options);
    } catch (error) {
      const answer = authErrorResponse(error, realm);
      if (answer === undefined) {
        next(error);
        return;
      }
      res.writeHead(answer.status, answer.headers).end(JSON.stringify(answer.body));
      return;
    }
    req.tenant = tenant;
    next();
  };
}

/**
 * The tenant that {@link tenantMiddleware} put on the request. Fails closed: a route reached
 * without the middleware (a wiring mistake) is answered 401 rather than served without a tenant.
 *
 * @throws {TokenMissingError} when `req.tenant` is not set.
 * @example
 * ```ts
 * app.get('/api/orders', (req, res) => res.json(listOrders(tenantOf(req).tenantId)));
 * ```
 */
export function tenantOf(req: TenantRequest): TenantContext {
  if (req.tenant === undefined) throw new TokenMissingError();
  return req.tenant;
}

/**
 * Verifies the token of an `Authorization` header and checks the requirements: what both
 * adapters do, for writing another (Fastify, Hono, a queue consumer).
 *
 * @throws {TokenMissingError} without a bearer token; see {@link TenantVerifier.verify} and
 *   {@link requireRole} / {@link requireScope} for the rest.
 * @example
 * ```ts
 * const tenant = await authenticate(verifier, request.headers.authorization, { roles: ['admin'] });
 * ```
 */
export async function authenticate(
  verifier: TenantVerifier,
  authorization: string | readonly string[] | undefined,
  requirements: TenantRequirements = {},
): Promise<TenantContext> {
  const token = bearerToken(authorization);
  if (token === undefined) throw new TokenMissingError();
  const tenant = await verifier.verify(token);
  if (requirements.roles !== undefined) requireRole(tenant, ...requirements.roles);
  if (requirements.scope !== undefined) requireScope(tenant, requirements.scope);
  return tenant;
}
