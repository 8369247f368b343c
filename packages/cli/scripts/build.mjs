// Bundles the CLI into one file, dist/cognito-triggers.mjs: the published package runs it on
// plain Node, with no tsx, no TypeScript and no dependency to install (the workspace packages
// it uses are not published; they and the AWS SDK clients are inside the bundle).
import { readFile, rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const OUTFILE = 'dist/cognito-triggers.mjs';
const packageDir = fileURLToPath(new URL('..', import.meta.url));
const outfile = new URL(`../${OUTFILE}`, import.meta.url);

await rm(new URL('../dist', import.meta.url), { recursive: true, force: true });
await build({
  absWorkingDir: packageDir,
  entryPoints: ['src/bin.ts'],
  outfile: OUTFILE,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // The SDK's ESM entries: its CommonJS ones require node:https, which esbuild can only turn into
  // a shim that throws in an ES module ("Dynamic require of "node:https" is not supported").
  mainFields: ['module', 'main'],
  // Not minified: operators read its stack traces.
  minify: false,
  // The local stack needs a checkout of the suite; `local start|demo` import it when they run.
  // Its help texts (`@cognito-triggers/local/usage`) are bundled.
  external: ['@cognito-triggers/local/commands'],
  logLevel: 'warning',
});

// No CommonJS module of the bundle requires anything at run time, so it needs no createRequire
// banner. A dependency that starts to would get esbuild's throwing shim: refuse to ship that.
const bundle = await readFile(outfile, 'utf8');
if (bundle.includes('Dynamic require of')) {
  console.error(
    `${OUTFILE}: a CommonJS module requires a module at run time; bundle its ESM entry, or add the banner "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);"`,
  );
  process.exit(1);
}
console.log(`${OUTFILE}: ${(Buffer.byteLength(bundle) / 1024).toFixed(0)} KiB`);
