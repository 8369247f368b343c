import { type CliIo, type Command, EXIT, findWorkspaceRoot } from '@cognito-triggers/cli-kit';
import { explainLocalFailure } from './failure.js';
import { parseLocalArgs } from './options.js';

const USAGE = `Usage: cognito-triggers local demo [options]

Starts a FRESH stack (random free ports, temporary data) and walks through: a refused sign-up,
two sign-ups of one company and their confirmation, a user of another domain, an invitation
and its first sign-in with a new password, an account an administrator creates, sign-ins, a
refresh, a password reset; then the tenant lifecycle as an operator runs it: a new tenant with
an invited admin, a role change, a removal, a suspension and its end; prints each step, the
messages and the decoded token claims; stops the stack. Exits 0 only when every step behaved
as expected. The sign-in functions cache a tenant for 1 s (not the environment's TTL) so that
the suspension shows fast. The stack's test walks the same scenario.

Options:
  --env NAME    policy of terraform/environments/NAME/terraform.tfvars.json (default dev)
  --verbose     also print every line the functions log
  --root DIR    repository root (default: nearest folder with pnpm-workspace.yaml)
  -h, --help    show this help

Needs the built bundles: run pnpm build first. Through pnpm: pnpm demo -- --help.`;

/** `cognito-triggers local demo`: the scripted walk-through, on a fresh stack of its own. */
export const localDemo: Command = {
  name: 'local demo',
  summary:
    'walk a fresh stack through sign-up, sign-in and the tenant lifecycle, then stop (pnpm demo)',
  usage: USAGE,
  run,
  explainFailure: explainLocalFailure,
};

async function run(args: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseLocalArgs(args, {
    env: { type: 'string' },
    verbose: { type: 'boolean' },
    root: { type: 'string' },
  });
  const root = values.root ?? (await findWorkspaceRoot(io.cwd));
  // The stack's own SDK clients run on this Node; the functions get the same setting.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  // Loaded here, not with the command: `cognito-triggers` starts without the stack's modules.
  const { runDemo } = await import('../demo.js');
  await runDemo({
    root,
    out: io.out,
    ...(values.env === undefined ? {} : { env: values.env }),
    ...(values.verbose === undefined ? {} : { verbose: values.verbose }),
  });
  return EXIT.ok;
}
