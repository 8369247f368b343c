import { execFile } from 'node:child_process';
import { join } from 'node:path';
import {
  ConfirmSignUpCommand,
  CreateGroupCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  DescribeUserPoolCommand,
  InitiateAuthCommand,
  type LambdaConfigType,
  SignUpCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { findWorkspaceRoot } from '@cognito-triggers/cli-kit';
import { REJECTION_TEXT, RejectionCode } from '@cognito-triggers/pre-signup';
import { beforeAll, describe, expect, it } from 'vitest';
import { latestMessage } from '../src/messages.js';
import { FOREIGN_FUNCTION, localFunctionArn } from '../src/stack.js';
import { clients, PASSWORD, rejection, stack, useStack } from './support.js';

let root: string;
/** Every line the functions logged, as `pnpm start` prints them: `[Name] {json}`. */
const lines: string[] = [];

beforeAll(async () => {
  root = await findWorkspaceRoot(import.meta.dirname);
});

useStack({ log: (line) => lines.push(line) }, 60_000);

const arn = (name: string) => localFunctionArn(stack.region, name);

/** The suite's five, as `cognito-triggers attach` and `detach` take them. */
const suiteArns = () => [
  '--pre-signup',
  arn('PreSignUp'),
  '--post-confirmation',
  arn('PostConfirmation'),
  '--pre-authentication',
  arn('PreAuthentication'),
  '--pre-token-generation',
  arn('PreTokenGeneration'),
  '--custom-message',
  arn('CustomMessage'),
];

/** `cognito-triggers attach|detach` as an operator runs it, against the stack's Cognito. */
function cli(command: 'attach' | 'detach', poolId: string, args: readonly string[]) {
  return new Promise<{ code: number; output: string }>((resolve, reject) => {
    execFile(
      process.execPath,
      [
        join(root, 'packages/cli/bin/cognito-triggers.mjs'),
        command,
        '--pool',
        poolId,
        '--endpoint',
        stack.cognitoEndpoint,
        ...args,
      ],
      { cwd: root, encoding: 'utf8', timeout: 20_000, env: { PATH: process.env.PATH } },
      (error, stdout, stderr) => {
        if (error !== null && typeof error.code !== 'number') reject(error);
        else resolve({ code: error === null ? 0 : Number(error.code), output: stdout + stderr });
      },
    );
  });
}

async function attach(poolId: string): Promise<void> {
  const run = await cli('attach', poolId, [...suiteArns(), '--pre-token-version', 'V1_0']);
  expect(run.code, run.output).toBe(0);
}

async function detach(poolId: string): Promise<void> {
  const run = await cli('detach', poolId, suiteArns());
  expect(run.code, run.output).toBe(0);
}

/**
 * A pool as a team has it before the suite comes: email as the username, the tenant attribute,
 * the role groups, a client that writes only profile attributes, and `lambdaConfig`.
 */
async function createPool(name: string, lambdaConfig?: LambdaConfigType) {
  const { cognito } = clients;
  const { UserPool } = await cognito.send(
    new CreateUserPoolCommand({
      PoolName: name,
      UsernameAttributes: ['email'],
      AutoVerifiedAttributes: ['email'],
      Schema: [{ Name: 'tenant_id', AttributeDataType: 'String', Mutable: true }],
      ...(lambdaConfig === undefined ? {} : { LambdaConfig: lambdaConfig }),
    }),
  );
  const userPoolId = UserPool?.Id ?? '';
  const { UserPoolClient } = await cognito.send(
    new CreateUserPoolClientCommand({
      UserPoolId: userPoolId,
      ClientName: 'web',
      ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      WriteAttributes: ['email', 'name'],
    }),
  );
  for (const group of stack.policy.groups) {
    await cognito.send(new CreateGroupCommand({ UserPoolId: userPoolId, GroupName: group.name }));
  }
  return { userPoolId, clientId: UserPoolClient?.ClientId ?? '' };
}

type Pool = Awaited<ReturnType<typeof createPool>>;

/**
 * The functions that ran for a pool since `from` (an index into the log), as `Name source`. A
 * function's line may come a moment after the API answered: callers poll for what must be there.
 */
function callsSince(from: number, { userPoolId }: Pool): string[] {
  return lines.slice(from).flatMap((line) => {
    const match = /^\[(\w+)\] (\{.*\})$/.exec(line);
    if (match === null) return [];
    try {
      const entry = JSON.parse(match[2] ?? '') as Record<string, unknown>;
      const call = entry.message === 'invocation' || entry.message === 'foreign trigger called';
      return call && entry.userPoolId === userPoolId ? [`${match[1]} ${entry.triggerSource}`] : [];
    } catch {
      return [];
    }
  });
}

const signUp = ({ clientId }: Pool, email: string) =>
  clients.cognito.send(
    new SignUpCommand({ ClientId: clientId, Username: email, Password: PASSWORD }),
  );

async function confirm({ clientId }: Pool, email: string): Promise<void> {
  const code = latestMessage(stack.messages(), email, 'SignUp')?.code ?? '';
  await clients.cognito.send(
    new ConfirmSignUpCommand({ ClientId: clientId, Username: email, ConfirmationCode: code }),
  );
}

const signIn = ({ clientId }: Pool, email: string) =>
  clients.cognito.send(
    new InitiateAuthCommand({
      ClientId: clientId,
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: email, PASSWORD },
    }),
  );

/** A blocked domain of the dev policy: pre sign-up refuses it. */
const BLOCKED = 'contractors.example.com';

describe('what fires follows the pool’s LambdaConfig', () => {
  it('runs no function for a pool created without triggers', async () => {
    const pool = await createPool('no-triggers');
    const from = lines.length;

    await signUp(pool, `kim@${BLOCKED}`);
    await confirm(pool, `kim@${BLOCKED}`);
    await signIn(pool, `kim@${BLOCKED}`);

    // No pre sign-up refusal; cognito-local's own message (no subject); nothing in the log.
    expect(
      latestMessage(stack.messages(), `kim@${BLOCKED}`, 'SignUp')?.emailSubject,
    ).toBeUndefined();
    expect(callsSince(from, pool)).toEqual([]);
  });

  it('runs the suite’s functions once attach points the pool at them, and none once detached', async () => {
    const pool = await createPool('brownfield');

    await attach(pool.userPoolId);
    const attached = lines.length;
    const refused = await rejection(signUp(pool, `lee@${BLOCKED}`));
    await signUp(pool, 'lee@example.com');
    await confirm(pool, 'lee@example.com');
    await signIn(pool, 'lee@example.com');

    expect({ name: refused?.name, message: refused?.message }).toEqual({
      name: 'UserLambdaValidationException',
      message: `PreSignUp failed with error ${RejectionCode.DomainNotAllowed}: ${REJECTION_TEXT[RejectionCode.DomainNotAllowed]}.`,
    });
    expect(latestMessage(stack.messages(), 'lee@example.com', 'SignUp')?.emailSubject).toBeTruthy();
    await expect
      .poll(() => callsSince(attached, pool))
      .toEqual([
        'PreSignUp PreSignUp_SignUp',
        'PreSignUp PreSignUp_SignUp',
        'CustomMessage CustomMessage_SignUp',
        'PostConfirmation PostConfirmation_ConfirmSignUp',
        'PreAuthentication PreAuthentication_Authentication',
        'PreTokenGeneration TokenGeneration_Authentication',
      ]);

    await detach(pool.userPoolId);
    const detached = lines.length;
    await signUp(pool, `max@${BLOCKED}`);
    await confirm(pool, `max@${BLOCKED}`);
    await signIn(pool, `max@${BLOCKED}`);

    expect(
      latestMessage(stack.messages(), `max@${BLOCKED}`, 'SignUp')?.emailSubject,
    ).toBeUndefined();
    expect(callsSince(detached, pool)).toEqual([]);
  });

  it('runs a team’s own function, and still after an attach that kept it', async () => {
    const pool = await createPool('own-trigger', {
      PostAuthentication: arn(FOREIGN_FUNCTION),
    });
    await signUp(pool, 'nia@example.com');
    await confirm(pool, 'nia@example.com');
    const before = lines.length;
    await signIn(pool, 'nia@example.com');

    await expect
      .poll(() => callsSince(before, pool))
      .toEqual([`${FOREIGN_FUNCTION} PostAuthentication_Authentication`]);

    await attach(pool.userPoolId);
    const after = lines.length;
    await signIn(pool, 'nia@example.com');

    const { UserPool } = await clients.cognito.send(
      new DescribeUserPoolCommand({ UserPoolId: pool.userPoolId }),
    );
    expect(UserPool?.LambdaConfig?.PostAuthentication).toBe(arn(FOREIGN_FUNCTION));
    await expect
      .poll(() => callsSince(after, pool).sort())
      .toEqual([
        `${FOREIGN_FUNCTION} PostAuthentication_Authentication`,
        'PreAuthentication PreAuthentication_Authentication',
        'PreTokenGeneration TokenGeneration_Authentication',
      ]);
  });

  it('runs the pre token function of a legacy bare PreTokenGeneration ARN', async () => {
    const pool = await createPool('legacy-token', {
      PreTokenGeneration: arn('PreTokenGeneration'),
    });
    await signUp(pool, 'ola@example.com');
    await confirm(pool, 'ola@example.com');
    const from = lines.length;

    await signIn(pool, 'ola@example.com');

    await expect
      .poll(() => callsSince(from, pool))
      .toEqual(['PreTokenGeneration TokenGeneration_Authentication']);
  });

  it('fails as Cognito does when the ARN names a function that does not exist', async () => {
    const pool = await createPool('gone', { PreSignUp: arn('Deleted') });

    const error = await rejection(signUp(pool, 'pat@example.com'));

    expect({ name: error?.name, message: error?.message }).toEqual({
      name: 'UnexpectedLambdaException',
      message: 'PreSignUp invocation failed due to error ResourceNotFoundException.',
    });
  });
});
