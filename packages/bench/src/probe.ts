import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { BenchError } from './errors.js';

/**
 * Runs a measuring program of src/probes/ (`cold` or `warm`) in a fresh Node process with exactly
 * `environment` and no TypeScript loader, stdout (where the handlers log) to /dev/null, and
 * returns the JSON it writes to file descriptor 3.
 *
 * @example
 * const sample = await runProbe('cold', JSON.stringify({ file, event }), trigger.environment);
 * @throws {BenchError} with the end of the probe's stderr when it fails.
 */
export function runProbe(
  probe: 'cold' | 'warm',
  argument: string,
  environment: Readonly<Record<string, string>>,
): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [join(import.meta.dirname, 'probes', `${probe}.mjs`), argument],
      {
        env: environment,
        stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
      },
    );
    const result: Buffer[] = [];
    const errors: Buffer[] = [];
    (child.stdio[3] as Readable).on('data', (chunk: Buffer) => result.push(chunk));
    child.stderr?.on('data', (chunk: Buffer) => errors.push(chunk));
    child.on('error', (error) =>
      reject(new BenchError(`could not start the ${probe} probe: ${error.message}`)),
    );
    child.on('close', (code) => {
      const stderr = Buffer.concat(errors)
        .toString('utf8')
        .trim()
        .split('\n')
        .slice(-8)
        .join('\n  ');
      try {
        if (code !== 0) throw new Error(`exit code ${code}`);
        resolve(JSON.parse(Buffer.concat(result).toString('utf8')));
      } catch (error) {
        reject(
          new BenchError(`the ${probe} probe failed (${(error as Error).message}):\n  ${stderr}`),
        );
      }
    });
  });
}
