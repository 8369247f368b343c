// One Lambda execution environment: a child process that imports a built bundle once (the cold
// start) and runs its handler for every invocation the parent sends over IPC. Plain JavaScript,
// because it runs the deployable bundle exactly as Lambda's Node.js runtime would.
import { pathToFileURL } from 'node:url';

const bundle = process.env.LOCAL_LAMBDA_BUNDLE;
const functionName = process.env.AWS_LAMBDA_FUNCTION_NAME ?? 'function';
const timeoutMs = Number(process.env.LOCAL_LAMBDA_TIMEOUT_MS ?? 5000);

let handlerPromise;

function loadHandler() {
  handlerPromise ??= import(pathToFileURL(bundle).href).then((module) => {
    if (typeof module.handler !== 'function') {
      throw new Error(`${bundle} does not export a handler function`);
    }
    return module.handler;
  });
  return handlerPromise;
}

function context(requestId) {
  const endsAt = Date.now() + timeoutMs;
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:${functionName}`,
    memoryLimitInMB: '256',
    awsRequestId: requestId,
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, endsAt - Date.now()),
    done() {},
    fail() {},
    succeed() {},
  };
}

function describe(error) {
  if (error instanceof Error) {
    return {
      errorType: error.name,
      errorMessage: error.message,
      trace: (error.stack ?? '').split('\n'),
    };
  }
  return { errorType: 'Error', errorMessage: String(error), trace: [] };
}

process.on('message', async ({ id, event }) => {
  try {
    const handler = await loadHandler();
    const result = await handler(event, context(id));
    process.send({ id, ok: true, result: result === undefined ? null : result });
  } catch (error) {
    process.send({ id, ok: false, error: describe(error) });
  }
});

process.send({ ready: true });
