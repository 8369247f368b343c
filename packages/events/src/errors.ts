/**
 * An error whose message is safe to show to the person signing in. Cognito shows it verbatim as
 * `<Trigger> failed with error <message>.`, so the text is short, has no trailing period, and
 * starts with a stable code that a client can match.
 *
 * @example
 * throw new UserFacingError('SIGNUP_DOMAIN_NOT_ALLOWED', 'Sign-up is not open to this email domain');
 */
export class UserFacingError extends Error {
  /** A stable, machine-matchable code such as `SIGNUP_DOMAIN_NOT_ALLOWED`. */
  public readonly code: string;

  public constructor(code: string, text: string, options?: ErrorOptions) {
    super(`${code}: ${text}`, options);
    this.name = 'UserFacingError';
    this.code = code;
    if (!/^[A-Z][A-Z0-9_]*$/.test(code)) {
      throw new TypeError(`UserFacingError code must be UPPER_SNAKE_CASE, got "${code}"`);
    }
    if (text.endsWith('.')) {
      // Cognito appends its own period: "..." would reach the user.
      throw new TypeError(`UserFacingError text must not end with a period: "${text}"`);
    }
  }
}

/** A missing or malformed configuration value; the message names the variable. */
export class ConfigError extends Error {
  /** The environment variable (or configuration key) at fault. */
  public readonly variable: string;

  public constructor(variable: string, message: string, options?: ErrorOptions) {
    super(`${variable}: ${message}`, options);
    this.name = 'ConfigError';
    this.variable = variable;
  }
}

/** The handler ran out of time before Cognito's 5 second limit. */
export class DeadlineExceededError extends Error {
  public constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'DeadlineExceededError';
  }
}

/** The message every unexpected failure is replaced with before it reaches the user. */
export const GENERIC_ERROR_MESSAGE =
  'TRIGGER_INTERNAL_ERROR: Something went wrong, please try again later';

/** The message shown when the handler ran out of time. */
export const TIMEOUT_ERROR_MESSAGE = 'TRIGGER_TIMEOUT: The service is busy, please try again';
