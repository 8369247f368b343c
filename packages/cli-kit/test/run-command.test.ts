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

  it('answers -h and --help with the usage, anywhere in the arguments, without running the command', async () => {
    for (const args of [['--help'], ['--root', 'x', '-h'], ['--', '--help']]) {
      const { io, out, err } = capture();

      expect(await runCommand(failing('build'), args, io, { bin: 'tool' })).toBe(EXIT.ok);
      expect(out).toEqual(['Usage: bench [--quick]']);
      expect(err).toEqual([]);
    }
  });

  it('leaves a group’s --help to the group, whose subcommand comes first', async () => {
    const group: Command = {
      ...failing('tenants'),
      subcommands: [failing('tenants create')],
      run: async (args) => (args[0] === 'create' ? 7 : 8),
    };
    const { io } = capture();

    expect(await runCommand(group, ['create', '--help'], io, { bin: 'tool' })).toBe(7);
  });
});
