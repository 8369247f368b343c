export type LogLevel = 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
export type LogFields = Record<string, unknown>;

/**
 * A thin structured logger. No logging library: with the function's `log_format = "JSON"`,
 * Lambda turns `console.info(object)` into one JSON line with timestamp, level and request id,
 * and filters by `application_log_level` itself. Outside Lambda (tests, the local stack) it
 * prints the same shape as one JSON line.
 *
 * Never pass an event, an email, a phone number or a hash of any of them: name the user by their
 * `sub`, as `defineTrigger` does.
 */
export interface TriggerLogger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  /** A logger that adds `fields` to every line. */
  child(fields: LogFields): TriggerLogger;
}

const LEVELS: Record<LogLevel, number> = { DEBUG: 10, INFO: 20, WARN: 30, ERROR: 40 };

export interface LoggerOptions {
  /** Lambda's own log format; `JSON` hands objects to the runtime. */
  format?: string | undefined;
  /** Minimum level outside Lambda's JSON mode (inside it, the runtime filters). */
  level?: string | undefined;
  /** Where lines go outside Lambda's JSON mode. */
  write?: (line: string) => void;
}

export function createLogger(base: LogFields = {}, options: LoggerOptions = {}): TriggerLogger {
  const format = options.format ?? process.env.AWS_LAMBDA_LOG_FORMAT;
  const threshold =
    LEVELS[
      (options.level ?? process.env.AWS_LAMBDA_LOG_LEVEL ?? 'INFO').toUpperCase() as LogLevel
    ] ?? LEVELS.INFO;
  const write = options.write ?? ((line: string) => process.stdout.write(`${line}\n`));

  const emit = (level: LogLevel, message: string, fields: LogFields | undefined) => {
    const entry = { message, ...base, ...serialiseErrors(fields) };
    if (format === 'JSON') {
      // `debug`, `info`, `warn`, `error`: the console method of each level.
      console[level.toLowerCase() as Lowercase<LogLevel>](entry);
      return;
    }
    if (LEVELS[level] < threshold) return;
    write(JSON.stringify({ timestamp: new Date().toISOString(), level, ...entry }));
  };

  return {
    debug: (message, fields) => emit('DEBUG', message, fields),
    info: (message, fields) => emit('INFO', message, fields),
    warn: (message, fields) => emit('WARN', message, fields),
    error: (message, fields) => emit('ERROR', message, fields),
    child: (fields) => createLogger({ ...base, ...fields }, options),
  };
}

function serialiseErrors(fields: LogFields | undefined): LogFields | undefined {
  if (fields === undefined) return undefined;
  let copy: LogFields | undefined;
  for (const [key, value] of Object.entries(fields)) {
    if (value instanceof Error) {
      copy ??= { ...fields };
      copy[key] = serialiseError(value);
    }
  }
  return copy ?? fields;
}

function serialiseError(error: Error, depth = 0): LogFields {
  const out: LogFields = { name: error.name, message: error.message, stack: error.stack };
  const code = (error as { code?: unknown }).code;
  if (code !== undefined) out.code = code;
  if (error.cause instanceof Error && depth < 3) out.cause = serialiseError(error.cause, depth + 1);
  return out;
}
