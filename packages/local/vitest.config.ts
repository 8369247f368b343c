import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // End-to-end files start a whole stack (cognito-local, dynalite, function processes) first.
    hookTimeout: 30_000,
    testTimeout: 20_000,
    // The SDK's notice that Node 20 support ends, once per test process: noise here.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  },
});
