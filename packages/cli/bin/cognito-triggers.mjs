#!/usr/bin/env node
// In a checkout of the suite (src/ beside bin/), tsx compiles the TypeScript sources on the fly,
// and `local start|demo` can load the local stack, whose package exports TypeScript too.
// Installed from the package, the bundle built by `pnpm run build` runs on plain Node.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// The AWS SDK warns on Node 20 that later releases will need Node 22. The suite supports 20.19+
// (22 recommended, the Lambda runtime): the notice is not this command's output.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true'; // exactly "true"

if (existsSync(new URL('../src/bin.ts', import.meta.url))) {
  const { register } = await import('tsx/esm/api');
  // Our own tsconfig, not the one of whatever folder the command runs in.
  register({ tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)) });
  await import('../src/bin.ts');
} else {
  await import('../dist/cognito-triggers.mjs');
}
