import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * Runs a full garbage collection now, without starting Node.js with `--expose-gc`: for tests of
 * code that must keep working when what it only holds weakly is collected (a timeout signal
 * inside `AbortSignal.any`, for one).
 */
export function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}
