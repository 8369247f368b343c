// One local AWS API in a process of its own, so that it never shares a CPU slice with the
// process being measured: `dynamodb` (dynalite, in memory) or `cognito` (a stub answering the
// admin calls the triggers send with `200 {}`, as Cognito does). Counts the requests by
// operation (`X-Amz-Target`). Talks to its parent over IPC: sends `{ endpoint }` once listening,
// answers `take` with the counts since the last `take`.

import { createServer } from 'node:http';
import { createRequire } from 'node:module';

const kind = process.argv[2];
let counts = {};
const count = (request) => {
  const operation = String(request.headers['x-amz-target'] ?? 'unknown')
    .split('.')
    .pop();
  counts[operation] = (counts[operation] ?? 0) + 1;
};

let server;
if (kind === 'dynamodb') {
  const dynalite = createRequire(import.meta.url)('dynalite');
  server = dynalite({ createTableMs: 0, deleteTableMs: 0 });
  server.prependListener('request', count);
} else if (kind === 'cognito') {
  server = createServer((request, response) => {
    count(request);
    request.resume();
    request.on('end', () => {
      response.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
      response.end('{}');
    });
  });
} else {
  process.stderr.write(`server.mjs: unknown kind "${kind}" (dynamodb or cognito)\n`);
  process.exit(2);
}

server.listen(0, '127.0.0.1', () => {
  process.send({ endpoint: `http://127.0.0.1:${server.address().port}` });
});
process.on('message', (message) => {
  if (message === 'take') {
    process.send({ counts });
    counts = {};
  }
});
// The parent going away (even killed) closes the channel: stop with it.
process.on('disconnect', () => process.exit(0));
