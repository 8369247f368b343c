// The Lambda context the probes hand a handler: the fields the runtime sets, with Cognito's 5 s.
export function lambdaContext(requestId, functionName = process.env.AWS_LAMBDA_FUNCTION_NAME) {
  const endsAt = Date.now() + 5_000;
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: functionName ?? 'bench',
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:eu-west-1:123456789012:function:${functionName ?? 'bench'}`,
    memoryLimitInMB: process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE ?? '128',
    awsRequestId: requestId,
    logGroupName: `/aws/lambda/${functionName ?? 'bench'}`,
    logStreamName: 'bench',
    getRemainingTimeInMillis: () => Math.max(0, endsAt - Date.now()),
  };
}
