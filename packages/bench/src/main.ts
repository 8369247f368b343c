import { defaultIo, runCommand } from '@cognito-triggers/cli-kit';
import { bench } from './command.js';

// `pnpm bench` runs in packages/bench: relative paths are the caller's, where pnpm was invoked.
const io = { ...defaultIo, cwd: process.env.INIT_CWD ?? defaultIo.cwd };
process.exitCode = await runCommand(bench, process.argv.slice(2), io, { bin: 'bench' });
