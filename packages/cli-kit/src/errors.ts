/**
 * A wrong command line: unknown option, missing argument, conflicting options. Exit 2, with a
 * pointer to the command's help.
 *
 * @example
 * if (values.out === undefined) throw new UsageError('collect needs --out DIR');
 */
export class UsageError extends Error {
  public constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'UsageError';
  }
}

/**
 * Input the command cannot work with although the command line is well formed: a missing or
 * malformed file, a value out of range. The message names the option, the file and the value.
 * Exit 2.
 *
 * @example
 * throw new InputError(`${file}: not valid JSON: ${reason}`);
 */
export class InputError extends Error {
  public constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'InputError';
  }
}
