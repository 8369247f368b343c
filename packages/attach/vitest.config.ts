import { sharedConfig } from '../../vitest.shared.js';

export default sharedConfig({
  // The function tests start cognito-local, dynalite and the attach function's own process.
  testTimeout: 30_000,
  hookTimeout: 60_000,
});
