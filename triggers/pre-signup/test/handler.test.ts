import type { PreSignUpTriggerEvent } from '@cognito-triggers/events';
import { GENERIC_ERROR_MESSAGE } from '@cognito-triggers/events';
import {
  ALL_SOURCES,
  loadHandler,
  malformedEvents,
  preSignUpEvent,
} from '@cognito-triggers/events/testing';
import { describe, expect, it } from 'vitest';

// The handler reads its configuration at module load, as in Lambda: every test loads a fresh copy.
const load = (env: Record<string, string>) =>
  loadHandler({ module: () => import('../src/handler.js'), env });

const policy = { ALLOWED_EMAIL_DOMAINS: 'example.com,*.example.org' };

describe('pre-signup handler', () => {
  it.each(ALL_SOURCES.preSignUp)('returns the event for an allowed %s', async (source) => {
    const { handler } = await load(policy);
    const event = preSignUpEvent(source, { email: 'ana@eu.example.org' });
    await expect(handler(event)).resolves.toBe(event);
  });

  it.each(ALL_SOURCES.preSignUp)('rejects %s from a domain off the list', async (source) => {
    const { handler } = await load(policy);
    await expect(
      handler(preSignUpEvent(source, { email: 'eve@example.com.evil.io' })),
    ).rejects.toThrow(/^SIGNUP_DOMAIN_NOT_ALLOWED: Sign-up is not open to this email domain$/);
  });

  it.each(ALL_SOURCES.preSignUp)(
    'refuses %s from a subdomain of a blocked entry, with the text a domain off the list gets',
    async (source) => {
      const { handler } = await load({
        ALLOWED_EMAIL_DOMAINS: '*.example.com',
        BLOCKED_EMAIL_DOMAINS: 'contractors.example.com',
      });
      const refusal = async (email: string) =>
        handler(preSignUpEvent(source, { email })).then(
          () => 'allowed',
          (error: Error) => error.message,
        );

      const blocked = await refusal('eve@x.contractors.example.com');
      const deeper = await refusal('eve@a.b.contractors.example.com');
      const notAllowed = await refusal('eve@evil.io');

      expect(blocked).toBe('SIGNUP_DOMAIN_NOT_ALLOWED: Sign-up is not open to this email domain');
      expect(deeper).toBe(blocked);
      expect(notAllowed).toBe(blocked);
    },
  );

  it('says in the log line which rule refused, though the user cannot tell', async () => {
    const { handler, logs } = await load({
      ALLOWED_EMAIL_DOMAINS: '*.example.com',
      BLOCKED_EMAIL_DOMAINS: 'contractors.example.com',
    });
    await handler(
      preSignUpEvent('PreSignUp_SignUp', { email: 'eve@x.contractors.example.com' }),
    ).catch(() => undefined);
    await handler(preSignUpEvent('PreSignUp_SignUp', { email: 'eve@evil.io' })).catch(
      () => undefined,
    );
    await handler(preSignUpEvent('PreSignUp_SignUp', { email: 'ana@eu.example.com' }));

    const { lines } = logs;
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatchObject({
      outcome: 'rejected',
      code: 'SIGNUP_DOMAIN_NOT_ALLOWED',
      verdict: 'blocked',
      rule: 'contractors.example.com',
      detail: 'blocked by "contractors.example.com"',
    });
    expect(lines[1]).toMatchObject({
      outcome: 'rejected',
      code: 'SIGNUP_DOMAIN_NOT_ALLOWED',
      verdict: 'not-allowed',
      detail: 'no rule of the allowlist matches',
    });
    expect(lines[1]).not.toHaveProperty('rule');
    expect(lines[2]).toMatchObject({ outcome: 'ok', verdict: 'allowed', rule: '*.example.com' });
  });

  // What each malformed shape gets: the email's own faults the trigger's refusal, a source it
  // does not know or an event it cannot read the generic message.
  const GENERIC = 'TRIGGER_INTERNAL_ERROR';
  const expectedCode: Record<string, string> = {
    'the whole event null': GENERIC,
    'the whole event undefined': GENERIC,
    'request missing': GENERIC,
    'request null': GENERIC,
    'userAttributes null': 'SIGNUP_EMAIL_REQUIRED',
    'email null': 'SIGNUP_EMAIL_REQUIRED',
    'email a number': 'SIGNUP_EMAIL_INVALID',
    'email an array': 'SIGNUP_EMAIL_INVALID',
    'email an object': 'SIGNUP_EMAIL_INVALID',
    'triggerSource missing': GENERIC,
  };

  it.each(malformedEvents(preSignUpEvent('PreSignUp_SignUp', { email: 'ana@example.com' })))(
    'answers an event with $name with a user-safe message and one log line',
    async ({ name, event }) => {
      const { handler, logs } = await load(policy);

      const message = await handler(event as PreSignUpTriggerEvent).then(
        () => 'allowed',
        (error: Error) => error.message,
      );

      const code = expectedCode[name];
      expect(code, name).toBeDefined();
      if (code === GENERIC) expect(message).toBe(GENERIC_ERROR_MESSAGE);
      else expect(message).toMatch(new RegExp(`^${code}: [^.]+$`));
      expect(logs.invocations).toHaveLength(1);
      expect(logs.invocations[0]).toMatchObject({
        trigger: 'PreSignUp',
        outcome: code === GENERIC ? 'failed' : 'rejected',
        code: code === GENERIC ? 'TRIGGER_INTERNAL_ERROR' : code,
      });
      expect(logs.text).not.toContain('ana@example.com');
    },
  );

  it('reads the email from the attributes, never from the user name', async () => {
    const { handler } = await load(policy);
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
    const { handler } = await load(policy);
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
    const { handler } = await load({ ...policy, AUTO_CONFIRM_USERS: 'true' });
    const result = await handler(preSignUpEvent('PreSignUp_SignUp'));
    expect(result.response).toEqual({
      autoConfirmUser: true,
      autoVerifyEmail: false,
      autoVerifyPhone: false,
    });
  });

  it('rejects a self-service sign-up that chooses its own tenant', async () => {
    const { handler } = await load(policy);
    const event = preSignUpEvent('PreSignUp_SignUp', {
      userAttributes: { 'custom:tenant_id': 'someone-elses-company' },
    });
    await expect(handler(event)).rejects.toThrow(/^SIGNUP_ATTRIBUTE_NOT_ALLOWED: /);
  });

  it('logs one line with the decision and no personal data', async () => {
    const { handler, logs } = await load(policy);
    await expect(
      handler(preSignUpEvent('PreSignUp_SignUp', { email: 'eve.private@evil.io' })),
    ).rejects.toThrow();
    expect(logs.lines).toHaveLength(1);
    const [line] = logs.lines;
    expect(line).toMatchObject({
      message: 'invocation',
      trigger: 'PreSignUp',
      outcome: 'rejected',
      code: 'SIGNUP_DOMAIN_NOT_ALLOWED',
      verdict: 'not-allowed',
      detail: 'no rule of the allowlist matches',
    });
    expect(line).not.toHaveProperty('emailHash');
    expect(logs.text).not.toMatch(/eve\.private|evil\.io/);
  });

  it('fails closed with a generic message when the allowlist is missing', async () => {
    const { handler, logs } = await load({});
    await expect(handler(preSignUpEvent('PreSignUp_SignUp'))).rejects.toThrow(
      /^TRIGGER_INTERNAL_ERROR: /,
    );
    expect(logs.text).toContain('ALLOWED_EMAIL_DOMAINS: is required but not set');
  });
});
