import { describe, expect, it } from 'vitest';
import {
  type Command,
  commandGroup,
  createCli,
  EXIT,
  InputError,
  UsageError,
} from '../src/index.js';
import { capture } from './capture.js';

class BuildFailed extends Error {}

/** A command that records its arguments, or throws what the test gives it. */
function command(name: string, options: { throws?: unknown; code?: number } = {}) {
  const calls: (readonly string[])[] = [];
  const result: Command & { calls: typeof calls } = {
    name,
    summary: `the ${name} command`,
    usage: `Usage: tool ${name} [--flag]`,
    calls,
    async run(args, io) {
      calls.push(args);
      if (options.throws !== undefined) throw options.throws;
      io.out(`ran ${name}`);
      return options.code ?? EXIT.ok;
    },
    explainFailure: (error) =>
      error instanceof BuildFailed ? `build failed: ${error.message}` : undefined,
  };
  return result;
}

function tool(commands: readonly Command[], extra: { usageOnError?: boolean } = {}) {
  return createCli({
    bin: 'tool',
    description: 'A tool for tests.',
    commands,
    version: () => '1.2.3',
    ...extra,
  });
}

describe('createCli', () => {
  it('runs the named command with the arguments after its name and returns its exit code', async () => {
    const build = command('build', { code: EXIT.failure });
    const { io, out } = capture();

    const code = await tool([command('other'), build])(['build', '--flag', 'x'], io);

    expect(code).toBe(EXIT.failure);
    expect(build.calls).toEqual([['--flag', 'x']]);
    expect(out).toEqual(['ran build']);
  });

  it('lists every command with its summary on --help, aligned, and exits 0', async () => {
    const { io, out } = capture();

    const code = await tool([command('build'), command('summary')])(['--help'], io);

    expect(code).toBe(EXIT.ok);
    const text = out.join('\n');
    expect(text).toMatch(/^Usage: tool <command> \[options\]\n\nA tool for tests\.\n/);
    expect(text).toContain('  build     the build command\n  summary   the summary command');
    expect(text).toContain('-v, --version');
  });

  it('prints the listing on stderr and exits 2 when no command is given', async () => {
    const { io, out, err } = capture();

    const code = await tool([command('build')])([], io);

    expect(code).toBe(EXIT.usage);
    expect(out).toEqual([]);
    expect(err.join('\n')).toContain('Usage: tool <command>');
  });

  it('leaves --version out of a program that has no version', async () => {
    const help = capture();
    const version = capture();
    const main = createCli({ bin: 'tool', description: 'd', commands: [command('build')] });

    await main(['--help'], help.io);
    const code = await main(['--version'], version.io);

    expect(help.out.join('\n')).not.toContain('--version');
    expect(code).toBe(EXIT.usage);
    expect(version.err[0]).toBe('tool: unknown option "--version"');
  });

  it('prints the version', async () => {
    const { io, out } = capture();

    expect(await tool([command('build')])(['-v'], io)).toBe(EXIT.ok);
    expect(out).toEqual(['1.2.3']);
  });

  it('prints a command’s usage for help <command> and <command> is not run', async () => {
    const build = command('build');
    const { io, out } = capture();

    const code = await tool([build])(['help', 'build'], io);

    expect(code).toBe(EXIT.ok);
    expect(out).toEqual(['Usage: tool build [--flag]']);
    expect(build.calls).toEqual([]);
  });

  it('prints a subcommand’s usage for help <group> <subcommand>', async () => {
    const create = command('tenants create');
    const tenants = commandGroup({
      bin: 'tool',
      name: 'tenants',
      summary: 's',
      description: 'd',
      subcommands: [create],
    });
    const { io, out } = capture();

    expect(await tool([tenants])(['help', 'tenants', 'create'], io)).toBe(EXIT.ok);
    expect(out).toEqual(['Usage: tool tenants create [--flag]']);
  });

  it.each([
    [['help', 'nope'], 'tool: unknown command "nope"'],
    [
      ['help', 'build', 'create'],
      'tool: "help" takes a command (and a subcommand of a group), got build create',
    ],
    [['bulid'], 'tool: unknown command "bulid"'],
    [['--frobnicate'], 'tool: unknown option "--frobnicate"'],
  ])('exits 2 for %j, pointing at the help', async (argv, message) => {
    const { io, err } = capture();

    expect(await tool([command('build')])(argv, io)).toBe(EXIT.usage);
    expect(err).toEqual([message, 'Run "tool --help" for usage.']);
  });

  it('reports a usage or input error of a command with its name and exits 2', async () => {
    const usage = capture();
    const input = capture();
    const main = tool([
      command('build', { throws: new UsageError('build needs --dir') }),
      command('check', { throws: new InputError('policy.json: not valid JSON') }),
    ]);

    expect(await main(['build'], usage.io)).toBe(EXIT.usage);
    expect(await main(['check'], input.io)).toBe(EXIT.usage);

    expect(usage.err).toEqual([
      'tool build: build needs --dir',
      'Run "tool build --help" for usage.',
    ]);
    expect(input.err).toEqual([
      'tool check: policy.json: not valid JSON',
      'Run "tool check --help" for usage.',
    ]);
  });

  it('adds the command’s usage after a usage error when usageOnError is set', async () => {
    const { io, err } = capture();
    const main = tool([command('build', { throws: new UsageError("Unknown option '--out'") })], {
      usageOnError: true,
    });

    expect(await main(['build', '--out'], io)).toBe(EXIT.usage);
    expect(err).toEqual([
      "tool build: Unknown option '--out'",
      'Run "tool build --help" for usage.',
      '\nUsage: tool build [--flag]',
    ]);
  });

  it('prints an error the command explains as one line and exits 1', async () => {
    const { io, err } = capture();

    const code = await tool([command('build', { throws: new BuildFailed('over budget') })])(
      ['build'],
      io,
    );

    expect(code).toBe(EXIT.failure);
    expect(err).toEqual(['tool build: build failed: over budget']);
  });

  it('exits 3 with a short message and the stack for an error nobody expected', async () => {
    const { io, err } = capture();
    const bug = new TypeError('x is not a function');

    const code = await tool([command('build', { throws: bug })])(['build'], io);

    expect(code).toBe(EXIT.internal);
    expect(err[0]).toBe(
      'tool build: internal error (please report it): TypeError: x is not a function',
    );
    expect(err[1]).toContain('cli.test.ts');
  });
});
