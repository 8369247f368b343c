import { describe, expect, it } from 'vitest';
import { progress } from '../src/index.js';
import { capture } from './capture.js';

describe('progress', () => {
  const steps = (errIsTerminal: boolean) => {
    const { io, err } = capture();
    const report = progress({ ...io, errIsTerminal }, (done, total) => `rendered ${done}/${total}`);
    for (let done = 1; done <= 4; done += 1) report(done, 4);
    return err;
  };

  it('shows every step to a person at a terminal', () => {
    expect(steps(true)).toEqual(['rendered 1/4', 'rendered 2/4', 'rendered 3/4', 'rendered 4/4']);
  });

  it('writes one summary line to a log or a pipe', () => {
    expect(steps(false)).toEqual(['rendered 4/4']);
  });
});
