import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // The function tests start cognito-local, dynalite and the attach function's own process.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
