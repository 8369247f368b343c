/** Stable codes of an operator's request that cannot be carried out as asked. */
export const OperationErrorCode = {
  /** A value is malformed: a tenant id, a domain, a role, an email, a name. */
  InvalidInput: 'INVALID_INPUT',
  /** No tenant with that id. */
  TenantNotFound: 'TENANT_NOT_FOUND',
  /** No user of the pool with that email or sub. */
  UserNotFound: 'USER_NOT_FOUND',
  /** Several users of the pool have that email: name the user by `sub`. */
  UserAmbiguous: 'USER_AMBIGUOUS',
  /** The user has no active membership of that tenant. */
  MemberNotFound: 'MEMBER_NOT_FOUND',
  /** The change would leave the tenant without an admin (`force` to do it anyway). */
  LastAdmin: 'LAST_ADMIN',
  /** A domain is claimed by another tenant. */
  DomainTaken: 'DOMAIN_TAKEN',
  /** The user pool refused to create the invitee (the pre sign-up trigger, a policy). */
  InviteRefused: 'INVITE_REFUSED',
  /** The pool's user with that address has not verified it: it may not be theirs. */
  EmailUnverified: 'USER_EMAIL_UNVERIFIED',
} as const;
export type OperationErrorCode = (typeof OperationErrorCode)[keyof typeof OperationErrorCode];

/**
 * An operator's request refused before (or instead of) any change: the message names what is
 * wrong (the tenant, the user, the value). The CLI prints it and exits 2.
 *
 * @example
 * throw new OperationError(OperationErrorCode.TenantNotFound, 'no tenant "acme"');
 */
export class OperationError extends Error {
  public readonly code: OperationErrorCode;

  public constructor(code: OperationErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'OperationError';
    this.code = code;
  }
}
