/** Cognito waits at most this long for any trigger, whatever the function's own timeout. */
export const COGNITO_TIMEOUT_MS = 5_000;

/** Time kept back for the runtime to serialise the answer and for the network. */
export const DEADLINE_SAFETY_MARGIN_MS = 250;

/**
 * When the handler must have answered: the earlier of Cognito's 5 s limit and the Lambda
 * function's own remaining time, less a safety margin.
 */
export interface Deadline {
  /** Epoch milliseconds by which the handler must be done. */
  readonly at: number;
  /** Milliseconds left, never negative. */
  remainingMs(): number;
  /**
   * A timeout for the next network call: what is left, capped by `maxMs`. Pass it to an SDK
   * client's request handler or to `AbortSignal.timeout`.
   */
  budgetMs(maxMs?: number): number;
}

export function createDeadline(
  startedAt: number,
  lambdaRemainingMs: number | undefined,
  now: () => number = Date.now,
): Deadline {
  const cognitoAt = startedAt + COGNITO_TIMEOUT_MS;
  const lambdaAt = lambdaRemainingMs === undefined ? cognitoAt : startedAt + lambdaRemainingMs;
  const at = Math.min(cognitoAt, lambdaAt) - DEADLINE_SAFETY_MARGIN_MS;
  const remainingMs = () => Math.max(0, at - now());
  return {
    at,
    remainingMs,
    budgetMs: (maxMs = Number.POSITIVE_INFINITY) => Math.min(maxMs, remainingMs()),
  };
}

/**
 * A signal that aborts after `ms` milliseconds with a `TimeoutError`, as `AbortSignal.timeout`
 * does, or when `parent` aborts, with its reason. Use it instead of
 * `AbortSignal.any([parent, AbortSignal.timeout(ms)])`: Node.js holds a timeout signal weakly
 * and `AbortSignal.any` does not keep its sources alive, so a garbage collection while the call
 * waits can drop the timeout, and the signal then never aborts (nodejs/node#57736; seen on
 * Node.js 20). Here the timer holds its controller until it fires.
 *
 * @example
 * const signal = abortAfter(context.deadline.remainingMs() - RESERVE_MS, context.signal);
 * await client.send(command, { abortSignal: signal });
 */
export function abortAfter(ms: number, parent?: AbortSignal): AbortSignal {
  const controller = new AbortController();
  setTimeout(
    () => controller.abort(new DOMException(`no answer within ${ms} ms`, 'TimeoutError')),
    Math.max(0, ms),
  ).unref();
  return parent === undefined ? controller.signal : AbortSignal.any([parent, controller.signal]);
}
