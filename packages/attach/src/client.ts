import {
  CognitoIdentityProviderClient,
  DescribeUserPoolClientCommand,
  DescribeUserPoolCommand,
  ListUserPoolClientsCommand,
  UpdateUserPoolCommand,
  type UpdateUserPoolCommandInput,
  type UserPoolClientType,
  type UserPoolType,
} from '@aws-sdk/client-cognito-identity-provider';
import { PoolError } from './errors.js';

/** How long one API call may take, retries included. */
const CALL_TIMEOUT_MS = 30_000;

export interface PoolTarget {
  readonly poolId: string;
  readonly region: string;
  /** Another endpoint than AWS's (cognito-local in tests). */
  readonly endpoint?: string | undefined;
}

/** The region a pool id starts with (`eu-west-1_AbC123` → `eu-west-1`). */
export function regionOfPool(poolId: string): string {
  return poolId.slice(0, Math.max(0, poolId.indexOf('_')));
}

/** A Cognito client with short network timeouts: a hung call must not hang `terraform apply`. */
export function poolClient(target: PoolTarget): CognitoIdentityProviderClient {
  return new CognitoIdentityProviderClient({
    region: target.region,
    ...(target.endpoint === undefined ? {} : { endpoint: target.endpoint }),
    maxAttempts: 3,
    requestHandler: { connectionTimeout: 5_000, requestTimeout: 10_000 },
  });
}

/**
 * DescribeUserPool.
 *
 * @throws {PoolError} `POOL_NOT_FOUND` naming the pool, or another code for AWS's refusal.
 */
export async function describePool(
  client: CognitoIdentityProviderClient,
  target: PoolTarget,
): Promise<UserPoolType> {
  try {
    const { UserPool } = await client.send(
      new DescribeUserPoolCommand({ UserPoolId: target.poolId }),
      { abortSignal: AbortSignal.timeout(CALL_TIMEOUT_MS) },
    );
    if (UserPool === undefined) throw notFound(target);
    return UserPool;
  } catch (error) {
    throw asPoolError(error, target, 'DescribeUserPool');
  }
}

/** UpdateUserPool. @throws {PoolError} for AWS's refusal, with its words. */
export async function updatePool(
  client: CognitoIdentityProviderClient,
  target: PoolTarget,
  input: UpdateUserPoolCommandInput,
): Promise<void> {
  try {
    await client.send(new UpdateUserPoolCommand(input), {
      abortSignal: AbortSignal.timeout(CALL_TIMEOUT_MS),
    });
  } catch (error) {
    throw asPoolError(error, target, 'UpdateUserPool');
  }
}

/** The most ListUserPoolClients returns in one page. */
const CLIENTS_PAGE_SIZE = 60;

/**
 * Every app client of the pool, described in full: ListUserPoolClients (paged, 60 a page) gives
 * only ids and names, so each one is then read with DescribeUserPoolClient. A client deleted
 * between the two calls is left out: it can write nothing any more.
 *
 * @throws {PoolError} `POOL_NOT_FOUND` naming the pool, or another code for AWS's refusal.
 * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ListUserPoolClients.html
 */
export async function describePoolClients(
  client: CognitoIdentityProviderClient,
  target: PoolTarget,
): Promise<UserPoolClientType[]> {
  const ids: string[] = [];
  let nextToken: string | undefined;
  do {
    try {
      const page = await client.send(
        new ListUserPoolClientsCommand({
          UserPoolId: target.poolId,
          MaxResults: CLIENTS_PAGE_SIZE,
          ...(nextToken === undefined ? {} : { NextToken: nextToken }),
        }),
        { abortSignal: AbortSignal.timeout(CALL_TIMEOUT_MS) },
      );
      for (const { ClientId } of page.UserPoolClients ?? []) {
        if (ClientId !== undefined) ids.push(ClientId);
      }
      nextToken = page.NextToken;
    } catch (error) {
      throw asPoolError(error, target, 'ListUserPoolClients');
    }
  } while (nextToken !== undefined && nextToken !== '');

  const described: UserPoolClientType[] = [];
  for (const clientId of ids) {
    try {
      const { UserPoolClient } = await client.send(
        new DescribeUserPoolClientCommand({ UserPoolId: target.poolId, ClientId: clientId }),
        { abortSignal: AbortSignal.timeout(CALL_TIMEOUT_MS) },
      );
      if (UserPoolClient !== undefined) described.push(UserPoolClient);
    } catch (error) {
      if (error instanceof Error && error.name === 'ResourceNotFoundException') continue;
      throw asPoolError(error, target, `DescribeUserPoolClient of client ${clientId}`);
    }
  }
  return described;
}

function notFound(target: PoolTarget): PoolError {
  return new PoolError(
    'POOL_NOT_FOUND',
    `user pool ${target.poolId} not found in ${target.region}${target.endpoint === undefined ? '' : ` at ${target.endpoint}`}`,
  );
}

function asPoolError(error: unknown, target: PoolTarget, call: string): PoolError {
  if (error instanceof PoolError) return error;
  const name = error instanceof Error ? error.name : 'Error';
  const message = error instanceof Error ? error.message : String(error);
  if (name === 'ResourceNotFoundException') return notFound(target);
  if (name === 'TimeoutError' || name === 'AbortError') {
    return new PoolError(
      'POOL_TIMEOUT',
      `${call} of ${target.poolId} did not answer within ${CALL_TIMEOUT_MS / 1000} s`,
      { cause: error },
    );
  }
  if (name === 'CredentialsProviderError') {
    return new PoolError('AWS_CREDENTIALS', `no AWS credentials for ${call} (${message})`, {
      cause: error,
    });
  }
  return new PoolError('AWS_ERROR', `${call} of ${target.poolId} failed: ${name}: ${message}`, {
    cause: error,
  });
}
