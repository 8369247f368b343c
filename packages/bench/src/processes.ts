import { type ForkOptions, fork, spawn } from 'node:child_process';
import { once } from 'node:events';
import { basename, join } from 'node:path';
import type { Readable } from 'node:stream';
import { BenchError } from './errors.js';

/**
 * Forks `module`, to speak to over IPC; what a child that exits leaves awaited rejects.
 *
 * @example
 * const { endpoint } = await forkChild(SERVER, ['dynamodb'], { stdio: 'inherit' }).next();
 */
export function forkChild(module: string, args: readonly string[], options: ForkOptions) {
  const child = fork(module, args, options);
  const waiting: { resolve: (message: never) => void; reject: (error: Error) => void }[] = [];
  child.on('message', (message) => waiting.shift()?.resolve(message as never));
  child.on('exit', (code) => {
    const error = new BenchError(`${basename(module)} ${args.join(' ')} exited (code ${code})`);
    for (const waiter of waiting.splice(0)) waiter.reject(error);
  });
  return {
    /** Sends `request` (if any), then waits for the child's next message. */
    next<T>(request?: string) {
      const answer = new Promise<T>((resolve, reject) => waiting.push({ resolve, reject }));
      if (request !== undefined) child.send(request);
      return answer;
    },
    /** Disconnects, which the child takes as its cue to stop, and waits for it to exit. */
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      if (child.connected) child.disconnect();
      else child.kill();
      await exited;
    },
  };
}

/**
 * Runs `src/probes/<kind>.mjs` on `specFile` in a fresh `node` with exactly `environment`, no
 * TypeScript loader and stdout (where the handlers log) to /dev/null; returns the JSON it writes
 * to file descriptor 3.
 *
 * @throws {BenchError} with the end of the probe's stderr when it fails.
 */
export async function runProbe(
  kind: 'cold' | 'warm',
  specFile: string,
  environment: Readonly<Record<string, string>>,
): Promise<unknown> {
  const child = spawn(
    process.execPath,
    [join(import.meta.dirname, 'probes', `${kind}.mjs`), specFile],
    {
      env: environment,
      stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
    },
  );
  const result = text(child.stdio[3] as Readable);
  const stderr = text(child.stderr as Readable);
  try {
    const [code] = await once(child, 'close');
    if (code !== 0) throw new Error(`exit code ${code}`);
    return JSON.parse(await result);
  } catch (error) {
    const tail = (await stderr).trim().split('\n').slice(-8).join('\n  ');
    throw new BenchError(`the ${kind} probe failed (${(error as Error).message}):\n  ${tail}`);
  }
}

async function text(stream: Readable): Promise<string> {
  let all = '';
  for await (const chunk of stream) all += chunk;
  return all;
}
