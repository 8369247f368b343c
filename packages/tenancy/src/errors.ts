import { UserFacingError } from '@cognito-triggers/events';

/** Stable codes of the refusals and failures of tenant provisioning. */
export const TenancyErrorCode = {
  /** The user has no `email` attribute: there is no domain to resolve a tenant from. */
  EmailMissing: 'TENANT_EMAIL_MISSING',
  /** The `email` attribute does not parse (see `parseEmailAddress`). */
  EmailInvalid: 'TENANT_EMAIL_INVALID',
  /** A native user whose email is not verified: its domain proves nothing. */
  EmailNotVerified: 'TENANT_EMAIL_NOT_VERIFIED',
  /**
   * A federated user whose identity provider did not verify the email (`email_verified` not
   * `"true"`) and is not authoritative for its domain (`AUTHORITATIVE_IDPS`).
   */
  ProviderEmailNotVerified: 'TENANT_PROVIDER_EMAIL_UNVERIFIED',
  /** The user's invitation has expired or was revoked, or its tenant no longer exists. */
  InvitationInvalid: 'TENANT_INVITATION_INVALID',
  /** The user has no usable `sub`. */
  UserInvalid: 'TENANT_USER_INVALID',
  /** An operation on a tenant that does not exist (`setTenantStatus`). */
  TenantNotFound: 'TENANT_NOT_FOUND',
  /** Anything else went wrong (the store or the directory failed, timed out, or was throttled). */
  ProvisioningFailed: 'TENANT_PROVISIONING_FAILED',
} as const;
export type TenancyErrorCode = (typeof TenancyErrorCode)[keyof typeof TenancyErrorCode];

/**
 * What the user is shown for each code: short, no trailing period (Cognito adds one), nothing
 * internal. "Sign in again" works because the token trigger provisions a user who has no tenant.
 */
export const TENANCY_USER_TEXT: Readonly<Record<TenancyErrorCode, string>> = {
  TENANT_EMAIL_MISSING: 'Your account has no email address, please contact your administrator',
  TENANT_EMAIL_INVALID: 'Your email address cannot be used to set up your account',
  TENANT_EMAIL_NOT_VERIFIED: 'Please verify your email address, then sign in again',
  TENANT_PROVIDER_EMAIL_UNVERIFIED:
    'Your sign-in provider did not confirm your email address, please contact your administrator',
  TENANT_INVITATION_INVALID:
    'Your invitation has expired or was withdrawn, please ask for a new one',
  TENANT_USER_INVALID: 'We could not finish setting up your account, please sign in again',
  TENANT_NOT_FOUND: 'We could not finish setting up your account, please sign in again',
  TENANT_PROVISIONING_FAILED: 'We could not finish setting up your account, please sign in again',
};

/**
 * An expected refusal or failure of tenancy, with a stable {@link TenancyErrorCode}. The message
 * is for operators (logs, the CLI) and holds no email or other personal data; the user sees
 * {@link TENANCY_USER_TEXT} instead.
 *
 * @example
 * throw new TenancyError(TenancyErrorCode.EmailMissing, 'the user has no email attribute');
 */
export class TenancyError extends Error {
  public readonly code: TenancyErrorCode;

  public constructor(code: TenancyErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'TenancyError';
    this.code = code;
  }
}

/** An item of the tenant table lacks an attribute or has the wrong type: a bug or a hand edit. */
export class TenantStoreError extends Error {
  public constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'TenantStoreError';
  }
}

/**
 * The error a trigger throws when provisioning failed: a {@link TenancyError} keeps its code,
 * anything else (a throttled table, a timeout, a bug) becomes `TENANT_PROVISIONING_FAILED`.
 * Log the original error first: this one carries only user-safe text.
 *
 * @example
 * catch (error) {
 *   log.error('provisioning failed', { error });
 *   throw userFacingError(error);
 * }
 */
export function userFacingError(error: unknown): UserFacingError {
  const code = error instanceof TenancyError ? error.code : TenancyErrorCode.ProvisioningFailed;
  return new UserFacingError(code, TENANCY_USER_TEXT[code], { cause: error });
}
