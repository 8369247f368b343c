#!/usr/bin/env node
// The package ships TypeScript sources and no build step: tsx compiles them on the fly.
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

// Our own tsconfig, not the one of whatever folder the command runs in.
register({ tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)) });
// The AWS SDK warns on Node 20 that later releases will need Node 22. The suite supports 20.19+
// (22 recommended, the Lambda runtime): the notice is not this command's output.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const { main } = await import('../src/main.ts');
process.exitCode = await main(process.argv.slice(2));
