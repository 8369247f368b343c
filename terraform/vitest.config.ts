import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Each terraform process loads the AWS provider's schema (seconds of CPU): two at a time
    // keep a two-core machine responsive for the timing-sensitive tests of other packages.
    maxConcurrency: 2,
  },
});
