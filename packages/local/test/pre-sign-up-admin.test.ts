import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  AdminCreateUserCommand,
  type AdminCreateUserCommandInput,
  AdminGetUserCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { findWorkspaceRoot } from '@cognito-triggers/cli-kit';
import type { PreSignUpTriggerEvent } from '@cognito-triggers/events';
import { REJECTION_TEXT, RejectionCode } from '@cognito-triggers/pre-signup';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { latestMessage } from '../src/messages.js';
import { clients, rejection, stack, useStack } from './support.js';

// The built pre sign-up function, behind a wrapper that records every event it is given.
const recording = (bundle: string) => `
import { appendFileSync } from 'node:fs';
import { handler as preSignUp } from ${JSON.stringify(pathToFileURL(bundle).href)};
export const handler = async (event, context) => {
  appendFileSync(process.env.EVENTS_FILE, JSON.stringify(event) + '\\n');
  return preSignUp(event, context);
};`;

let dir: string;

beforeAll(async () => {
  const root = await findWorkspaceRoot(import.meta.dirname);
  dir = await mkdtemp(join(tmpdir(), 'pre-sign-up-admin-'));
  await writeFile(
    join(dir, 'pre-signup.mjs'),
    recording(join(root, 'triggers/pre-signup/dist/index.mjs')),
  );
});

useStack(() => ({
  overrideFunctions: {
    PreSignUp: {
      bundle: join(dir, 'pre-signup.mjs'),
      environment: { EVENTS_FILE: join(dir, 'events.jsonl') },
    },
  },
}));

afterAll(async () => {
  if (dir !== undefined) await rm(dir, { recursive: true, force: true });
});

/** Every pre sign-up event for an address, oldest first. */
async function eventsFor(email: string): Promise<PreSignUpTriggerEvent[]> {
  const lines = await readFile(join(dir, 'events.jsonl'), 'utf8').catch(() => '');
  return lines
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as PreSignUpTriggerEvent)
    .filter((event) => event.request.userAttributes.email === email);
}

const invite = (email: string, extra: Partial<AdminCreateUserCommandInput> = {}) =>
  clients.cognito.send(
    new AdminCreateUserCommand({
      UserPoolId: stack.userPoolId,
      Username: email,
      UserAttributes: [{ Name: 'email', Value: email }],
      DesiredDeliveryMediums: ['EMAIL'],
      ...extra,
    }),
  );

describe('pre sign-up at AdminCreateUser on the local stack', () => {
  it('refuses an invitation to a domain off the allowlist with the trigger’s message, creating nobody', async () => {
    const email = 'eve@elsewhere.test';

    const refused = await rejection(invite(email));

    expect(refused?.name).toBe('UserLambdaValidationException');
    expect(refused?.message).toBe(
      `PreSignUp failed with error ${RejectionCode.DomainNotAllowed}: ${REJECTION_TEXT.SIGNUP_DOMAIN_NOT_ALLOWED}.`,
    );
    const lookup = await rejection(
      clients.cognito.send(
        new AdminGetUserCommand({ UserPoolId: stack.userPoolId, Username: email }),
      ),
    );
    expect(lookup?.name).toBe('UserNotFoundException');
    expect(latestMessage(stack.messages(), email)).toBeUndefined();
    expect(await eventsFor(email)).toHaveLength(1);
  });

  it('creates an invitation to an allowed domain, once the trigger has seen the call’s data', async () => {
    const email = 'ivan@example.com';

    const { User } = await invite(email, {
      ValidationData: [{ Name: 'invitedBy', Value: 'operator' }],
      ClientMetadata: { ticket: 'T-42' },
    });

    expect(User?.UserStatus).toBe('FORCE_CHANGE_PASSWORD');
    expect(latestMessage(stack.messages(), email, 'AdminCreateUser')).toBeDefined();
    const [event, ...more] = await eventsFor(email);
    expect(more).toEqual([]);
    expect(event).toMatchObject({
      triggerSource: 'PreSignUp_AdminCreateUser',
      userPoolId: stack.userPoolId,
      userName: User?.Username,
      callerContext: { clientId: 'CLIENT_ID_NOT_APPLICABLE' },
      request: {
        userAttributes: { email },
        validationData: { invitedBy: 'operator' },
        clientMetadata: { ticket: 'T-42' },
      },
    });
  });

  it('hands the trigger null validation data and client metadata when the call has none', async () => {
    const email = 'nils@example.com';

    await invite(email, { MessageAction: 'SUPPRESS' });

    const [event] = await eventsFor(email);
    expect(event?.request.validationData).toBeNull();
    expect(event?.request.clientMetadata).toBeNull();
  });

  it('does not run the trigger again for a resent invitation or a user who already exists', async () => {
    const email = 'rosa@example.com';
    await invite(email, { MessageAction: 'SUPPRESS' });

    await invite(email, { MessageAction: 'RESEND' });
    const again = await rejection(invite(email));

    expect(latestMessage(stack.messages(), email, 'AdminCreateUser')).toBeDefined();
    expect(again?.name).toBe('UsernameExistsException');
    expect(await eventsFor(email)).toHaveLength(1);
  });
});
