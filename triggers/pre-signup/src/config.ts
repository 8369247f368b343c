import { defineConfig, env } from '@cognito-triggers/events';
import { parseDomainRule } from './domain-policy.js';

/**
 * Attributes that decide which tenant a user lands in and what they may do there. Only an
 * administrator (`AdminCreateUser`) may set them at sign-up; `custom:tenant_id` is always in the
 * list, whatever `PROTECTED_ATTRIBUTES` says.
 */
export const ALWAYS_PROTECTED_ATTRIBUTES = ['custom:tenant_id'] as const;

export const DEFAULT_PROTECTED_ATTRIBUTES = [
  'custom:tenant_id',
  'custom:tenant_role',
  'custom:tenant_tier',
] as const;

/** The pre sign-up trigger's environment; every variable is documented in the README. */
export const preSignUpConfig = defineConfig({
  allowedDomains: env.list('ALLOWED_EMAIL_DOMAINS', { item: parseDomainRule }),
  blockedDomains: env.list('BLOCKED_EMAIL_DOMAINS', { default: [], item: parseDomainRule }),
  protectedAttributes: env.list('PROTECTED_ATTRIBUTES', {
    default: DEFAULT_PROTECTED_ATTRIBUTES,
    item: (name) => {
      if (!/^[\w:.-]{1,32}$/.test(name)) throw new Error('is not an attribute name');
      return name;
    },
  }),
  autoConfirmUsers: env.boolean('AUTO_CONFIRM_USERS', { default: false }),
});

export type PreSignUpConfig = ReturnType<typeof preSignUpConfig.load>;
