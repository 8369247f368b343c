import { UserFacingError } from '@cognito-triggers/events';
import { NoTenantReason } from './sign-in.js';

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
  /** The email's domain admits members by invitation only (enrollment mode `invite`). */
  InvitationRequired: 'TENANT_INVITATION_REQUIRED',
  /** The email's domain joins an existing tenant only (enrollment mode `join`), and there is none. */
  TenantNotSetUp: 'TENANT_NOT_SET_UP',
  /** The user's membership was removed: a tombstone nothing but an invitation revives. */
  MembershipRemoved: 'TENANT_MEMBERSHIP_REMOVED',
  /** (Operators) no active membership of that user in that tenant. */
  MemberNotFound: 'TENANT_MEMBER_NOT_FOUND',
  /** (Operators) the change would leave the tenant without an admin. */
  LastAdmin: 'TENANT_LAST_ADMIN',
  /** (Operators) the domain is claimed by another tenant. */
  DomainTaken: 'TENANT_DOMAIN_TAKEN',
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
  TENANT_INVITATION_REQUIRED:
    'Your organisation admits members by invitation, please ask an administrator to invite you',
  TENANT_NOT_SET_UP: 'Your organisation is not set up yet, please contact your administrator',
  TENANT_MEMBERSHIP_REMOVED:
    'Your access to this organisation was removed, please contact your administrator',
  TENANT_MEMBER_NOT_FOUND: 'We could not finish setting up your account, please sign in again',
  TENANT_LAST_ADMIN: 'We could not finish setting up your account, please sign in again',
  TENANT_DOMAIN_TAKEN: 'We could not finish setting up your account, please sign in again',
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

/**
 * Each refusal of tenancy as the reason a trigger reports. `TENANT_PROVISIONING_FAILED` is
 * missing on purpose: it is a failure, which the failure policy decides on.
 */
export const NO_TENANT_REASON: Readonly<Partial<Record<TenancyErrorCode, NoTenantReason>>> = {
  [TenancyErrorCode.EmailMissing]: NoTenantReason.EmailMissing,
  [TenancyErrorCode.EmailInvalid]: NoTenantReason.EmailInvalid,
  [TenancyErrorCode.EmailNotVerified]: NoTenantReason.EmailUnverified,
  [TenancyErrorCode.ProviderEmailNotVerified]: NoTenantReason.ProviderEmailUnverified,
  [TenancyErrorCode.InvitationInvalid]: NoTenantReason.InvitationInvalid,
  [TenancyErrorCode.InvitationRequired]: NoTenantReason.InvitationRequired,
  [TenancyErrorCode.TenantNotSetUp]: NoTenantReason.TenantNotSetUp,
  [TenancyErrorCode.MembershipRemoved]: NoTenantReason.Removed,
  [TenancyErrorCode.UserInvalid]: NoTenantReason.UserInvalid,
  [TenancyErrorCode.TenantNotFound]: NoTenantReason.TenantNotFound,
};
