import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  type AnyTriggerEvent,
  defineConfig,
  defineTrigger,
  env,
  GENERIC_ERROR_MESSAGE,
  PreSignUpSource,
  type PreSignUpTriggerEvent,
  TIMEOUT_ERROR_MESSAGE,
  UserFacingError,
} from '../src/index.js';
import {
  ALL_SOURCES,
  customMessageEvent,
  lambdaContext,
  malformedEvents,
  postConfirmationEvent,
  preSignUpEvent,
  preTokenGenerationEvent,
  SAMPLE,
} from '../src/testing/index.js';

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

describe('who the log lines name', () => {
  const email = 'Ana.Secret@Example.com';
  const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
  // Every form of the email a line could give away: itself, and the SHA-256 of it as typed and
  // as normalised, in full and as the 16-digit prefix the logs used to carry.
  const traces = [email, email.toLowerCase()].flatMap((form) => [
    form,
    sha256(form),
    sha256(form).slice(0, 16),
  ]);

  const everySource: AnyTriggerEvent[] = [
    ...ALL_SOURCES.preSignUp.map((source) => preSignUpEvent(source, { email })),
    ...ALL_SOURCES.postConfirmation.map((source) => postConfirmationEvent(source, { email })),
    ...([1, 2, 3] as const).flatMap((version) =>
      ALL_SOURCES.preTokenGeneration
        .filter((source) => version === 3 || source !== 'TokenGeneration_ClientCredentials')
        .map((source) => preTokenGenerationEvent(version, source as never, { email })),
    ),
    ...ALL_SOURCES.customMessage.map((source) => customMessageEvent(source, { email })),
  ];
  const cases = everySource.map((event) => ({
    title: event.triggerSource.startsWith('TokenGeneration_')
      ? `${event.triggerSource} version ${(event as { version?: unknown }).version}`
      : event.triggerSource,
    event,
  }));

  // One trigger per outcome, so that every kind of line an invocation writes is looked at.
  const triggers = [
    defineTrigger({ name: 'Any', handle: (_e: AnyTriggerEvent, { log }) => log.warn('a warning') }),
    defineTrigger({
      name: 'Any',
      handle() {
        throw new UserFacingError('REFUSED', 'Refused');
      },
    }),
    defineTrigger({
      name: 'Any',
      handle() {
        throw new Error('broken');
      },
    }),
  ];

  for (const { title, event } of cases) {
    it(`names the user of ${title} by sub, never by the email or a hash of it`, async () => {
      const sub = (event.request as { userAttributes?: Record<string, string> }).userAttributes
        ?.sub;

      for (const handler of triggers) {
        await handler(structuredClone(event), lambdaContext()).catch(() => undefined);
      }

      // ok: a warning and the invocation; refused: the invocation; failed: the error and the invocation.
      expect(lines).toHaveLength(5);
      const text = JSON.stringify(lines).toLowerCase();
      for (const trace of traces) expect(text).not.toContain(trace.toLowerCase());
      for (const line of lines) {
        expect(line).not.toHaveProperty('emailHash');
        // Pre sign-up comes before the user exists, and a machine token has no user: no sub.
        if (sub === undefined) expect(line).not.toHaveProperty('sub');
        else expect(line).toMatchObject({ sub: SAMPLE.sub });
      }
    });
  }

  it('logs the sub of every user, the pre sign-up one too when Cognito sends it', async () => {
    const handler = defineTrigger({ name: 'PreSignUp', handle() {} });
    await handler(preSignUpEvent('PreSignUp_SignUp', { userAttributes: { sub: SAMPLE.sub } }));
    await handler(postConfirmationEvent('PostConfirmation_ConfirmSignUp'));
    expect(lines.map((line) => line.sub)).toEqual([SAMPLE.sub, SAMPLE.sub]);
  });

  it('copies the source, pool, client and sub only when they are strings', async () => {
    const event = postConfirmationEvent('PostConfirmation_ConfirmSignUp', {
      userAttributes: { sub: { value: 'ana@example.com' } as unknown as string },
    });
    Object.assign(event, {
      triggerSource: { source: 'ana@example.com' },
      userPoolId: 42,
      callerContext: { clientId: ['ana@example.com'] },
    });
    const handler = defineTrigger({ name: 'PostConfirmation', handle() {} });

    await handler(event, lambdaContext());

    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ message: 'invocation', outcome: 'ok' });
    for (const name of ['triggerSource', 'userPoolId', 'clientId', 'sub']) {
      expect(lines[0]).not.toHaveProperty(name);
    }
    expect(JSON.stringify(lines)).not.toContain('ana@example.com');
  });
});

describe('a malformed event', () => {
  // A trigger that trusts the event's types, as most do: every malformed shape makes it throw
  // an internal error, which the wrapper must turn into the generic message.
  const trusting = () =>
    defineTrigger({
      name: 'PreSignUp',
      handle(e: PreSignUpTriggerEvent) {
        if (!Object.values(PreSignUpSource).includes(e.triggerSource)) {
          throw new Error('unknown trigger source');
        }
        const email = e.request.userAttributes.email as string;
        if (!email.toLowerCase().endsWith('@example.com')) {
          throw new UserFacingError('SIGNUP_DOMAIN_NOT_ALLOWED', 'Not open to this domain');
        }
      },
    });

  it.each(malformedEvents(preSignUpEvent('PreSignUp_SignUp')))(
    'gets the generic message and one log line when $name',
    async ({ event }) => {
      const handler = trusting();

      const failure = await handler(event as PreSignUpTriggerEvent, lambdaContext()).then(
        () => undefined,
        (error: unknown) => error,
      );

      expect(failure).toBeInstanceOf(Error);
      expect((failure as Error).message).toBe(GENERIC_ERROR_MESSAGE);
      const invocations = lines.filter((line) => line.message === 'invocation');
      expect(invocations).toHaveLength(1);
      expect(invocations[0]).toMatchObject({
        trigger: 'PreSignUp',
        outcome: 'failed',
        code: 'TRIGGER_INTERNAL_ERROR',
      });
      expect(JSON.stringify(lines)).not.toContain('ana@example.com');
    },
  );

  it.each(malformedEvents(preSignUpEvent('PreSignUp_SignUp')))(
    "gets the trigger's own refusal and one log line when $name, if the trigger refuses it",
    async ({ event }) => {
      const handler = defineTrigger({
        name: 'PreSignUp',
        handle() {
          throw new UserFacingError('SIGNUP_EMAIL_INVALID', 'This email address is not valid');
        },
      });

      await expect(handler(event as PreSignUpTriggerEvent)).rejects.toThrow(
        /^SIGNUP_EMAIL_INVALID: This email address is not valid$/,
      );
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatchObject({ outcome: 'rejected', code: 'SIGNUP_EMAIL_INVALID' });
    },
  );

  it('still refuses with the generic message when the configuration was rejected', async () => {
    vi.stubEnv('ALLOWED_EMAIL_DOMAINS', '');
    const handler = defineTrigger({
      name: 'PreSignUp',
      config: defineConfig({ domains: env.list('ALLOWED_EMAIL_DOMAINS') }),
      handle() {},
    });
    lines = [];

    await expect(handler(null as unknown as PreSignUpTriggerEvent)).rejects.toThrow(
      new Error(GENERIC_ERROR_MESSAGE),
    );
    expect(lines.filter((line) => line.message === 'invocation')).toEqual([
      expect.objectContaining({ outcome: 'failed', code: 'TRIGGER_MISCONFIGURED' }),
    ]);
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
