/**
 * A benchmark that cannot run as asked (nothing built, a probe that failed, a bad flag). The
 * CLI prints its message without a stack trace; anything else is treated as a bug.
 */
export class BenchError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'BenchError';
  }
}
