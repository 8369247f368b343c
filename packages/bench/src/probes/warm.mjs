// Warm invocations in one long-lived Node process, as in a warm Lambda container: imports the
// bundle once, runs `warmup` invocations, then times `iterations` more, one at a time, each on a
// fresh copy of an event from the pool (the copy is made outside the timed span, as Lambda
// deserialises the event before calling the handler). Plain JavaScript run by plain `node`.
// The summary (in µs) goes to file descriptor 3; stdout (one log line per invocation) is /dev/null.
import { readFileSync, writeSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { lambdaContext } from './context.mjs';

const spec = JSON.parse(readFileSync(process.argv[2] ?? '', 'utf8'));
const { file, events, iterations, warmup } = spec;
const { handler } = await import(pathToFileURL(file).href);

const outcomes = { ok: 0, threw: 0 };
let firstResponse;

async function invoke(n, record) {
  const event = structuredClone(events[n % events.length]);
  const ctx = lambdaContext(`request-${n}`);
  const started = process.hrtime.bigint();
  let threw;
  let result;
  try {
    result = await handler(event, ctx);
  } catch (error) {
    threw = error;
  }
  const elapsed = process.hrtime.bigint() - started;
  if (!record) return 0;
  if (threw === undefined) {
    outcomes.ok += 1;
    firstResponse ??= JSON.stringify(result?.response ?? null);
  } else {
    outcomes.threw += 1;
  }
  return Number(elapsed);
}

for (let n = 0; n < warmup; n++) await invoke(n, false);
const samples = new Float64Array(iterations);
for (let n = 0; n < iterations; n++) samples[n] = await invoke(warmup + n, true);

samples.sort();
const at = (q) => {
  const position = (samples.length - 1) * q;
  const low = Math.floor(position);
  const high = Math.min(samples.length - 1, low + 1);
  return (samples[low] + (samples[high] - samples[low]) * (position - low)) / 1000;
};
writeSync(
  3,
  JSON.stringify({
    iterations,
    us: { p50: at(0.5), p90: at(0.9), p99: at(0.99), max: at(1) },
    outcomes,
    firstResponse,
  }),
);
