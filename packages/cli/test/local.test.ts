import { localDemo, localStart } from '@cognito-triggers/local/commands';
import { describe, expect, it } from 'vitest';
import { run } from './run.js';

describe('cognito-triggers local', () => {
  it('lists start and demo with their summaries on --help', async () => {
    const help = await run(['local', '--help']);

    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: cognito-triggers local <subcommand> \[options\]\n/);
    expect(help.stdout).toContain(`  start   ${localStart.summary}\n`);
    expect(help.stdout).toContain(`  demo    ${localDemo.summary}\n`);
    expect(help.stdout).toContain('pnpm start -- --help');
  });

  it('prints the options of the stack for local start --help, and help local start', async () => {
    const [direct, viaHelp] = await Promise.all([
      run(['local', 'start', '--help']),
      run(['help', 'local', 'start']),
    ]);

    expect(direct.code).toBe(0);
    expect(direct.stdout).toBe(`${localStart.usage}\n`);
    expect(viaHelp.stdout).toBe(direct.stdout);
    for (const option of [
      '--env',
      '--dynamodb-port',
      '--cognito-port',
      '--lambda-port',
      '--root',
    ]) {
      expect(direct.stdout).toContain(option);
    }
  });

  it('takes the options after the -- that pnpm start passes along', async () => {
    const help = await run(['local', 'demo', '--', '--help']);

    expect(help.code).toBe(0);
    expect(help.stdout).toBe(`${localDemo.usage}\n`);
  });

  it('is listed in the global help', async () => {
    const global = await run(['--help']);

    expect(global.stdout).toMatch(/^ {2}local {3,}the whole suite offline/m);
  });

  it('exits 2 for an unknown subcommand, naming the ones there are', async () => {
    const stop = await run(['local', 'stop']);

    expect(stop.code).toBe(2);
    expect(stop.stderr).toBe(
      'cognito-triggers local: unknown subcommand "stop" (start, demo)\nRun "cognito-triggers local --help" for usage.\n',
    );
  });

  it('reports a bad option of a subcommand with the subcommand’s name', async () => {
    const bad = await run(['local', 'start', '--lambda-port', '70000']);

    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(
      'cognito-triggers local start: --lambda-port must be a port number (0 to 65535), got "70000"',
    );
  });
});
