// One cold start, in a fresh Node process started with nothing but this file: times the import
// of the given modules (in order) and, if given an event, the first invocation of the handler.
// Plain JavaScript run by plain `node`: no TypeScript loader in the process being measured.
// The result goes to file descriptor 3; stdout (where the handlers log) is /dev/null.
import { writeSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const { imports, event } = JSON.parse(process.argv[2] ?? '{}');

const started = performance.now();
let module;
for (const file of imports) module = await import(pathToFileURL(file).href);
const imported = performance.now();

let invokeMs;
let outcome = 'not invoked';
if (event !== undefined && event !== null) {
  const endsAt = Date.now() + 5_000;
  const context = {
    functionName: 'bench',
    awsRequestId: 'cold-start',
    getRemainingTimeInMillis: () => Math.max(0, endsAt - Date.now()),
  };
  const before = performance.now();
  try {
    await module.handler(event, context);
    outcome = 'ok';
  } catch (error) {
    outcome = `threw: ${error instanceof Error ? error.message : String(error)}`;
  }
  invokeMs = performance.now() - before;
}

writeSync(3, JSON.stringify({ bootMs: started, importMs: imported - started, invokeMs, outcome }));
