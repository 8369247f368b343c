/**
 * The exit codes of every command. A command that judges something (`check-email`) uses
 * `failure` for "judged, and the answer is no"; a build or a stack that could not do its job
 * uses it too.
 */
export const EXIT = {
  /** Done. */
  ok: 0,
  /** The command ran and failed for a reason it explains (a budget missed, a port taken). */
  failure: 1,
  /** The command line or the input it names is wrong; the message says which option or file. */
  usage: 2,
  /** A bug: an error nobody expected. */
  internal: 3,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
