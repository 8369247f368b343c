/**
 * Attach or detach cannot go on safely: the pool is missing, has a setting the CLI does not know
 * how to carry over, or AWS refused a call. The message starts with a stable code. Exit 1.
 */
export class PoolError extends Error {
  /** A stable code such as `POOL_NOT_FOUND` or `POOL_FIELD_UNKNOWN`. */
  public readonly code: string;

  public constructor(code: string, text: string, options?: ErrorOptions) {
    super(`${code}: ${text}`, options);
    this.name = 'PoolError';
    this.code = code;
  }
}
