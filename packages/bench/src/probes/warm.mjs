// Warm invocations in one long-lived Node process, as in a warm Lambda container: imports the
// module once, runs `warmup` invocations, then times `iterations` more, one at a time, each on a
// fresh copy of an event from the pool (the copy is made outside the timed span, as Lambda
// deserialises the event before calling the handler). Plain JavaScript run by plain `node`.
// The summary goes to file descriptor 3; stdout (one log line per invocation) is /dev/null.
import { readFileSync, writeSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const spec = JSON.parse(readFileSync(process.argv[2] ?? '', 'utf8'));
const { imports, events, iterations, warmup } = spec;

let module;
for (const file of imports) module = await import(pathToFileURL(file).href);
const handler = module.handler;

function context(n) {
  const endsAt = Date.now() + 5_000;
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: 'bench',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:bench',
    memoryLimitInMB: '256',
    awsRequestId: `request-${n}`,
    logGroupName: '/aws/lambda/bench',
    logStreamName: 'bench',
    getRemainingTimeInMillis: () => Math.max(0, endsAt - Date.now()),
  };
}

const outcomes = { ok: 0, threw: 0 };
let firstResponse;
let firstError;

async function invoke(n, record) {
  const event = structuredClone(events[n % events.length]);
  const ctx = context(n);
  const started = process.hrtime.bigint();
  let threw;
  try {
    await handler(event, ctx);
  } catch (error) {
    threw = error;
  }
  const elapsed = process.hrtime.bigint() - started;
  if (!record) return 0;
  if (threw === undefined) {
    outcomes.ok += 1;
    firstResponse ??= event.response;
  } else {
    outcomes.threw += 1;
    firstError ??= threw instanceof Error ? threw.message : String(threw);
  }
  return Number(elapsed);
}

for (let n = 0; n < warmup; n++) await invoke(n, false);
const samples = new Float64Array(iterations);
const began = process.hrtime.bigint();
for (let n = 0; n < iterations; n++) samples[n] = await invoke(warmup + n, true);
const wallNs = Number(process.hrtime.bigint() - began);

samples.sort();
const at = (q) => {
  const position = (samples.length - 1) * q;
  const low = Math.floor(position);
  const high = Math.min(samples.length - 1, low + 1);
  return samples[low] + (samples[high] - samples[low]) * (position - low);
};
let sum = 0;
for (const sample of samples) sum += sample;

writeSync(
  3,
  JSON.stringify({
    iterations,
    wallNs,
    ns: {
      min: samples[0],
      p50: at(0.5),
      p90: at(0.9),
      p99: at(0.99),
      p999: at(0.999),
      max: samples[samples.length - 1],
      mean: sum / samples.length,
    },
    outcomes,
    firstResponse,
    firstError,
  }),
);
