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
  /** Whether standard error is a terminal (a person watching) rather than a log or a pipe. */
  readonly errIsTerminal?: boolean;
}

/**
 * Progress of `total` steps on standard error: every step on a terminal, where a person waits
 * for it, and only the last (a one-line summary) in a log or a pipe, which would otherwise fill
 * with lines nobody reads.
 *
 * @example
 * const report = progress(io, (done, total) => `rendered ${done}/${total}`);
 * report(1, 35); // printed on a terminal only
 * report(35, 35); // printed everywhere
 */
export function progress(
  io: CliIo,
  line: (done: number, total: number) => string,
): (done: number, total: number) => void {
  return (done, total) => {
    if (io.errIsTerminal === true || done >= total) io.err(line(done, total));
  };
}

/** The process's own working directory, standard output and standard error. */
export const defaultIo: CliIo = {
  cwd: process.cwd(),
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
  errIsTerminal: process.stderr.isTTY === true,
};
