/** cognito-local did not start, or did not become healthy in time; the message holds its output. */
export class CognitoLocalError extends Error {
  public constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'CognitoLocalError';
  }
}
