// Peer: custom message as a typical team writes it, bundled like ours: Powertools Logger, one
// English template per source with the app's name and link, the user's name escaped.
import { Logger } from '@aws-lambda-powertools/logger';
import type { Context, CustomMessageTriggerEvent } from 'aws-lambda';

const logger = new Logger({ serviceName: 'custom-message' });
const app = process.env.APP_NAME ?? 'our app';
const url = process.env.APP_URL ?? '';
const support = process.env.SUPPORT_EMAIL ?? '';

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

const TEMPLATES: Record<string, { subject: string; body: (name: string) => string }> = {
  CustomMessage_SignUp: {
    subject: `Welcome to ${app}: verify your email`,
    body: (name) => `<p>Hello ${name},</p><p>Your verification code is <b>{####}</b>.</p>`,
  },
  CustomMessage_ResendCode: {
    subject: `Your ${app} verification code`,
    body: (name) => `<p>Hello ${name},</p><p>Your new code is <b>{####}</b>.</p>`,
  },
  CustomMessage_ForgotPassword: {
    subject: `Reset your ${app} password`,
    body: (name) => `<p>Hello ${name},</p><p>Your reset code is <b>{####}</b>.</p>`,
  },
  CustomMessage_AdminCreateUser: {
    subject: `You are invited to ${app}`,
    body: (name) =>
      `<p>Hello ${name},</p><p>Sign in at <a href="${url}">${url}</a> as {username} with <b>{####}</b>.</p>`,
  },
};

export const handler = async (event: CustomMessageTriggerEvent, context: Context) => {
  logger.addContext(context);
  const template = TEMPLATES[event.triggerSource];
  if (template === undefined) {
    logger.info('pool template kept', { triggerSource: event.triggerSource });
    return event;
  }
  const attributes = event.request.userAttributes;
  const name = escapeHtml(attributes.given_name ?? attributes.email ?? '');
  event.response.emailSubject = template.subject;
  event.response.emailMessage = `${template.body(name)}<p>Questions? ${escapeHtml(support)}</p>`;
  event.response.smsMessage = `${app}: your code is {####}`;
  logger.info('message composed', { triggerSource: event.triggerSource });
  return event;
};
