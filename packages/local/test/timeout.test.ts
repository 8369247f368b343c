import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clients, rejection, signIn, signUpAndConfirm, stack, useStack } from './support.js';

// A token function that hangs for users whose address starts with "slow": a stuck dependency.
const HANGING_BUNDLE = `export const handler = async (event) => {
  if (event.request.userAttributes.email.startsWith('slow')) await new Promise((resolve) => setTimeout(resolve, 30_000));
  return event;
};`;

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'local-stack-timeout-'));
  await writeFile(join(dir, 'index.mjs'), HANGING_BUNDLE);
});

useStack(() => ({
  // Cognito's limit is 5 s (the default, see stack.test.ts); 2 s keeps this test quick, and
  // leaves a cold start room on a loaded two-core machine.
  lambdaTimeoutMs: 2_000,
  overrideFunctions: { PreTokenGeneration: { bundle: join(dir, 'index.mjs') } },
}));

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('a trigger that runs past the limit', () => {
  it('fails the API call as Cognito does, and the stack keeps serving', async () => {
    await signUpAndConfirm(stack, clients, 'slow@example.com');
    await signUpAndConfirm(stack, clients, 'quick@example.com');
    // Every sign-in runs pre authentication first: warm it, so that only the token trigger's
    // hang is timed.
    await signIn(stack, clients, 'quick@example.com');

    const started = Date.now();
    const error = await rejection(signIn(stack, clients, 'slow@example.com'));
    const waited = Date.now() - started;

    expect(error?.name).toBe('UserLambdaValidationException');
    expect(error?.message).toBe(
      'PreTokenGeneration failed with error Task timed out after 2.00 seconds.',
    );
    expect(waited).toBeGreaterThanOrEqual(2_000);
    expect(waited).toBeLessThan(6_000);
    // A fresh execution environment answers the next sign-in.
    await expect(signIn(stack, clients, 'quick@example.com')).resolves.toMatchObject({
      claims: { email: 'quick@example.com' },
    });
  });
});
