import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  defineConfig,
  defineTrigger,
  env,
  GENERIC_ERROR_MESSAGE,
  type PreSignUpTriggerEvent,
  TIMEOUT_ERROR_MESSAGE,
  UserFacingError,
} from '../src/index.js';
import { lambdaContext, preSignUpEvent } from '../src/testing/index.js';

let lines: Record<string, unknown>[];

beforeEach(() => {
  lines = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    lines.push(JSON.parse(String(chunk)));
    return true;
  });
});

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

const event = () =>
  preSignUpEvent('PreSignUp_SignUp', {
    email: 'ana.secret@example.com',
    userAttributes: { phone_number: '+4915112345678', name: 'Ana Secret' },
  });

describe('defineTrigger', () => {
  it('returns the very event it was given, with the response changed in place', async () => {
    const handler = defineTrigger({
      name: 'PreSignUp',
      handle(e: PreSignUpTriggerEvent) {
        e.response.autoConfirmUser = true;
      },
    });
    const input = event();
    const output = await handler(input, lambdaContext());
    expect(output).toBe(input);
    expect(output.response.autoConfirmUser).toBe(true);
  });

  it('passes a user-facing error through with its text and code', async () => {
    const handler = defineTrigger({
      name: 'PreSignUp',
      handle() {
        throw new UserFacingError(
          'SIGNUP_DOMAIN_NOT_ALLOWED',
          'Sign-up is not open to this domain',
        );
      },
    });
    await expect(handler(event())).rejects.toThrow(
      /^SIGNUP_DOMAIN_NOT_ALLOWED: Sign-up is not open to this domain$/,
    );
    expect(lines.at(-1)).toMatchObject({ outcome: 'rejected', code: 'SIGNUP_DOMAIN_NOT_ALLOWED' });
  });

  it('replaces any other error with a generic message and logs the cause', async () => {
    const handler = defineTrigger({
      name: 'PostConfirmation',
      async handle() {
        throw new Error('User: arn:aws:sts::123456789012:assumed-role/x is not authorized', {
          cause: new Error('AccessDeniedException'),
        });
      },
    });
    const failure = handler(event());
    await expect(failure).rejects.toThrow(GENERIC_ERROR_MESSAGE);
    await expect(failure).rejects.not.toThrow(/arn:aws/);
    const logged = lines.find((line) => line.message === 'unexpected error');
    expect(logged).toMatchObject({
      level: 'ERROR',
      error: {
        message: expect.stringContaining('arn:aws:sts'),
        cause: { message: 'AccessDeniedException' },
      },
    });
    expect(lines.at(-1)).toMatchObject({ outcome: 'failed', code: 'TRIGGER_INTERNAL_ERROR' });
  });

  it('logs exactly one line per invocation, with context and without personal data', async () => {
    const handler = defineTrigger({
      name: 'PreSignUp',
      handle(_e: PreSignUpTriggerEvent, { note }) {
        note({ rule: 'example.com' });
      },
    });
    await handler(event(), lambdaContext());
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 'INFO',
      message: 'invocation',
      trigger: 'PreSignUp',
      triggerSource: 'PreSignUp_SignUp',
      userPoolId: 'eu-west-1_EXAMPLE01',
      clientId: '3n4b5urk1ft4fl3mg5e62d9ado',
      emailHash: expect.stringMatching(/^[0-9a-f]{16}$/),
      outcome: 'ok',
      rule: 'example.com',
      durationMs: expect.any(Number),
    });
    const text = JSON.stringify(lines);
    expect(text).not.toMatch(/ana\.secret|\+4915112345678|Ana Secret/i);
  });

  it('hands objects to the Lambda runtime when its log format is JSON', async () => {
    vi.stubEnv('AWS_LAMBDA_LOG_FORMAT', 'JSON');
    const info = vi.spyOn(console, 'info').mockImplementation(() => undefined);
    const handler = defineTrigger({ name: 'PreSignUp', handle() {} });
    await handler(event(), lambdaContext());
    expect(info).toHaveBeenCalledOnce();
    expect(info.mock.calls[0]?.[0]).toMatchObject({ message: 'invocation', outcome: 'ok' });
    expect(lines).toHaveLength(0);
  });

  it('answers with a timeout message before the deadline instead of letting Cognito retry', async () => {
    const handler = defineTrigger({
      name: 'PostConfirmation',
      handle: () => new Promise<void>((resolve) => setTimeout(resolve, 5_000)),
    });
    const started = Date.now();
    // 600 ms left in the function: the deadline is 600 - 250 ms margin.
    await expect(handler(event(), lambdaContext({ timeoutMs: 600 }))).rejects.toThrow(
      TIMEOUT_ERROR_MESSAGE,
    );
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(300);
    expect(elapsed).toBeLessThan(600);
    expect(lines.at(-1)).toMatchObject({ outcome: 'timeout' });
  });

  it('aborts the signal handed to network calls when the deadline passes', async () => {
    let aborted: unknown;
    const handler = defineTrigger({
      name: 'PostConfirmation',
      handle: (_e: PreSignUpTriggerEvent, { signal }) =>
        new Promise<void>((_, reject) => {
          signal.addEventListener('abort', () => {
            aborted = signal.reason;
            reject(new Error('request aborted'));
          });
        }),
    });
    await expect(handler(event(), lambdaContext({ timeoutMs: 400 }))).rejects.toThrow(
      TIMEOUT_ERROR_MESSAGE,
    );
    expect(aborted).toBeInstanceOf(Error);
  });

  it('caps the deadline at 5 s even when the function allows more', async () => {
    let remaining = 0;
    const handler = defineTrigger({
      name: 'PreSignUp',
      handle(_e: PreSignUpTriggerEvent, { deadline }) {
        remaining = deadline.remainingMs();
      },
    });
    await handler(event(), lambdaContext({ timeoutMs: 30_000 }));
    expect(remaining).toBeLessThanOrEqual(4_750);
    expect(remaining).toBeGreaterThan(4_500);
  });

  describe('configuration', () => {
    const config = defineConfig({ domains: env.list('ALLOWED_EMAIL_DOMAINS') });

    it('loads it once at cold start and hands it to every invocation', async () => {
      vi.stubEnv('ALLOWED_EMAIL_DOMAINS', 'example.com');
      const seen: unknown[] = [];
      const handler = defineTrigger({
        name: 'PreSignUp',
        config,
        handle(_e: PreSignUpTriggerEvent, _c, loaded) {
          seen.push(loaded.domains);
        },
      });
      vi.stubEnv('ALLOWED_EMAIL_DOMAINS', 'changed.example');
      await handler(event());
      await handler(event());
      expect(seen).toEqual([['example.com'], ['example.com']]);
    });

    it('logs a bad value at cold start naming the variable, and shows users only a generic message', async () => {
      vi.stubEnv('ALLOWED_EMAIL_DOMAINS', '');
      const handler = defineTrigger({ name: 'PreSignUp', config, handle() {} });
      expect(lines[0]).toMatchObject({
        level: 'ERROR',
        message: 'configuration rejected at cold start',
        error: { name: 'ConfigError', message: 'ALLOWED_EMAIL_DOMAINS: is required but not set' },
      });
      await expect(handler(event())).rejects.toThrow(GENERIC_ERROR_MESSAGE);
      await expect(handler(event())).rejects.not.toThrow(/ALLOWED_EMAIL_DOMAINS/);
    });
  });
});

describe('UserFacingError', () => {
  it('refuses a trailing period, which Cognito would double', () => {
    expect(() => new UserFacingError('CODE', 'Bad text.')).toThrow(/period/);
  });

  it('refuses a code a client could not match', () => {
    expect(() => new UserFacingError('bad code', 'Text')).toThrow(/UPPER_SNAKE_CASE/);
  });
});
