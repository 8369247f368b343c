import {
  CognitoIdentityProviderClient,
  type CognitoIdentityProviderClientConfig,
} from '@aws-sdk/client-cognito-identity-provider';
import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';

/**
 * How long a call may take and how often it is tried. A trigger has 5 s in all (less
 * `defineTrigger`'s margin), and provisioning makes at most two DynamoDB calls in a row and
 * then two Cognito calls side by side: each call may use about a second, retries included.
 * The trigger's deadline signal (`abortSignal`) cuts whatever is left when time runs out.
 */
export interface CallPolicy {
  /** Attempts in all, the first included. */
  readonly maxAttempts: number;
  /** TCP (and TLS) connection set-up. */
  readonly connectionTimeoutMs: number;
  /** One attempt, from sending the request to the last byte of the answer. */
  readonly requestTimeoutMs: number;
  /** Backoff before retry `n` (from 0) is random in `[0, min(maxDelayMs, baseDelayMs * 2^n))`. */
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

/** DynamoDB answers in milliseconds: a slow attempt is better retried than waited for. */
export const DYNAMODB_CALL_POLICY: CallPolicy = Object.freeze({
  maxAttempts: 3,
  connectionTimeoutMs: 500,
  requestTimeoutMs: 800,
  baseDelayMs: 25,
  maxDelayMs: 200,
});

/** Cognito's admin API answers in tens to hundreds of milliseconds. */
export const COGNITO_CALL_POLICY: CallPolicy = Object.freeze({
  maxAttempts: 3,
  connectionTimeoutMs: 500,
  requestTimeoutMs: 1_500,
  baseDelayMs: 50,
  maxDelayMs: 250,
});

/** What may differ between Lambda, the CLI, the local stack and tests. */
export interface ClientOptions {
  /** The Lambda runtime's `AWS_REGION` when not given. */
  readonly region?: string;
  /** A local server; `AWS_ENDPOINT_URL_DYNAMODB` / `_COGNITO_IDENTITY_PROVIDER` also work. */
  readonly endpoint?: string;
  readonly credentials?: { readonly accessKeyId: string; readonly secretAccessKey: string };
  /** Overrides of the call policy, e.g. more patience in the CLI. */
  readonly policy?: Partial<CallPolicy>;
}

type RetryStrategy = NonNullable<DynamoDBClientConfig['retryStrategy']>;
type RetryToken = Awaited<
  ReturnType<
    Extract<RetryStrategy, { acquireInitialRetryToken: unknown }>['acquireInitialRetryToken']
  >
>;

/**
 * The SDK's standard strategy waits up to 1 s, then 2 s, before retrying a throttled call:
 * half a trigger's budget. This one retries throttling and transient errors (timeouts, 500,
 * 502, 503, 504, a reset connection: the SDK classifies them) with a short, capped, jittered
 * backoff, and never more than `maxAttempts` times.
 *
 * @example
 * new DynamoDBClient({ retryStrategy: boundedRetryStrategy(DYNAMODB_CALL_POLICY) });
 */
export function boundedRetryStrategy(policy: CallPolicy): RetryStrategy {
  const token = (retryCount: number, delayMs: number): RetryToken => ({
    getRetryCount: () => retryCount,
    getRetryDelay: () => delayMs,
  });
  return {
    acquireInitialRetryToken: async () => token(0, 0),
    refreshRetryTokenForRetry: async (previous, { errorType }) => {
      const retryCount = previous.getRetryCount();
      const retryable = errorType === 'THROTTLING' || errorType === 'TRANSIENT';
      if (!retryable || retryCount + 1 >= policy.maxAttempts) {
        throw new Error('no retry left');
      }
      const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retryCount);
      return token(retryCount + 1, Math.floor(Math.random() * ceiling));
    },
    recordSuccess: () => undefined,
  };
}

function commonConfig(options: ClientOptions, defaults: CallPolicy) {
  const policy = { ...defaults, ...options.policy };
  return {
    ...(options.region === undefined ? {} : { region: options.region }),
    ...(options.endpoint === undefined ? {} : { endpoint: options.endpoint }),
    ...(options.credentials === undefined ? {} : { credentials: { ...options.credentials } }),
    maxAttempts: policy.maxAttempts,
    retryStrategy: boundedRetryStrategy(policy),
    requestHandler: {
      connectionTimeout: policy.connectionTimeoutMs,
      requestTimeout: policy.requestTimeoutMs,
      // Without it, the SDK only logs a warning when requestTimeout passes.
      throwOnRequestTimeout: true,
    },
  };
}

/**
 * A DynamoDB client with {@link DYNAMODB_CALL_POLICY}: timeouts on every attempt, at most 3
 * attempts, short backoff. Create it once per process (module scope), lazily.
 *
 * @example
 * const client = createDynamoDbClient({ endpoint: 'http://127.0.0.1:8000', region: 'local' });
 */
export function createDynamoDbClient(options: ClientOptions = {}): DynamoDBClient {
  return new DynamoDBClient(commonConfig(options, DYNAMODB_CALL_POLICY) as DynamoDBClientConfig);
}

/**
 * A Cognito user pools client with {@link COGNITO_CALL_POLICY}.
 *
 * @example
 * const directory = cognitoUserDirectory(createCognitoClient());
 */
export function createCognitoClient(options: ClientOptions = {}): CognitoIdentityProviderClient {
  return new CognitoIdentityProviderClient(
    commonConfig(options, COGNITO_CALL_POLICY) as CognitoIdentityProviderClientConfig,
  );
}

/** Both clients, for callers that provision (the triggers, `cognito-triggers reconcile`). */
export interface AwsClients {
  readonly dynamodb: DynamoDBClient;
  readonly cognito: CognitoIdentityProviderClient;
}

/**
 * Both clients with their call policies.
 *
 * @example
 * const { dynamodb, cognito } = createAwsClients({ dynamodb: { endpoint: 'http://127.0.0.1:8000' } });
 */
export function createAwsClients(
  options: { dynamodb?: ClientOptions; cognito?: ClientOptions } = {},
): AwsClients {
  return {
    dynamodb: createDynamoDbClient(options.dynamodb),
    cognito: createCognitoClient(options.cognito),
  };
}
