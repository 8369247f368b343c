import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { BenchError } from './errors.js';

const PROBES = join(import.meta.dirname, 'probes');

/** The two measuring programs in src/probes/, run by plain `node`. */
export type ProbeName = 'cold' | 'warm';

/**
 * Runs a probe in a fresh Node process with exactly `environment` and no TypeScript loader, its
 * stdout (where the handlers log one line per invocation) sent to /dev/null, and returns the
 * JSON it writes to file descriptor 3.
 *
 * @example
 * const result = await runProbe('cold', [JSON.stringify({ imports: [file] })], env);
 * @throws {BenchError} with the probe's stderr when it fails or runs past `timeoutMs`.
 */
export function runProbe(
  probe: ProbeName,
  args: readonly string[],
  environment: Readonly<Record<string, string>>,
  timeoutMs = 300_000,
): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(PROBES, `${probe}.mjs`), ...args], {
      env: environment,
      stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
    });
    const result: Buffer[] = [];
    const errors: Buffer[] = [];
    (child.stdio[3] as Readable).on('data', (chunk: Buffer) => result.push(chunk));
    child.stderr?.on('data', (chunk: Buffer) => errors.push(chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(new BenchError(`could not start the ${probe} probe: ${error.message}`));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const stderr = Buffer.concat(errors).toString('utf8').trim().split('\n').slice(-8);
      if (code !== 0) {
        const why = signal === null ? `exit code ${code}` : `signal ${signal}`;
        reject(new BenchError(`the ${probe} probe failed (${why}):\n  ${stderr.join('\n  ')}`));
        return;
      }
      try {
        resolve(JSON.parse(Buffer.concat(result).toString('utf8')));
      } catch {
        reject(new BenchError(`the ${probe} probe wrote no result:\n  ${stderr.join('\n  ')}`));
      }
    });
  });
}
