import { defaultIo, runCommand } from '@cognito-triggers/cli-kit';
import { bench } from './command.js';

process.exitCode = await runCommand(bench, process.argv.slice(2), defaultIo, { bin: 'bench' });
