import { sharedConfig } from '../../vitest.shared.js';

export default sharedConfig({
  // Every test runs the real command in a child process (tsx startup included).
  testTimeout: 20_000,
});
