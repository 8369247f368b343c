import { main } from './main.js';

// The program itself: `bin/cognito-triggers.mjs` imports it (through tsx in a checkout), and
// `pnpm run build` bundles it into dist/cognito-triggers.mjs.
process.exitCode = await main(process.argv.slice(2));
