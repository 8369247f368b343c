import type { LocalStack } from './stack.js';

/** What `.local/stack.json` holds while `cognito-triggers local start` runs: how to reach the stack. */
export interface StackInfo {
  readonly region: string;
  readonly cognitoEndpoint: string;
  readonly dynamodbEndpoint: string;
  /** The Lambda Invoke API that runs the built bundles (`aws lambda invoke --endpoint-url`). */
  readonly lambdaEndpoint: string;
  readonly userPoolId: string;
  readonly clientId: string;
  readonly tenantTable: string;
}

/**
 * The part of a stack `.local/stack.json` records.
 *
 * @example
 * await writeFile('.local/stack.json', JSON.stringify(stackInfo(stack), null, 2));
 */
export function stackInfo(stack: LocalStack): StackInfo {
  return {
    region: stack.region,
    cognitoEndpoint: stack.cognitoEndpoint,
    dynamodbEndpoint: stack.dynamodbEndpoint,
    lambdaEndpoint: stack.lambdaEndpoint,
    userPoolId: stack.userPoolId,
    clientId: stack.clientId,
    tenantTable: stack.tenantTable,
  };
}
