// Naive baseline: the pre sign-up decision written as AWS samples write it. Plain JavaScript,
// unbundled, no validation library, no logging; the same allow and block lists (exact domains
// and `*.` wildcards) read from the same variables. For comparison only: it skips what the real
// trigger does on purpose (strict email parsing, punycode, protected attributes, safe errors).

const parseList = (value) =>
  (value ?? '')
    .split(',')
    .map((rule) => rule.trim().toLowerCase())
    .filter((rule) => rule.length > 0);

const allowedDomains = parseList(process.env.ALLOWED_EMAIL_DOMAINS);
const blockedDomains = parseList(process.env.BLOCKED_EMAIL_DOMAINS);

const matches = (domain, rule) =>
  rule.startsWith('*.') ? domain.endsWith(rule.slice(1)) : domain === rule;

export const handler = async (event) => {
  const email = event.request.userAttributes.email;
  if (!email) {
    throw new Error('An email address is required to sign up');
  }
  const domain = email.split('@')[1]?.toLowerCase();
  if (
    !domain ||
    blockedDomains.some((rule) => matches(domain, rule)) ||
    !allowedDomains.some((rule) => matches(domain, rule))
  ) {
    throw new Error('Sign-up is not open to this email domain');
  }
  event.response.autoConfirmUser = false;
  event.response.autoVerifyEmail = false;
  event.response.autoVerifyPhone = false;
  return event;
};
