/**
 * A failure the person running the build can fix (bad config, budget exceeded, compile error).
 * The CLI prints its message without a stack trace; anything else is treated as a bug.
 */
export class BundleError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'BundleError';
  }
}
