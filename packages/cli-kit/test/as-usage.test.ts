import { parseArgs } from 'node:util';
import { describe, expect, it } from 'vitest';
import { asUsage, UsageError } from '../src/index.js';

describe('asUsage', () => {
  it('turns a parseArgs error into a UsageError with parseArgs’s words', () => {
    const parse = () =>
      asUsage(() => parseArgs({ args: ['--out'], options: { dir: { type: 'string' } } }));

    expect(parse).toThrow(UsageError);
    expect(parse).toThrow("Unknown option '--out'");
  });

  it('returns what the parse returns', () => {
    const { values } = asUsage(() =>
      parseArgs({ args: ['--dir', 'x'], options: { dir: { type: 'string' } } }),
    );

    expect(values.dir).toBe('x');
  });
});
