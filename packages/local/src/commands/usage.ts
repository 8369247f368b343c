import { DEFAULT_PORTS } from './options.js';

// The help of the local commands, apart from the commands: the installed `cognito-triggers`
// (one bundle, without the stack) bundles this module to answer --help, and imports the
// commands themselves only in a checkout.

/** `cognito-triggers local start --help`. */
export const START_USAGE = `Usage: cognito-triggers local start [options]

Starts the local stack and keeps it up until Ctrl-C (SIGINT or SIGTERM), then stops every
service and frees the ports. Writes .local/stack.json (region, endpoints of Cognito, DynamoDB
and the Lambda invoke server, pool and client ids, table) at the repository root while it runs;
cognito-local keeps its data in .local/cognito (cleared at each start: the stack starts empty).

Options:
  --env NAME            policy of terraform/environments/NAME/terraform.tfvars.json (default dev)
  --dynamodb-port PORT  DynamoDB API port (default ${DEFAULT_PORTS.dynamodb})
  --cognito-port PORT   Cognito API port (default ${DEFAULT_PORTS.cognito})
  --lambda-port PORT    Lambda invoke server port (default ${DEFAULT_PORTS.lambda}); 0 picks a free port
  --root DIR            repository root (default: nearest folder with pnpm-workspace.yaml)
  -h, --help            show this help

Needs the built bundles: run pnpm build first. Through pnpm: pnpm start -- --help.`;

/** `cognito-triggers local demo --help`. */
export const DEMO_USAGE = `Usage: cognito-triggers local demo [options]

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

/** One line each, for the listing of `cognito-triggers local --help`. */
export const START_SUMMARY = 'run the local stack until Ctrl-C (pnpm start)';
export const DEMO_SUMMARY =
  'walk a fresh stack through sign-up, sign-in and the tenant lifecycle, then stop (pnpm demo)';
