// The light entry `cognito-triggers` imports (`@cognito-triggers/local/commands`): the commands
// load the stack's modules only when they run.
export { localDemo } from './demo.js';
export { localStart } from './start.js';
