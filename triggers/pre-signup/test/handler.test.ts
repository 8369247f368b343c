import type { PreSignUpTriggerEvent } from '@cognito-triggers/events';
import { ALL_SOURCES, lambdaContext, preSignUpEvent } from '@cognito-triggers/events/testing';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

type Handler = (event: PreSignUpTriggerEvent) => Promise<PreSignUpTriggerEvent>;
let output: string[];

// The handler reads its configuration at module load, as in Lambda: every test loads a fresh copy.
async function loadHandler(environment: Record<string, string>): Promise<Handler> {
  for (const [name, value] of Object.entries(environment)) vi.stubEnv(name, value);
  vi.resetModules();
  const { handler } = await import('../src/handler.js');
  return (event) => handler(event, lambdaContext());
}

beforeEach(() => {
  output = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    output.push(String(chunk));
    return true;
  });
});

afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

const policy = { ALLOWED_EMAIL_DOMAINS: 'example.com,*.example.org' };

describe('pre-signup handler', () => {
  it.each(ALL_SOURCES.preSignUp)('returns the event for an allowed %s', async (source) => {
    const handler = await loadHandler(policy);
    const event = preSignUpEvent(source, { email: 'ana@eu.example.org' });
    await expect(handler(event)).resolves.toBe(event);
  });

  it.each(ALL_SOURCES.preSignUp)('rejects %s from a domain off the list', async (source) => {
    const handler = await loadHandler(policy);
    await expect(
      handler(preSignUpEvent(source, { email: 'eve@example.com.evil.io' })),
    ).rejects.toThrow(/^SIGNUP_DOMAIN_NOT_ALLOWED: Sign-up is not open to this email domain$/);
  });

  it('reads the email from the attributes, never from the user name', async () => {
    const handler = await loadHandler(policy);
    const event = preSignUpEvent('PreSignUp_ExternalProvider', {
      userName: 'ana@example.com',
      email: 'eve@evil.io',
    });
    await expect(handler(event)).rejects.toThrow(/^SIGNUP_DOMAIN_NOT_ALLOWED: /);
    const noEmail = preSignUpEvent('PreSignUp_SignUp', {
      userName: 'ana@example.com',
      email: null,
    });
    await expect(handler(noEmail)).rejects.toThrow(/^SIGNUP_EMAIL_REQUIRED: /);
  });

  it('never auto-verifies the email or phone, and does not auto-confirm by default', async () => {
    const handler = await loadHandler(policy);
    const event = preSignUpEvent('PreSignUp_SignUp', {
      userAttributes: { phone_number: '+15555550100' },
    });
    event.response = { autoConfirmUser: true, autoVerifyEmail: true, autoVerifyPhone: true };
    const result = await handler(event);
    expect(result.response).toEqual({
      autoConfirmUser: false,
      autoVerifyEmail: false,
      autoVerifyPhone: false,
    });
  });

  it('auto-confirms a self-service sign-up only when AUTO_CONFIRM_USERS is true', async () => {
    const handler = await loadHandler({ ...policy, AUTO_CONFIRM_USERS: 'true' });
    const result = await handler(preSignUpEvent('PreSignUp_SignUp'));
    expect(result.response).toEqual({
      autoConfirmUser: true,
      autoVerifyEmail: false,
      autoVerifyPhone: false,
    });
  });

  it('rejects a self-service sign-up that chooses its own tenant', async () => {
    const handler = await loadHandler(policy);
    const event = preSignUpEvent('PreSignUp_SignUp', {
      userAttributes: { 'custom:tenant_id': 'someone-elses-company' },
    });
    await expect(handler(event)).rejects.toThrow(/^SIGNUP_ATTRIBUTE_NOT_ALLOWED: /);
  });

  it('logs one line with the decision and no personal data', async () => {
    const handler = await loadHandler(policy);
    await expect(
      handler(preSignUpEvent('PreSignUp_SignUp', { email: 'eve.private@evil.io' })),
    ).rejects.toThrow();
    expect(output).toHaveLength(1);
    const line = JSON.parse(output[0] ?? '');
    expect(line).toMatchObject({
      message: 'invocation',
      trigger: 'PreSignUp',
      outcome: 'rejected',
      code: 'SIGNUP_DOMAIN_NOT_ALLOWED',
      detail: 'no rule of the allowlist matches',
    });
    expect(output[0]).not.toMatch(/eve\.private|evil\.io/);
  });

  it('fails closed with a generic message when the allowlist is missing', async () => {
    const handler = await loadHandler({});
    await expect(handler(preSignUpEvent('PreSignUp_SignUp'))).rejects.toThrow(
      /^TRIGGER_INTERNAL_ERROR: /,
    );
    expect(output.join('')).toContain('ALLOWED_EMAIL_DOMAINS: is required but not set');
  });
});
