import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { GENERIC_ERROR_MESSAGE } from '@cognito-triggers/events';
import { malformedEvents, preSignUpEvent } from '@cognito-triggers/events/testing';
import { describe, expect, it } from 'vitest';

// The deployable artefact, as `pnpm build` left it (turbo runs the build before these tests).
const dist = resolve(import.meta.dirname, '..', 'dist');
const run = promisify(execFile);

const readJson = async (name: string) => JSON.parse(await readFile(join(dist, name), 'utf8'));

describe('the pre-signup bundle', () => {
  it('stays within 25 KB and holds no AWS SDK', async () => {
    const manifest = await readJson('manifest.json');
    const meta = await readJson('meta.json');
    const bundle = await readFile(join(dist, 'index.mjs'));
    expect(manifest).toMatchObject({
      functionName: 'PreSignUp',
      handler: 'index.handler',
      awsSdk: false,
    });
    expect(bundle.length).toBe(manifest.bundleBytes);
    expect(bundle.length).toBeLessThanOrEqual(25 * 1024);
    const inputs = Object.keys(meta.inputs as Record<string, unknown>);
    expect(inputs.some((input) => input.includes('src/handler.ts'))).toBe(true);
    expect(inputs.filter((input) => /@aws-sdk|@smithy|aws-sdk/.test(input))).toEqual([]);
  });

  it('decides in a fresh Node process exactly as the source does', async () => {
    const script = `
      const { handler } = await import(${JSON.stringify(join(dist, 'index.mjs'))});
      const [allowed, refused] = JSON.parse(process.argv[1]);
      const ok = await handler(allowed);
      let message;
      try { await handler(refused); } catch (error) { message = error.message; }
      console.log(JSON.stringify({ response: ok.response, message }));
    `;
    const events = [
      preSignUpEvent('PreSignUp_SignUp', { email: 'ana@a.b.example.org' }),
      preSignUpEvent('PreSignUp_SignUp', { email: 'eve@example.org.evil.io' }),
    ];
    const { stdout } = await run(
      process.execPath,
      ['--input-type=module', '-e', script, JSON.stringify(events)],
      { env: { PATH: process.env.PATH, ALLOWED_EMAIL_DOMAINS: '*.example.org' } },
    );
    const result = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}');
    expect(result).toEqual({
      response: { autoConfirmUser: false, autoVerifyEmail: false, autoVerifyPhone: false },
      message: 'SIGNUP_DOMAIN_NOT_ALLOWED: Sign-up is not open to this email domain',
    });
  });

  it('answers every malformed event with a user-safe message and one log line', async () => {
    const script = `
      const { handler } = await import(${JSON.stringify(join(dist, 'index.mjs'))});
      const results = [];
      for (const { event } of JSON.parse(process.argv[1])) {
        try { await handler(event); results.push('allowed'); }
        catch (error) { results.push(error.message); }
      }
      console.log(JSON.stringify(results));
    `;
    // JSON has no undefined: that case arrives without its event, which reads as undefined.
    const cases = malformedEvents(preSignUpEvent('PreSignUp_SignUp', { email: 'ana@example.com' }));
    const { stdout } = await run(
      process.execPath,
      ['--input-type=module', '-e', script, JSON.stringify(cases)],
      { env: { PATH: process.env.PATH, ALLOWED_EMAIL_DOMAINS: 'example.com' } },
    );
    const lines = stdout.trim().split('\n');
    const messages = JSON.parse(lines.at(-1) ?? '[]') as string[];
    expect(messages).toHaveLength(cases.length);
    for (const [index, message] of messages.entries()) {
      const userSafe =
        message === GENERIC_ERROR_MESSAGE || /^SIGNUP_EMAIL_[A-Z]+: [^.]+$/.test(message);
      expect(userSafe, `${cases[index]?.name}: ${message}`).toBe(true);
    }
    const invocations = lines
      .slice(0, -1)
      .map((line) => JSON.parse(line))
      .filter((line) => line.message === 'invocation');
    expect(invocations.map((line) => line.outcome)).toEqual(
      messages.map((message) => (message === GENERIC_ERROR_MESSAGE ? 'failed' : 'rejected')),
    );
    expect(stdout).not.toContain('ana@example.com');
  });
});
