/** The command's name, as users type it. */
export const BIN = 'cognito-triggers';

/** Where a command reads its working directory and writes its output; tests may pass their own. */
export interface CliIo {
  readonly cwd: string;
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

export const defaultIo: CliIo = {
  cwd: process.cwd(),
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
};

/**
 * Exit codes shared by every subcommand. A subcommand that judges something (`check-email`)
 * uses `failure` for "judged, and the answer is no".
 */
export const EXIT = { ok: 0, failure: 1, usage: 2, internal: 3 } as const;

/** One subcommand: a file in `src/commands/` and a line in `src/commands/index.ts`. */
export interface Command {
  /** What follows `cognito-triggers` on the command line (`tenants create` for a subcommand). */
  readonly name: string;
  /** One line for `cognito-triggers --help`. */
  readonly summary: string;
  /** The full text of `cognito-triggers <name> --help`. */
  readonly usage: string;
  /** Runs with the arguments after the name; returns the exit code. */
  run(args: readonly string[], io: CliIo): Promise<number>;
  /** A group's subcommands (`tenants` → `tenants create`, …), for `help <group> <subcommand>`. */
  readonly subcommands?: readonly Command[];
}

/** A wrong command line: unknown option, missing argument, conflicting options. Exit 2. */
export class UsageError extends Error {
  public constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'UsageError';
  }
}

/**
 * Input the command cannot work with although the command line is well formed: a missing or
 * malformed policy file, a value the trigger's configuration rejects. The message names the
 * file, the key and the value. Exit 2.
 */
export class InputError extends Error {
  public constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'InputError';
  }
}

/** Runs `parseArgs` (or anything else that throws on a bad command line) as a usage check. */
export function asUsage<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    // parseArgs explains unknown options and missing values well; keep its words.
    throw new UsageError(error instanceof Error ? error.message : String(error), { cause: error });
  }
}

/**
 * Prints a {@link UsageError} or {@link InputError} of the command named `name` (undefined for
 * `cognito-triggers` itself) with a pointer to its help, and returns the exit code: 2.
 */
export function reportUsageError(
  name: string | undefined,
  error: UsageError | InputError,
  io: CliIo,
): number {
  const prefix = name === undefined ? BIN : `${BIN} ${name}`;
  io.err(`${prefix}: ${error.message}`);
  io.err(`Run "${prefix} --help" for usage.`);
  return EXIT.usage;
}
