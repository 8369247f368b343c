// Peer: pre sign-up as a typical team writes it, bundled like ours: Powertools Logger, the
// allowed and blocked domains read from the same variables, `*.` rules for subdomains.
import { Logger } from '@aws-lambda-powertools/logger';
import type { Context, PreSignUpTriggerEvent } from 'aws-lambda';

const logger = new Logger({ serviceName: 'pre-signup' });
const list = (name: string) =>
  (process.env[name] ?? '').split(',').filter((entry) => entry.length > 0);
const allowed = list('ALLOWED_EMAIL_DOMAINS');
const blocked = list('BLOCKED_EMAIL_DOMAINS');

const matches = (domain: string, rule: string) =>
  rule.startsWith('*.') ? domain.endsWith(rule.slice(1)) : domain === rule;

export const handler = async (event: PreSignUpTriggerEvent, context: Context) => {
  logger.addContext(context);
  const domain = (event.request.userAttributes.email ?? '').toLowerCase().split('@')[1] ?? '';
  const refused =
    blocked.some((rule) => matches(domain, rule)) || !allowed.some((rule) => matches(domain, rule));
  if (refused) {
    logger.warn('sign-up refused', { domain });
    throw new Error('SIGNUP_DOMAIN_NOT_ALLOWED: Sign-up is not available for this email address');
  }
  logger.info('sign-up allowed', { domain, triggerSource: event.triggerSource });
  event.response.autoConfirmUser = false;
  event.response.autoVerifyEmail = false;
  event.response.autoVerifyPhone = false;
  return event;
};
