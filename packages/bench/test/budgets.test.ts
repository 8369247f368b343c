import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type CliIo, EXIT, runCommand } from '@cognito-triggers/cli-kit';
import { describe, expect, it } from 'vitest';
import { checkBudgets, type Measurements } from '../src/budgets.js';
import { bench } from '../src/command.js';

// The budget checker on figures a full run recorded (`recorded.json`: the BENCHMARKS.json of
// that run), and on the same figures with deliberate regressions (`regressed.json`): never on
// live timing.

const FIXTURES = join(import.meta.dirname, 'fixtures');

async function recorded(name: string): Promise<Measurements> {
  const { measurements } = JSON.parse(await readFile(join(FIXTURES, name), 'utf8'));
  return measurements as Measurements;
}

async function runBench(args: readonly string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { cwd: FIXTURES, out: (line) => out.push(line), err: (line) => err.push(line) };
  const code = await runCommand(bench, args, io, { bin: 'bench' });
  return { code, out, err };
}

describe('the budget checker', () => {
  it('passes every budget of the recorded run, and checks each trigger', async () => {
    const checks = checkBudgets(await recorded('recorded.json'));

    expect(checks.filter((check) => !check.pass)).toEqual([]);
    for (const trigger of [
      'pre-signup',
      'custom-message',
      'post-confirmation',
      'pre-authentication',
      'pre-token-generation',
    ]) {
      expect(checks.map((check) => check.subject)).toContain(`${trigger}: cold start`);
    }
    expect(checks.some((check) => check.subject.startsWith('end to end'))).toBe(true);
  });

  it('names each deliberate regression of the recorded figures as a miss', async () => {
    const misses = checkBudgets(await recorded('regressed.json')).filter((check) => !check.pass);

    expect(misses.map((check) => check.subject).sort()).toEqual([
      'custom-message (ours): first invocation',
      'end to end: the first journey (every function cold)',
      'post-confirmation: a joining user',
      'pre-signup: a sign-up at the allowed domain, warm',
      'pre-signup: cold start',
      'pre-token-generation: cold start',
    ]);
  });

  it('misses a warm path whose answers were wrong, however fast', async () => {
    const measurements = await recorded('recorded.json');
    const rows = measurements.warm?.results ?? [];
    const wrong = {
      ...measurements,
      warm: {
        results: rows.map((row) => ({ ...row, valid: row.trigger !== 'pre-token-generation' })),
      },
    };

    const misses = checkBudgets(wrong).filter((check) => !check.pass);

    expect(misses.map((check) => check.subject)).toEqual([
      'pre-token-generation: a member signs in, warm',
    ]);
    expect(misses[0]?.measured).toMatch(/wrong answers/);
  });
});

describe('bench --check', () => {
  it('exits 0 on the recorded run', async () => {
    const { code, out } = await runBench(['--check', 'recorded.json']);

    expect(code).toBe(EXIT.ok);
    expect(out.at(-1)).toMatch(/^(\d+) of \1 budgets met$/);
  });

  it('exits non-zero on a regression, with a MISS line for each budget missed', async () => {
    const { code, err } = await runBench(['--check', 'regressed.json']);

    expect(code).toBe(EXIT.failure);
    expect(err.filter((line) => line.startsWith('MISS'))).toHaveLength(6);
    expect(err).toContainEqual(
      expect.stringMatching(/^MISS {2}pre-token-generation: cold start: .* measured ×1\.6/),
    );
  });

  it('refuses a file that holds no measurements, as bad input', async () => {
    const { code, err } = await runBench(['--check', 'missing.json']);

    expect(code).toBe(EXIT.usage);
    expect(err[0]).toMatch(/^bench: --check .*missing\.json: not a readable BENCHMARKS\.json/);
  });
});

describe('bench options', () => {
  it('refuses an unknown section or a stray argument before measuring anything', async () => {
    const unknown = await runBench(['--only', 'cold,tepid']);
    const stray = await runBench(['cold']);

    expect(unknown.code).toBe(EXIT.usage);
    expect(unknown.err[0]).toMatch(/--only: unknown section\(s\) tepid; expected cold, warm, e2e/);
    expect(stray.code).toBe(EXIT.usage);
  });
});
