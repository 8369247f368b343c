import type { CustomMessageTriggerEvent } from '@cognito-triggers/events';
import { ALL_SOURCES, lambdaContext } from '@cognito-triggers/events/testing';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { eventFor } from './matrix.js';

type Handler = (event: CustomMessageTriggerEvent) => Promise<CustomMessageTriggerEvent>;
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

const branding = { APP_NAME: 'Acme', DEFAULT_LOCALE: 'de' };

describe('custom message handler', () => {
  it.each(ALL_SOURCES.customMessage)('sets subject, email and SMS for %s', async (source) => {
    const handler = await loadHandler(branding);
    const event = eventFor(source, 'es-MX');
    const result = await handler(event);
    expect(result).toBe(event);
    expect(result.response.emailSubject).toContain('Acme');
    expect(result.response.emailMessage).toContain('<html lang="es"');
    expect(result.response.smsMessage).toMatch(/^Acme: .*\{####\}/);
  });

  it('writes in DEFAULT_LOCALE when the user has no locale', async () => {
    const handler = await loadHandler(branding);
    const result = await handler(eventFor('CustomMessage_ForgotPassword', undefined));
    expect(result.response.emailSubject).toBe('Passwort für Acme zurücksetzen');
  });

  it('returns an event of a source it does not know untouched', async () => {
    const handler = await loadHandler(branding);
    const event = eventFor('CustomMessage_SignUp', 'en');
    (event as { triggerSource: string }).triggerSource = 'CustomMessage_SomethingNew';
    const before = structuredClone(event);
    const result = await handler(event);
    expect(result).toBe(event);
    expect(result).toEqual(before);
    expect(JSON.parse(output[0] ?? '')).toMatchObject({
      outcome: 'ok',
      messages: 'pool-template',
      reason: 'unknown-source',
    });
  });

  it('logs one line with the locale and no personal data', async () => {
    const handler = await loadHandler(branding);
    await handler(
      eventFor('CustomMessage_SignUp', 'fr', {
        email: 'eve.private@example.org',
        userAttributes: { name: 'Eve Private', phone_number: '+15555550123' },
      }),
    );
    expect(output).toHaveLength(1);
    expect(JSON.parse(output[0] ?? '')).toMatchObject({
      message: 'invocation',
      trigger: 'CustomMessage',
      outcome: 'ok',
      messages: 'custom',
      locale: 'fr',
    });
    expect(output[0]).not.toMatch(/eve\.private|Eve Private|5555550123/);
  });

  it('fails with a generic message, naming the variable only in the log, without APP_NAME', async () => {
    const handler = await loadHandler({ APP_NAME: '' });
    await expect(handler(eventFor('CustomMessage_SignUp', 'en'))).rejects.toThrow(
      /^TRIGGER_INTERNAL_ERROR: /,
    );
    expect(output.join('')).toContain('APP_NAME: is required but not set');
  });
});
