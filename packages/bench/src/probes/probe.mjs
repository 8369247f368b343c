// One bundle in a fresh Node process, as in a new Lambda container: times the import and the first
// invocation (the cold start), then, when asked, runs `warmup` untimed invocations and times each
// of the next `iterations` (warm), cycling through `events`, each copied outside the timed span as
// Lambda deserialises an event before the call. Plain JavaScript run by plain `node`: no loader in
// the process measured. The result goes to the parent over IPC; stdout (the handlers' logs) is
// /dev/null. The parent disconnecting ends the process.
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const {
  file,
  events = [],
  warmup = 0,
  iterations = 0,
} = JSON.parse(readFileSync(process.argv[2] ?? '', 'utf8'));
const functionName = process.env.AWS_LAMBDA_FUNCTION_NAME ?? 'bench';

// The Lambda context: the fields the runtime sets, with Cognito's 5 s.
const context = (awsRequestId) => {
  const endsAt = Date.now() + 5_000;
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:eu-west-1:123456789012:function:${functionName}`,
    memoryLimitInMB: process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE ?? '128',
    awsRequestId,
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'bench',
    getRemainingTimeInMillis: () => Math.max(0, endsAt - Date.now()),
  };
};

const started = performance.now();
const { handler } = await import(pathToFileURL(file).href);
const importMs = performance.now() - started;

/** One invocation of event `n`: its time in ms, and `ok` with the response or `threw: …`. */
async function invoke(n) {
  const event = structuredClone(events[n % events.length]);
  const ctx = context(`request-${n}`);
  const before = performance.now();
  try {
    const result = await handler(event, ctx);
    return { ms: performance.now() - before, outcome: 'ok', response: result?.response ?? null };
  } catch (error) {
    const ms = performance.now() - before;
    return { ms, outcome: `threw: ${error instanceof Error ? error.message : String(error)}` };
  }
}

const result = { importMs };
if (events.length > 0) {
  const first = await invoke(0);
  Object.assign(result, { invokeMs: first.ms, outcome: first.outcome });
  result.response = JSON.stringify(first.response);
  if (iterations > 0) {
    for (let n = 1; n <= warmup; n++) await invoke(n);
    const warmUs = [];
    let threw = 0;
    for (let n = warmup + 1; n <= warmup + iterations; n++) {
      const { ms, outcome } = await invoke(n);
      warmUs.push(Math.round(ms * 10_000) / 10);
      if (outcome !== 'ok') threw += 1;
    }
    Object.assign(result, { warmUs, threw });
  }
}
process.on('disconnect', () => process.exit(0));
process.send(result);
