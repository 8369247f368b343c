import { describe, expect, it } from 'vitest';
import { parseCommandLine, UsageError } from '../src/index.js';

describe('parseCommandLine', () => {
  it('parses the options and hands the positionals back for the command to judge', () => {
    const { values, positionals } = parseCommandLine(['--pool', 'eu-west-1_A', 'extra'], {
      pool: { type: 'string' },
      'dry-run': { type: 'boolean' },
    });

    expect(values).toEqual({ pool: 'eu-west-1_A' });
    expect(positionals).toEqual(['extra']);
  });

  it('refuses an unknown option as a usage error, in parseArgs’ words', () => {
    const parse = () => parseCommandLine(['--bogus'], { pool: { type: 'string' } });

    expect(parse).toThrow(UsageError);
    expect(parse).toThrow(/Unknown option '--bogus'/);
  });
});
