import { defineConfig, type ViteUserConfig } from 'vitest/config';

/**
 * Every package's vitest config: `export default sharedConfig({ testTimeout: 20_000 })`.
 *
 * Node 20.19+ is supported (22 recommended, the Lambda runtime), so the AWS SDK's notice about
 * its future Node 22 floor is not test output. Set in the main process, where the config loads,
 * so that global setups, workers and the servers tests start all inherit it.
 */
export function sharedConfig(test: NonNullable<ViteUserConfig['test']> = {}) {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true'; // exactly "true"
  return defineConfig({ test });
}
