import { beforeAll, describe, expect, it, onTestFinished, vi } from 'vitest';
import { lambdaContext, loadHandler, preSignUpEvent } from '../src/testing/index.js';

const module = () => import('./fixtures/greeting-trigger.js');
const signUp = (email = 'ana@example.com') => preSignUpEvent('PreSignUp_SignUp', { email });
const realWrite = process.stdout.write;

describe('loadHandler', () => {
  it('loads the module with the environment it is given, as a cold start reads it', async () => {
    const { handler, logs } = await loadHandler({ module, env: { FIXTURE_GREETING: 'hello' } });

    const event = signUp();
    await expect(handler(event)).resolves.toBe(event);

    expect(logs.invocations).toEqual([
      expect.objectContaining({ trigger: 'PreSignUp', outcome: 'ok', greeting: 'hello' }),
    ]);
  });

  it('gives each load a fresh copy of the module, its state included', async () => {
    const first = await loadHandler({ module, env: { FIXTURE_GREETING: 'first' } });
    await first.handler(signUp());
    await first.handler(signUp());

    const second = await loadHandler({ module, env: { FIXTURE_GREETING: 'second' } });
    await second.handler(signUp());
    await first.handler(signUp());

    expect(second.logs.invocations.map((line) => [line.greeting, line.invocations])).toEqual([
      ['second', 1],
      ['first', 3],
    ]);
  });

  it('captures what the module logs while it loads: a configuration refused at cold start', async () => {
    const { handler, logs } = await loadHandler({ module, env: { FIXTURE_GREETING: '' } });

    await expect(handler(signUp())).rejects.toThrow(/^TRIGGER_INTERNAL_ERROR: /);

    expect(logs.lines[0]).toMatchObject({
      level: 'ERROR',
      message: 'configuration rejected at cold start',
    });
    expect(logs.text).toContain('FIXTURE_GREETING: is required but not set');
  });

  it('keeps each line as written and parsed, and lets none through to stdout', async () => {
    const real = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    onTestFinished(() => real.mockRestore());
    const { handler, logs } = await loadHandler({ module, env: { FIXTURE_GREETING: 'hi' } });

    await handler(signUp());
    await handler(signUp('eve@evil.io')).catch(() => undefined);

    expect(logs.lines.map((line) => [line.outcome, line.code])).toEqual([
      ['ok', undefined],
      ['rejected', 'FIXTURE_REFUSED'],
    ]);
    expect(logs.text).toBe(logs.lines.map((line) => `${JSON.stringify(line)}\n`).join(''));
    expect(real).not.toHaveBeenCalled();
  });

  it('names a line that is not JSON', async () => {
    const { logs } = await loadHandler({ module, env: { FIXTURE_GREETING: 'hi' } });

    process.stdout.write('{"message":"fine"}\nnot a log line\n');

    expect(() => logs.lines).toThrow('stdout line 2 is not a JSON log line: not a log line');
  });

  it('hands the handler a fresh Lambda context unless it is given one', async () => {
    const { handler, logs } = await loadHandler({ module, env: { FIXTURE_GREETING: 'hi' } });

    await handler(signUp());
    await handler(signUp(), { ...lambdaContext(), awsRequestId: 'given-request-id' });

    expect(logs.invocations.map((line) => line.requestId)).toEqual([
      lambdaContext().awsRequestId,
      'given-request-id',
    ]);
  });

  it('gives the environment and stdout back when the test finishes', async () => {
    process.env.FIXTURE_GREETING = 'set before';
    // Registered first, so it runs after loadHandler's own clean-up.
    onTestFinished(() => {
      expect(process.env.FIXTURE_GREETING).toBe('set before');
      expect(process.env).not.toHaveProperty('FIXTURE_ADDED');
      expect(process.stdout.write).toBe(realWrite);
      delete process.env.FIXTURE_GREETING;
    });

    await loadHandler({ module, env: { FIXTURE_GREETING: 'during', FIXTURE_ADDED: 'yes' } });

    expect(process.env.FIXTURE_GREETING).toBe('during');
    expect(process.env.FIXTURE_ADDED).toBe('yes');
    expect(process.stdout.write).not.toBe(realWrite);
  });

  describe('outside a test', () => {
    let refusal: unknown;
    beforeAll(async () => {
      refusal = await loadHandler({ module, env: { FIXTURE_GREETING: 'leaked' } }).catch(
        (error: unknown) => error,
      );
    });

    it('refuses, and changes nothing it could not undo', () => {
      expect(refusal).toBeInstanceOf(Error);
      expect((refusal as Error).message).toMatch(/^loadHandler\(\) runs inside a test/);
      expect(process.env).not.toHaveProperty('FIXTURE_GREETING');
      expect(process.stdout.write).toBe(realWrite);
    });
  });
});
