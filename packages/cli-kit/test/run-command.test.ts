import { describe, expect, it } from 'vitest';
import { type Command, EXIT, runCommand, UsageError } from '../src/index.js';
import { capture } from './capture.js';

const failing = (name: string): Command => ({
  name,
  summary: 's',
  usage: 'Usage: bench [--quick]',
  run: async () => {
    throw new UsageError('--only: unknown section(s) col');
  },
});

describe('runCommand', () => {
  it('prefixes messages with the binary and the command’s name', async () => {
    const { io, err } = capture();

    expect(await runCommand(failing('local start'), [], io, { bin: 'tool' })).toBe(EXIT.usage);
    expect(err[0]).toBe('tool local start: --only: unknown section(s) col');
  });

  it('prefixes with the binary alone for a program that is one command (named "")', async () => {
    const { io, err } = capture();

    expect(await runCommand(failing(''), [], io, { bin: 'bench' })).toBe(EXIT.usage);
    expect(err).toEqual(['bench: --only: unknown section(s) col', 'Run "bench --help" for usage.']);
  });
});
