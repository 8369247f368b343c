import { describe, expect, it } from 'vitest';
import { type Command, commandGroup, createCli, EXIT, UsageError } from '../src/index.js';
import { capture } from './capture.js';

function sub(name: string, run: Command['run']): Command {
  return { name, summary: `${name.split(' ')[1]} a tenant`, usage: `Usage: tool ${name}`, run };
}

const seen: string[][] = [];
const create = sub('tenants create', async (args) => {
  seen.push(['create', ...args]);
  return EXIT.ok;
});
const suspend = sub('tenants suspend', async () => {
  throw new UsageError('--id is required');
});
const tenants = commandGroup({
  bin: 'tool',
  name: 'tenants',
  summary: 'manage tenants',
  description: 'Tenants and their state.',
  subcommands: [create, suspend],
});
const main = createCli({ bin: 'tool', description: 'd', commands: [tenants] });

describe('commandGroup', () => {
  it('runs a subcommand with the arguments after its name', async () => {
    const { io } = capture();
    seen.length = 0;

    expect(await main(['tenants', 'create', '--id', 'acme'], io)).toBe(EXIT.ok);
    expect(seen).toEqual([['create', '--id', 'acme']]);
  });

  it('lists its subcommands under its description on --help', async () => {
    const { io, out } = capture();

    expect(await main(['tenants', '--help'], io)).toBe(EXIT.ok);
    expect(out.join('\n')).toBe(`Usage: tool tenants <subcommand> [options]

Tenants and their state.

Subcommands:
  create    create a tenant
  suspend   suspend a tenant

Run "tool tenants <subcommand> --help" for a subcommand's options.`);
  });

  it('prints its usage on stderr and exits 2 without a subcommand', async () => {
    const { io, err } = capture();

    expect(await main(['tenants'], io)).toBe(EXIT.usage);
    expect(err.join('\n')).toContain('Usage: tool tenants <subcommand>');
  });

  it('reports a subcommand’s usage error with the subcommand’s name', async () => {
    const { io, err } = capture();

    expect(await main(['tenants', 'suspend'], io)).toBe(EXIT.usage);
    expect(err).toEqual([
      'tool tenants suspend: --id is required',
      'Run "tool tenants suspend --help" for usage.',
    ]);
  });

  it.each([
    ['remove', 'unknown subcommand "remove" (create, suspend)'],
    ['--id', 'unknown option "--id" (a subcommand comes first)'],
  ])('refuses %s with the group’s name and exits 2', async (word, message) => {
    const { io, err } = capture();

    expect(await main(['tenants', word], io)).toBe(EXIT.usage);
    expect(err).toEqual([`tool tenants: ${message}`, 'Run "tool tenants --help" for usage.']);
  });

  it('refuses a subcommand not named after the group', () => {
    expect(() =>
      commandGroup({
        bin: 'tool',
        name: 'tenants',
        summary: 's',
        description: 'd',
        subcommands: [sub('members add', async () => EXIT.ok)],
      }),
    ).toThrow('subcommand "members add" of group "tenants" must be named "tenants …"');
  });
});
