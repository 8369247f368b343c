export {
  type AuthorizerContext,
  type AuthorizerDenial,
  type AuthorizerHandler,
  type AuthorizerOptions,
  authorizerContext,
  createAuthorizerHandler,
} from './authorizer.js';
export {
  claimNamesFromEnvironment,
  DEFAULT_CLAIM_NAMES,
  type TenantClaimNames,
  type TenantContext,
  type TokenUse,
} from './claims.js';
export {
  AccessDeniedError,
  InsufficientRoleError,
  InsufficientScopeError,
  InvalidTokenError,
  IssuerMismatchError,
  JwksUnavailableError,
  MissingTenantClaimError,
  TokenExpiredError,
  TokenMissingError,
  VerifierConfigError,
  WrongClientError,
  WrongTokenUseError,
} from './errors.js';
export {
  type AuthErrorResponse,
  authErrorResponse,
  authenticate,
  bearerToken,
  type NextFunction,
  type TenantMiddlewareOptions,
  type TenantRequest,
  type TenantRequirements,
  tenantMiddleware,
  tenantOf,
} from './http.js';
export { requireRole, requireScope } from './require.js';
export {
  createTenantVerifier,
  type EmulatorOptions,
  type TenantVerifier,
  type TenantVerifierOptions,
} from './verifier.js';
