import type { Context } from 'aws-lambda';
import type { Environment } from './config.js';
import { createDeadline, type Deadline } from './deadline.js';
import {
  DeadlineExceededError,
  GENERIC_ERROR_MESSAGE,
  TIMEOUT_ERROR_MESSAGE,
  UserFacingError,
} from './errors.js';
import { createLogger, type LogFields, type TriggerLogger } from './logger.js';

/**
 * What every Cognito trigger event has that the wrapper reads: every event of this library fits
 * it, including user migration and inbound federation (no `userAttributes` in the request) and
 * the custom senders (no `response`). The wrapper reads `request.userAttributes.sub` only where
 * it is there.
 */
export interface AnyTriggerEvent {
  triggerSource: string;
  userPoolId: string;
  callerContext?: { clientId?: string } | null;
  request: object;
  response?: object | undefined;
}

/** Handed to a trigger's logic next to the event. */
export interface TriggerContext {
  /** When the answer is due: Cognito's 5 s limit or the function's own timeout, less a margin. */
  readonly deadline: Deadline;
  /** Aborts when the deadline passes: hand it to every network call (`abortSignal`). */
  readonly signal: AbortSignal;
  /** Logs with the trigger, source, pool, client and the user's `sub` on every line. */
  readonly log: TriggerLogger;
  /**
   * Adds fields to the one line logged for this invocation (a decision's rule, a tenant id):
   * one line per invocation says what happened. Nothing personal.
   */
  note(fields: Record<string, unknown>): void;
  /** The Lambda context, absent when the logic is called outside Lambda. */
  readonly lambda: Context | undefined;
}

export interface TriggerDefinition<TEvent extends AnyTriggerEvent, TConfig> {
  /** The function's name as Cognito shows it in errors: `PreSignUp`, `PostConfirmation`, … */
  readonly name: string;
  /**
   * The configuration, loaded from `process.env` once, at cold start. If it fails, the error
   * (which names the variable) is logged at once, and every invocation fails with a generic
   * message: configuration details never reach a sign-in page.
   */
  readonly config?: { load(env?: Environment): TConfig };
  /**
   * The trigger's logic: change `event.response` in place. Throw a {@link UserFacingError} to
   * refuse with a message the user may see; anything else becomes a generic message.
   */
  handle(event: TEvent, context: TriggerContext, config: TConfig): void | Promise<void>;
}

/** An async Lambda handler that returns the event it was given, as Cognito requires. */
export type CognitoTriggerHandler<TEvent> = (event: TEvent, context?: Context) => Promise<TEvent>;

/**
 * Turns a trigger's pure logic into the Lambda handler Cognito calls.
 *
 * - Returns the very event it received: a new object, or nothing, is "Unrecognizable lambda output".
 * - A {@link UserFacingError} reaches the user with its text; any other error is logged with its
 *   cause and replaced by {@link GENERIC_ERROR_MESSAGE}, so no ARN or stack leaks to a sign-in page.
 * - Logs one line per invocation (`outcome`, `durationMs`, `code`, the user's `sub`), never the
 *   event itself, the email, or a hash of it; a malformed event (`null`, no `request`, an email
 *   that is not a string) still gets one line and a user-safe message.
 * - Fails with {@link TIMEOUT_ERROR_MESSAGE} before Cognito's 5 s limit, rather than letting
 *   Cognito time out and retry.
 *
 * @example
 * const config = defineConfig({ domain: env.string('COMPANY_DOMAIN') });
 * export const handler = defineTrigger({
 *   name: 'PreSignUp',
 *   config,
 *   handle(event: PreSignUpTriggerEvent, _context, { domain }) {
 *     if (!event.request.userAttributes.email?.endsWith(`@${domain}`)) {
 *       throw new UserFacingError('SIGNUP_DOMAIN_NOT_ALLOWED', 'Sign-up is not open to this domain');
 *     }
 *   },
 * });
 */
export function defineTrigger<TEvent extends AnyTriggerEvent, TConfig = undefined>(
  definition: TriggerDefinition<TEvent, TConfig>,
): CognitoTriggerHandler<TEvent> {
  const rootLog = createLogger({ trigger: definition.name });
  let config = undefined as TConfig;
  let setupError: unknown;
  try {
    if (definition.config !== undefined) config = definition.config.load(process.env);
  } catch (error) {
    setupError = error;
    rootLog.error('configuration rejected at cold start', { error });
  }

  return async function handler(event, lambda) {
    const startedAt = Date.now();
    const notes: Record<string, unknown> = {};
    // Replaced by the event's own context as the first step of the protected region below: an
    // event too malformed to read still gets a log line and a user-safe message.
    let log = rootLog;
    const finish = (outcome: string, extra: Record<string, unknown> = {}) =>
      log.info('invocation', { outcome, durationMs: Date.now() - startedAt, ...notes, ...extra });
    let deadline: Deadline | undefined;
    let controller: AbortController | undefined;

    try {
      log = rootLog.child(logContext(event, lambda));
      if (setupError !== undefined) throw setupError;
      deadline = createDeadline(startedAt, lambda?.getRemainingTimeInMillis());
      const due = deadline;
      const context: TriggerContext = {
        deadline: due,
        log,
        lambda,
        note: (fields) => Object.assign(notes, fields),
        get signal() {
          controller ??= abortAt(due);
          return controller.signal;
        },
      };
      const pending = definition.handle(event, context, config);
      if (pending !== undefined) await withDeadline(pending, due);
    } catch (error) {
      if (setupError !== undefined) {
        log.error('invocation refused: configuration rejected at cold start', {
          error: setupError,
        });
        finish('failed', { code: 'TRIGGER_MISCONFIGURED' });
        throw new Error(GENERIC_ERROR_MESSAGE);
      }
      if (error instanceof UserFacingError) {
        finish('rejected', { code: error.code });
        throw new Error(error.message);
      }
      if (
        deadline !== undefined &&
        (error instanceof DeadlineExceededError || controller?.signal.aborted)
      ) {
        log.error('deadline exceeded', { error, deadlineMs: deadline.at - startedAt });
        finish('timeout', { code: 'TRIGGER_TIMEOUT' });
        throw new Error(TIMEOUT_ERROR_MESSAGE);
      }
      log.error('unexpected error', { error });
      finish('failed', { code: 'TRIGGER_INTERNAL_ERROR' });
      throw new Error(GENERIC_ERROR_MESSAGE);
    } finally {
      controller?.abort(new DeadlineExceededError('invocation finished'));
    }

    finish('ok');
    return event;
  };
}

/**
 * What every line of an invocation carries. Read defensively, since the event may be anything:
 * only string values are copied, so an object or array where a string belongs (which may hold
 * an email) never reaches the logs. The user is named by `sub`, which operators look up in
 * Cognito; never by the email, nor by a hash of it: an unsalted hash of an email is reversed
 * from a list of candidate addresses in seconds. Pre sign-up events have no `sub` yet.
 */
function logContext(event: unknown, lambda: Context | undefined): LogFields {
  const fields: LogFields = {};
  const copy = (name: string, value: unknown) => {
    if (typeof value === 'string') fields[name] = value;
  };
  copy('triggerSource', field(event, 'triggerSource'));
  copy('userPoolId', field(event, 'userPoolId'));
  copy('clientId', field(field(event, 'callerContext'), 'clientId'));
  copy('sub', field(field(field(event, 'request'), 'userAttributes'), 'sub'));
  if (lambda !== undefined && process.env.AWS_LAMBDA_LOG_FORMAT !== 'JSON') {
    copy('requestId', lambda.awsRequestId);
  }
  return fields;
}

function field(value: unknown, name: string): unknown {
  return typeof value === 'object' && value !== null
    ? (value as Record<string, unknown>)[name]
    : undefined;
}

function abortAt(deadline: Deadline): AbortController {
  const controller = new AbortController();
  const timer = setTimeout(
    () => controller.abort(new DeadlineExceededError('deadline passed')),
    deadline.remainingMs(),
  );
  timer.unref();
  controller.signal.addEventListener('abort', () => clearTimeout(timer), { once: true });
  return controller;
}

async function withDeadline(pending: Promise<void>, deadline: Deadline): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const budgetMs = deadline.remainingMs();
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new DeadlineExceededError(`no answer within ${budgetMs} ms`)),
      budgetMs,
    );
  });
  try {
    await Promise.race([pending, expired]);
  } finally {
    clearTimeout(timer);
  }
}
