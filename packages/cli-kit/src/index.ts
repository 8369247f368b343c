export { type CliMain, type CliOptions, createCli } from './cli.js';
export { type Command, type RunOptions, runCommand } from './command.js';
export { type CommandGroupOptions, commandGroup } from './command-group.js';
export { InputError, UsageError } from './errors.js';
export { EXIT, type ExitCode } from './exit.js';
export { type CliIo, defaultIo, progress } from './io.js';
export { parseCommandLine } from './parse.js';
export { asUsage, reportUsageError } from './usage.js';
export { findWorkspaceRoot, WORKSPACE_FILE } from './workspace-root.js';
