import type { Context } from 'aws-lambda';
import type { CognitoTriggerHandler } from '../define-trigger.js';
import { lambdaContext } from './context.js';
import { captureStdout } from './stdout.js';

/** A module that exports a trigger's Lambda handler, as a trigger's `src/handler.ts` does. */
export interface HandlerModule<TEvent> {
  readonly handler: CognitoTriggerHandler<TEvent>;
}

export interface LoadHandlerOptions<TEvent> {
  /**
   * Imports the module: `() => import('../src/handler.js')`. It is called after the module
   * registry is reset, so the module and everything it imports are evaluated afresh.
   */
  readonly module: () => Promise<HandlerModule<TEvent>>;
  /** Variables set on top of `process.env` for the load and the rest of the test. */
  readonly env?: Readonly<Record<string, string>>;
}

/** One line of the events logger, parsed. */
export type LogLine = Readonly<Record<string, unknown>>;

/** What was printed from the handler's load until the end of the test. */
export interface CapturedLogs {
  /** Everything written to stdout, as written: for checks that no email got out. */
  readonly text: string;
  /** Each line parsed: outside Lambda, the events logger prints one JSON object per line. */
  readonly lines: readonly LogLine[];
  /** The `invocation` lines: `defineTrigger` writes one per invocation, its last. */
  readonly invocations: readonly LogLine[];
}

export interface LoadedHandler<TEvent> {
  /** The module's handler; called without a context, it gets a fresh {@link lambdaContext}. */
  readonly handler: CognitoTriggerHandler<TEvent>;
  readonly logs: CapturedLogs;
}

/**
 * Loads a trigger's handler as a cold start in Lambda does: a fresh copy of the module (its
 * configuration read at load, its caches empty), with `env` set, and captures what it logs to
 * stdout (which stays silent). When the test finishes, the environment and stdout are given back.
 * Several loads in one test are several cold starts; each sees every line written after it.
 *
 * Runs inside a vitest test (or a `beforeEach` hook): it resets vitest's module registry and
 * undoes its changes with `onTestFinished`. vitest is imported only when it is called, so the
 * event builders of this subpath need nothing but Node.
 *
 * @example
 * const { handler, logs } = await loadHandler({
 *   module: () => import('../src/handler.js'),
 *   env: { ALLOWED_EMAIL_DOMAINS: 'example.com' },
 * });
 * await expect(handler(preSignUpEvent('PreSignUp_SignUp', { email: 'eve@evil.io' }))).rejects.toThrow();
 * expect(logs.invocations).toEqual([expect.objectContaining({ outcome: 'rejected' })]);
 */
export async function loadHandler<TEvent>(
  options: LoadHandlerOptions<TEvent>,
): Promise<LoadedHandler<TEvent>> {
  const { onTestFinished, vi } = await import('vitest');
  const undo: (() => void)[] = [];
  try {
    // First, while nothing is changed yet: outside a test this throws and leaves nothing behind.
    onTestFinished(() => {
      for (const step of undo.toReversed()) step();
    });
  } catch (error) {
    throw new Error(
      'loadHandler() runs inside a test or a beforeEach hook: it undoes its environment and ' +
        'log capture when the test finishes',
      { cause: error },
    );
  }

  for (const [name, value] of Object.entries(options.env ?? {})) {
    const before = process.env[name];
    process.env[name] = value;
    undo.push(() => {
      if (before === undefined) delete process.env[name];
      else process.env[name] = before;
    });
  }
  const stdout = captureStdout();
  undo.push(() => stdout.stop());

  vi.resetModules();
  const { handler } = await options.module();
  return {
    handler: (event: TEvent, context: Context = lambdaContext()) => handler(event, context),
    logs: capturedLogs(stdout.chunks),
  };
}

function capturedLogs(chunks: readonly string[]): CapturedLogs {
  const lines = () =>
    chunks
      .join('')
      .split('\n')
      .filter((line) => line.length > 0)
      .map((line, index): LogLine => {
        try {
          return JSON.parse(line) as LogLine;
        } catch (error) {
          throw new Error(`stdout line ${index + 1} is not a JSON log line: ${line}`, {
            cause: error,
          });
        }
      });
  return {
    get text() {
      return chunks.join('');
    },
    get lines() {
      return lines();
    },
    get invocations() {
      return lines().filter((line) => line.message === 'invocation');
    },
  };
}
