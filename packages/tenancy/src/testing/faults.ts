/**
 * The network failing, for tests: middleware added to a real SDK v3 client's
 * `middlewareStack`. Nothing of ours is mocked: the client serialises, signs, retries and
 * deserialises as in production; only the answer to an attempt is replaced.
 */

/** Ways an attempt can fail. */
export const FaultKind = {
  /** HTTP 400 `ThrottlingException`: the SDK classifies it as throttling and retries. */
  Throttling: 'throttling',
  /** HTTP 500 `InternalServerError`: transient, retried. */
  ServerError: 'server-error',
  /** A `TimeoutError` as the HTTP handler raises when `requestTimeout` passes: retried. */
  Timeout: 'timeout',
  /** HTTP 400 `AccessDeniedException`: a client error, never retried. */
  AccessDenied: 'access-denied',
} as const;
export type FaultKind = (typeof FaultKind)[keyof typeof FaultKind];

export interface FaultPlan {
  readonly kind: FaultKind;
  /** How many attempts fail; later attempts go through. `Infinity` until `clear()`. */
  readonly times: number;
  /** Only this command (`UpdateItemCommand` or `UpdateItem`); every command when omitted. */
  readonly command?: string;
  /** How long a failing attempt takes first (a timeout usually takes a while). */
  readonly delayMs?: number;
}

export interface FaultInjector {
  /** Attempts failed so far. */
  readonly injected: number;
  /** Takes the middleware out: every later call goes through. */
  clear(): void;
}

type Handler = (args: unknown) => Promise<unknown>;
interface MiddlewareContext {
  commandName?: string;
  // Where the SDK keeps the caller's `abortSignal`.
  __smithy_context?: { abortSignal?: AbortSignal };
}
type Middleware = (next: Handler, context: MiddlewareContext) => Handler;

interface StackLike {
  add(middleware: Middleware, options: { step: string; priority?: string; name: string }): void;
  addRelativeTo(
    middleware: Middleware,
    options: { relation: 'before' | 'after'; toMiddleware: string; name: string },
  ): void;
  remove(name: string): boolean;
}

/** Any SDK v3 client. */
export interface SdkClient {
  readonly middlewareStack: object;
}

let names = 0;
const uniqueName = (prefix: string) => {
  names += 1;
  return `${prefix}-${names}`;
};

const matches = (wanted: string | undefined, commandName: string | undefined) =>
  wanted === undefined || commandName === wanted || commandName === `${wanted}Command`;

/**
 * Fails the next `times` attempts of `command` (every command if omitted) on `client`, then
 * lets calls through. Sits just inside the deserialiser, so each retry attempt meets it and the
 * SDK parses the error response into its real exception, `$metadata` included.
 *
 * @example
 * const faults = injectFaults(dynamo.client, { kind: 'throttling', times: 2, command: 'UpdateItem' });
 * await store.ensureTenant(input); // succeeds on the third attempt
 * expect(faults.injected).toBe(2);
 */
export function injectFaults(client: SdkClient, plan: FaultPlan): FaultInjector {
  const stack = client.middlewareStack as StackLike;
  const name = uniqueName('injectedFault');
  let injected = 0;
  const middleware: Middleware = (next, context) => async (args) => {
    if (injected >= plan.times || !matches(plan.command, context.commandName)) return next(args);
    injected += 1;
    if (plan.delayMs !== undefined && plan.delayMs > 0) {
      await waitOrAbort(plan.delayMs, context.__smithy_context?.abortSignal);
    }
    return failedAttempt(plan.kind, injected);
  };
  stack.addRelativeTo(middleware, {
    relation: 'after',
    toMiddleware: 'deserializerMiddleware',
    name,
  });
  return {
    get injected() {
      return injected;
    },
    clear: () => {
      stack.remove(name);
    },
  };
}

// As the HTTP handler does: an aborted call stops waiting at once, with an `AbortError` whose
// cause is the signal's reason.
function waitOrAbort(delayMs: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const abort = () => {
      clearTimeout(timer);
      const reason: unknown = signal?.reason;
      const cause = reason instanceof Error ? { cause: reason } : undefined;
      reject(Object.assign(new Error('Request aborted', cause), { name: 'AbortError' }));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', abort);
      resolve();
    }, delayMs);
    if (signal?.aborted) abort();
    else signal?.addEventListener('abort', abort, { once: true });
  });
}

function failedAttempt(kind: FaultKind, n: number): { response: unknown } {
  switch (kind) {
    case FaultKind.Throttling:
      return errorResponse(400, 'ThrottlingException', 'Rate exceeded', n);
    case FaultKind.ServerError:
      return errorResponse(500, 'InternalServerError', 'Internal server error', n);
    case FaultKind.AccessDenied:
      return errorResponse(400, 'AccessDeniedException', 'Access denied', n);
    case FaultKind.Timeout:
      throw Object.assign(new Error(`injected fault ${n}: request timed out`), {
        name: 'TimeoutError',
        code: 'ETIMEDOUT',
      });
    default:
      return kind satisfies never;
  }
}

function errorResponse(statusCode: number, type: string, message: string, n: number) {
  return {
    response: {
      statusCode,
      headers: {
        'content-type': 'application/x-amz-json-1.0',
        'x-amzn-errortype': type,
        'x-amzn-requestid': `injected-fault-${n}`,
      },
      body: new TextEncoder().encode(
        JSON.stringify({ __type: type, message: `${message} (injected fault ${n})` }),
      ),
    },
  };
}

/** How many calls and HTTP attempts a client made, by command. */
export interface RequestCounter {
  /** `send` calls, whatever their retries. */
  readonly calls: number;
  /** HTTP round trips: every attempt, failed ones and retries included. */
  readonly attempts: number;
  /** Attempts by command name (`UpdateItemCommand: 2`). */
  attemptsByCommand(): Record<string, number>;
  /** Starts counting from zero again. */
  reset(): void;
  /** Takes the middleware out. */
  stop(): void;
}

/**
 * Counts a client's calls and round trips: the provisioning budgets are measured with it.
 *
 * @example
 * const counter = countRequests(dynamo.client);
 * await provisionUser(...);
 * expect(counter.attempts).toBeLessThanOrEqual(3);
 */
export function countRequests(client: SdkClient): RequestCounter {
  const stack = client.middlewareStack as StackLike;
  const callName = uniqueName('countCalls');
  const attemptName = uniqueName('countAttempts');
  let calls = 0;
  let byCommand: Record<string, number> = {};
  stack.add(
    (next) => async (args) => {
      calls += 1;
      return next(args);
    },
    { step: 'initialize', priority: 'high', name: callName },
  );
  // After the retry middleware (finalizeRequest, high), before the injected faults
  // (deserialize): once per attempt, a failed one too.
  stack.add(
    (next, context) => async (args) => {
      const command = context.commandName ?? 'unknown';
      byCommand[command] = (byCommand[command] ?? 0) + 1;
      return next(args);
    },
    { step: 'finalizeRequest', priority: 'low', name: attemptName },
  );
  return {
    get calls() {
      return calls;
    },
    get attempts() {
      return Object.values(byCommand).reduce((sum, count) => sum + count, 0);
    },
    attemptsByCommand: () => ({ ...byCommand }),
    reset: () => {
      calls = 0;
      byCommand = {};
    },
    stop: () => {
      stack.remove(callName);
      stack.remove(attemptName);
    },
  };
}
