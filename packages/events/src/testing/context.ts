import type { Context } from 'aws-lambda';

/**
 * A Lambda context as the Node.js runtime hands it over, with `getRemainingTimeInMillis`
 * counting down from `timeoutMs` (5 s, the longest Cognito waits, unless given).
 */
export function lambdaContext(
  options: { functionName?: string; timeoutMs?: number; now?: () => number } = {},
): Context {
  const now = options.now ?? Date.now;
  const functionName = options.functionName ?? 'cognito-triggers-dev-pre-signup';
  const endsAt = now() + (options.timeoutMs ?? 5_000);
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:eu-west-1:123456789012:function:${functionName}`,
    memoryLimitInMB: '256',
    awsRequestId: '7f2a1c9e-3b4d-4e5f-8a6b-1c2d3e4f5a6b',
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: '2026/11/26/[$LATEST]0123456789abcdef0123456789abcdef',
    getRemainingTimeInMillis: () => Math.max(0, endsAt - now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}
