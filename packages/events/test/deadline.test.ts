import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { abortAfter, COGNITO_TIMEOUT_MS, createDeadline } from '../src/index.js';
import { collectGarbage } from '../src/testing/index.js';

/** The abort reason, once the signal aborts: the signal itself is held only by its listener. */
const reasonOf = (signal: AbortSignal) =>
  new Promise<unknown>((resolve) =>
    signal.addEventListener('abort', () => resolve(signal.reason), { once: true }),
  );

const within = <T>(pending: Promise<T>, ms: number) =>
  Promise.race([pending, sleep(ms).then(() => 'still waiting' as const)]);

describe('createDeadline', () => {
  it('is the earlier of Cognito’s 5 s and the function’s own time, less a margin', () => {
    const now = () => 1_000;
    expect(createDeadline(1_000, undefined, now).at).toBe(1_000 + COGNITO_TIMEOUT_MS - 250);
    expect(createDeadline(1_000, 2_000, now).at).toBe(1_000 + 2_000 - 250);
    expect(createDeadline(1_000, 60_000, now).remainingMs()).toBe(COGNITO_TIMEOUT_MS - 250);
    expect(createDeadline(1_000, 100, now).remainingMs()).toBe(0);
    expect(createDeadline(1_000, undefined, now).budgetMs(800)).toBe(800);
  });
});

describe('abortAfter', () => {
  it('aborts with a TimeoutError once the time has passed', async () => {
    const started = Date.now();
    const reason = await within(reasonOf(abortAfter(50)), 2_000);

    expect(reason).toMatchObject({ name: 'TimeoutError' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
  });

  it('still aborts when a garbage collection runs while the call waits', async () => {
    // What `AbortSignal.any([parent, AbortSignal.timeout(100)])` loses on Node.js 20: nothing but
    // the listener holds the signal, and Node.js holds a timeout signal weakly.
    const reason = reasonOf(abortAfter(100, new AbortController().signal));
    collectGarbage();
    await sleep(20);
    collectGarbage();

    await expect(within(reason, 2_000)).resolves.toMatchObject({ name: 'TimeoutError' });
  });

  it('aborts with the parent’s reason when the parent aborts first, or already has', async () => {
    const parent = new AbortController();
    const signal = abortAfter(5_000, parent.signal);
    parent.abort(new Error('invocation finished'));

    expect(signal.aborted).toBe(true);
    expect(signal.reason).toEqual(new Error('invocation finished'));
    expect(abortAfter(5_000, parent.signal).reason).toEqual(new Error('invocation finished'));
  });

  it('keeps its first reason when the parent aborts after the time has passed', async () => {
    const parent = new AbortController();
    const signal = abortAfter(10, parent.signal);
    await within(reasonOf(signal), 2_000);
    parent.abort(new Error('later'));

    expect(signal.reason).toMatchObject({ name: 'TimeoutError' });
  });
});
