import type { CliIo } from '../src/index.js';

/** An io that keeps what a command prints, line by line. */
export function capture(cwd = '/nowhere'): { io: CliIo; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { cwd, out: (line) => out.push(line), err: (line) => err.push(line) }, out, err };
}
