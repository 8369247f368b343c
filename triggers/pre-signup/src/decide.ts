import { PreSignUpSource, parseEmailAddress, type StringMap } from '@cognito-triggers/events';
import { ALWAYS_PROTECTED_ATTRIBUTES, type PreSignUpConfig } from './config.js';
import { type DomainRule, judgeDomain } from './domain-policy.js';

/** Stable codes a client can match; each rejection message starts with one. */
export const RejectionCode = {
  EmailRequired: 'SIGNUP_EMAIL_REQUIRED',
  EmailInvalid: 'SIGNUP_EMAIL_INVALID',
  DomainBlocked: 'SIGNUP_DOMAIN_BLOCKED',
  DomainNotAllowed: 'SIGNUP_DOMAIN_NOT_ALLOWED',
  AttributeNotAllowed: 'SIGNUP_ATTRIBUTE_NOT_ALLOWED',
} as const;
export type RejectionCode = (typeof RejectionCode)[keyof typeof RejectionCode];

/** What the user is shown: short, without a trailing period (Cognito adds one). */
export const REJECTION_TEXT: Record<RejectionCode, string> = {
  SIGNUP_EMAIL_REQUIRED: 'An email address is required to sign up',
  SIGNUP_EMAIL_INVALID: 'This email address is not valid',
  SIGNUP_DOMAIN_BLOCKED: 'Sign-up is not open to this email domain',
  SIGNUP_DOMAIN_NOT_ALLOWED: 'Sign-up is not open to this email domain',
  SIGNUP_ATTRIBUTE_NOT_ALLOWED: 'This sign-up sets an attribute that only an administrator may set',
};

export interface SignUpRequest {
  readonly triggerSource: PreSignUpSource;
  readonly userAttributes: StringMap;
}

export type SignUpDecision =
  | {
      readonly allowed: true;
      readonly domain: string;
      readonly rule: DomainRule;
      /** Opt-in through `AUTO_CONFIRM_USERS`, self-service sign-ups only. */
      readonly autoConfirmUser: boolean;
    }
  | {
      readonly allowed: false;
      readonly code: RejectionCode;
      /** For operators (logs, `check-email`), never for the user. */
      readonly detail: string;
      readonly domain?: string;
      readonly rule?: DomainRule;
    };

/**
 * Decides a sign-up. Pure: the Lambda and `cognito-triggers check-email` both run it.
 *
 * The email comes from `userAttributes.email`, never from `userName` (a UUID when email is the
 * username, `Google_…` when federated). Every source is judged, administrators' too.
 */
export function decideSignUp(config: PreSignUpConfig, request: SignUpRequest): SignUpDecision {
  if (request.triggerSource !== PreSignUpSource.AdminCreateUser) {
    const protectedNames = new Set([...ALWAYS_PROTECTED_ATTRIBUTES, ...config.protectedAttributes]);
    const smuggled = Object.keys(request.userAttributes).filter((name) => protectedNames.has(name));
    if (smuggled.length > 0) {
      return reject(
        RejectionCode.AttributeNotAllowed,
        `self-service sign-up sets ${smuggled.join(', ')}`,
      );
    }
  }

  const rawEmail = request.userAttributes.email;
  if (rawEmail === undefined || rawEmail.length === 0) {
    return reject(RejectionCode.EmailRequired, 'no email attribute');
  }
  const parsed = parseEmailAddress(rawEmail);
  if (!parsed.ok) return reject(RejectionCode.EmailInvalid, parsed.reason);

  const { domain } = parsed.email;
  const judged = judgeDomain(
    { allowed: config.allowedDomains, blocked: config.blockedDomains },
    domain,
  );
  switch (judged.verdict) {
    case 'blocked':
      return reject(RejectionCode.DomainBlocked, `blocked by "${judged.rule.text}"`, {
        domain,
        rule: judged.rule,
      });
    case 'not-allowed':
      return reject(RejectionCode.DomainNotAllowed, 'no rule of the allowlist matches', {
        domain,
      });
    case 'allowed':
      return {
        allowed: true,
        domain,
        rule: judged.rule,
        autoConfirmUser:
          config.autoConfirmUsers && request.triggerSource === PreSignUpSource.SignUp,
      };
    default:
      return judged satisfies never;
  }
}

function reject(
  code: RejectionCode,
  detail: string,
  extra: { domain?: string; rule?: DomainRule } = {},
): SignUpDecision {
  return { allowed: false, code, detail, ...extra };
}
