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

/**
 * The text `bundle-trigger` prints for a {@link BundleError} (its message, no stack: exit 1);
 * `undefined` for anything else, which is a bug.
 */
export function explainBundleError(error: unknown): string | undefined {
  return error instanceof BundleError ? error.message : undefined;
}
