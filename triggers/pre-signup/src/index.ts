export {
  ALWAYS_PROTECTED_ATTRIBUTES,
  DEFAULT_PROTECTED_ATTRIBUTES,
  type PreSignUpConfig,
  preSignUpConfig,
} from './config.js';
export {
  decideSignUp,
  REJECTION_TEXT,
  RejectionCode,
  type SignUpDecision,
  type SignUpRequest,
} from './decide.js';
export {
  blocksDomain,
  type DomainPolicy,
  type DomainRule,
  type DomainVerdict,
  judgeDomain,
  matchesRule,
  parseDomainRule,
} from './domain-policy.js';
export { SETTINGS } from './settings.js';
