/** cognito-local did not start, or did not become healthy in time; the message holds its output. */
export class CognitoLocalError extends Error {
  public constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'CognitoLocalError';
  }
}

/** Stable codes of the reasons the local stack cannot start. */
export const LocalStackErrorCode = {
  /** A trigger's built bundle (`triggers/<name>/dist/index.mjs`) is missing: `pnpm build`. */
  BundleMissing: 'LOCAL_BUNDLE_MISSING',
  /** A port the stack was told to use is taken. */
  PortInUse: 'LOCAL_PORT_IN_USE',
  /** No `terraform/environments/<env>/terraform.tfvars.json`, or it does not parse. */
  PolicyUnreadable: 'LOCAL_POLICY_UNREADABLE',
  /** A step of `cognito-triggers local demo` did not behave as expected. */
  DemoStepFailed: 'LOCAL_DEMO_STEP_FAILED',
} as const;
export type LocalStackErrorCode = (typeof LocalStackErrorCode)[keyof typeof LocalStackErrorCode];

/** The local services a port belongs to, by the key of `StackOptions.ports`. */
export type StackService = 'dynamodb' | 'cognito' | 'lambda';

/**
 * An expected failure of the local stack, with a stable {@link LocalStackErrorCode}; the CLI
 * prints `CODE: message`.
 *
 * @example
 * throw new LocalStackError(LocalStackErrorCode.BundleMissing, 'triggers/pre-signup/dist/index.mjs is missing: run pnpm build');
 */
export class LocalStackError extends Error {
  public readonly code: LocalStackErrorCode;

  public constructor(code: LocalStackErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'LocalStackError';
    this.code = code;
  }
}

/** A port the stack must listen on is taken; `service` says which option chose it. */
export class PortInUseError extends LocalStackError {
  public readonly service: StackService;
  public readonly port: number;

  public constructor(service: StackService, port: number, options?: ErrorOptions) {
    super(LocalStackErrorCode.PortInUse, `port ${port} (${service}) is already in use`, options);
    this.name = 'PortInUseError';
    this.service = service;
    this.port = port;
  }
}
