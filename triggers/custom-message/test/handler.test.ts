import { ALL_SOURCES, loadHandler } from '@cognito-triggers/events/testing';
import { describe, expect, it } from 'vitest';
import { eventFor } from './matrix.js';

// The handler reads its configuration at module load, as in Lambda: every test loads a fresh copy.
const load = (env: Record<string, string>) =>
  loadHandler({ module: () => import('../src/handler.js'), env });

const branding = { APP_NAME: 'Acme', DEFAULT_LOCALE: 'de' };

describe('custom message handler', () => {
  it.each(ALL_SOURCES.customMessage)('sets subject, email and SMS for %s', async (source) => {
    const { handler } = await load(branding);
    const event = eventFor(source, 'es-MX');
    const result = await handler(event);
    expect(result).toBe(event);
    expect(result.response.emailSubject).toContain('Acme');
    expect(result.response.emailMessage).toContain('<html lang="es"');
    expect(result.response.smsMessage).toMatch(/^Acme: .*\{####\}/);
  });

  it('writes in DEFAULT_LOCALE when the user has no locale', async () => {
    const { handler } = await load(branding);
    const result = await handler(eventFor('CustomMessage_ForgotPassword', undefined));
    expect(result.response.emailSubject).toBe('Passwort für Acme zurücksetzen');
  });

  it('returns an event of a source it does not know untouched', async () => {
    const { handler, logs } = await load(branding);
    const event = eventFor('CustomMessage_SignUp', 'en');
    (event as { triggerSource: string }).triggerSource = 'CustomMessage_SomethingNew';
    const before = structuredClone(event);
    const result = await handler(event);
    expect(result).toBe(event);
    expect(result).toEqual(before);
    expect(logs.lines[0]).toMatchObject({
      outcome: 'ok',
      messages: 'pool-template',
      reason: 'unknown-source',
    });
  });

  it('logs one line with the locale and no personal data', async () => {
    const { handler, logs } = await load(branding);
    await handler(
      eventFor('CustomMessage_SignUp', 'fr', {
        email: 'eve.private@example.org',
        userAttributes: { name: 'Eve Private', phone_number: '+15555550123' },
      }),
    );
    expect(logs.lines).toHaveLength(1);
    expect(logs.lines[0]).toMatchObject({
      message: 'invocation',
      trigger: 'CustomMessage',
      outcome: 'ok',
      messages: 'custom',
      locale: 'fr',
    });
    expect(logs.text).not.toMatch(/eve\.private|Eve Private|5555550123/);
  });

  it('fails with a generic message, naming the variable only in the log, without APP_NAME', async () => {
    const { handler, logs } = await load({ APP_NAME: '' });
    await expect(handler(eventFor('CustomMessage_SignUp', 'en'))).rejects.toThrow(
      /^TRIGGER_INTERNAL_ERROR: /,
    );
    expect(logs.text).toContain('APP_NAME: is required but not set');
  });
});
