import { type CliIo, type Command, EXIT, findWorkspaceRoot } from '@cognito-triggers/cli-kit';
import { explainLocalFailure } from './failure.js';
import { parseLocalArgs } from './options.js';
import { DEMO_SUMMARY, DEMO_USAGE } from './usage.js';

/** `cognito-triggers local demo`: the scripted walk-through, on a fresh stack of its own. */
export const localDemo: Command = {
  name: 'local demo',
  summary: DEMO_SUMMARY,
  usage: DEMO_USAGE,
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
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true'; // exactly "true"
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
