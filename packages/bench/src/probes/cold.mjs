// One cold start, in a fresh Node process started with nothing but this file and the function's
// environment: times the import of the bundle, then its first invocation. Plain JavaScript run
// by plain `node`: no TypeScript loader in the process being measured. The result goes to file
// descriptor 3; stdout (where the handlers log) is /dev/null.
import { readFileSync, writeSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { lambdaContext } from './context.mjs';

const { file, event } = JSON.parse(readFileSync(process.argv[2] ?? '', 'utf8'));

const started = performance.now();
const module = await import(pathToFileURL(file).href);
const imported = performance.now();

let invokeMs;
let outcome = 'not invoked';
let response;
if (event !== undefined && event !== null) {
  const context = lambdaContext('cold-start');
  const before = performance.now();
  try {
    const result = await module.handler(event, context);
    outcome = 'ok';
    response = JSON.stringify(result?.response ?? null);
  } catch (error) {
    outcome = `threw: ${error instanceof Error ? error.message : String(error)}`;
  }
  invokeMs = performance.now() - before;
}

writeSync(3, JSON.stringify({ importMs: imported - started, invokeMs, outcome, response }));
