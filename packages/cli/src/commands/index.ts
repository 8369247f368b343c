import type { Command } from '../command.js';
import { attach } from './attach.js';
import { checkEmail } from './check-email.js';
import { detach } from './detach.js';
import { invite } from './invite.js';
import { local } from './local.js';
import { members } from './members.js';
import { previewMessages } from './preview-messages.js';
import { reconcile } from './reconcile.js';
import { tenants } from './tenants.js';

/**
 * Every subcommand, in the order `cognito-triggers --help` lists them. A new one is a file in
 * this folder exporting a {@link Command}, and a line here.
 */
export const COMMANDS: readonly Command[] = [
  checkEmail,
  attach,
  detach,
  previewMessages,
  reconcile,
  tenants,
  invite,
  members,
  local,
];
