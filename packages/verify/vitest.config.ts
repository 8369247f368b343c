import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // One local Cognito (and the built pre token generation trigger) for every test file.
    globalSetup: ['./test/support/emulator.ts'],
    testTimeout: 15_000,
    hookTimeout: 60_000,
  },
});
