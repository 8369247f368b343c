import { PreSignUpSource, parseEmailAddress, type StringMap } from '@cognito-triggers/events';
import { ALWAYS_PROTECTED_ATTRIBUTES, type PreSignUpConfig } from './config.js';
import { type DomainRule, judgeDomain } from './domain-policy.js';

/**
 * Stable codes a client can match; each rejection message starts with one. A blocked domain and
 * a domain off the allowlist share `SIGNUP_DOMAIN_NOT_ALLOWED`: a code of its own for blocks
 * would let anyone map the customer list by trying domains. Operators see the difference in
 * the decision's `verdict` and `rule`.
 */
export const RejectionCode = {
  EmailRequired: 'SIGNUP_EMAIL_REQUIRED',
  EmailInvalid: 'SIGNUP_EMAIL_INVALID',
  DomainNotAllowed: 'SIGNUP_DOMAIN_NOT_ALLOWED',
  AttributeNotAllowed: 'SIGNUP_ATTRIBUTE_NOT_ALLOWED',
} as const;
export type RejectionCode = (typeof RejectionCode)[keyof typeof RejectionCode];

/** What the user is shown: short, without a trailing period (Cognito adds one). */
export const REJECTION_TEXT: Record<RejectionCode, string> = {
  SIGNUP_EMAIL_REQUIRED: 'An email address is required to sign up',
  SIGNUP_EMAIL_INVALID: 'This email address is not valid',
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
      readonly verdict: 'allowed';
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
      /**
       * For operators, never for the user: which part of the domain policy refused, when it
       * did (`blocked` by `rule`, or `not-allowed` by the allowlist). Both show the user the
       * same code and text.
       */
      readonly verdict?: 'blocked' | 'not-allowed';
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

  // Typed as a string, but a malformed event may carry anything: refuse rather than throw.
  const rawEmail: unknown = request.userAttributes.email;
  if (rawEmail === undefined || rawEmail === null || rawEmail === '') {
    return reject(RejectionCode.EmailRequired, 'no email attribute');
  }
  if (typeof rawEmail !== 'string') {
    return reject(RejectionCode.EmailInvalid, 'the email attribute is not a string');
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
      return reject(RejectionCode.DomainNotAllowed, `blocked by "${judged.rule.text}"`, {
        verdict: 'blocked',
        domain,
        rule: judged.rule,
      });
    case 'not-allowed':
      return reject(RejectionCode.DomainNotAllowed, 'no rule of the allowlist matches', {
        verdict: 'not-allowed',
        domain,
      });
    case 'allowed':
      return {
        allowed: true,
        verdict: 'allowed',
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
  extra: { verdict?: 'blocked' | 'not-allowed'; domain?: string; rule?: DomainRule } = {},
): SignUpDecision {
  return { allowed: false, code, detail, ...extra };
}
