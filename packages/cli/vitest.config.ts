import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Every test runs the real command in a child process (tsx startup included).
    testTimeout: 20_000,
  },
});
