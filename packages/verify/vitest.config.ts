import { sharedConfig } from '../../vitest.shared.js';

export default sharedConfig({
  // One local Cognito (and the built pre token generation trigger) for every test file.
  globalSetup: ['./test/support/emulator.ts'],
  testTimeout: 15_000,
  hookTimeout: 60_000,
});
