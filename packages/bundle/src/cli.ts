import { createCli } from '@cognito-triggers/cli-kit';
import { build } from './commands/build.js';
import { collect } from './commands/collect.js';
import { summary } from './commands/summary.js';

/**
 * Runs `bundle-trigger` with `argv` (without the node and script paths) and returns the exit
 * code instead of exiting, so it can be called in-process: 0 done, 1 the build or summary
 * failed (a `BundleError`), 2 the command line was wrong, 3 a bug.
 *
 * @example
 * process.exitCode = await main(['build', '--dir', 'triggers/pre-signup']);
 */
export const main = createCli({
  bin: 'bundle-trigger',
  description:
    'The one bundling step of every trigger: esbuild bundle, reproducible zip, manifest for Terraform.',
  commands: [build, summary, collect],
  // Its help fits a screen: a wrong command line shows it whole.
  usageOnError: true,
});
