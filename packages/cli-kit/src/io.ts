/**
 * Where a command reads its working directory and writes its output. Tests pass their own to
 * run a command in-process and read what it printed.
 *
 * @example
 * const lines: string[] = [];
 * const io: CliIo = { cwd: '/repo', out: (line) => lines.push(line), err: (line) => lines.push(line) };
 */
export interface CliIo {
  readonly cwd: string;
  /** Writes one line (a newline is added) of the command's result: standard output. */
  readonly out: (text: string) => void;
  /** Writes one line of diagnostics: standard error. */
  readonly err: (text: string) => void;
  /**
   * Resolves, with the signal's name, when a long-running command should stop. A command that
   * runs until Ctrl-C (`cognito-triggers local start`) waits on it; by default SIGINT or SIGTERM.
   */
  readonly untilStopped?: () => Promise<string>;
}

/** The process's own working directory, standard output and standard error. */
export const defaultIo: CliIo = {
  cwd: process.cwd(),
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
};
