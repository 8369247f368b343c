import { localDemo, localStart } from '@cognito-triggers/local/commands';
import { commandGroup } from '../command.js';

/** `cognito-triggers local start|demo`: the local stack of `@cognito-triggers/local`. */
export const local = commandGroup({
  name: 'local',
  summary: 'the whole suite offline: run the local stack, or its scripted demo',
  description: `The whole suite offline, on loopback: DynamoDB API (dynalite) with the tenant table, the Cognito
API (cognito-local) with a user pool wired to the five triggers, and a Lambda invoke server that
runs the BUILT bundles (triggers/*/dist/index.mjs) with the environment Terraform gives them.
From the repository root: pnpm start, pnpm demo (options after --: pnpm start -- --help).`,
  subcommands: [localStart, localDemo],
});
