import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  AdminCreateUserCommand,
  ChallengeNameType,
  ConfirmForgotPasswordCommand,
  ConfirmSignUpCommand,
  DescribeUserPoolClientCommand,
  DescribeUserPoolCommand,
  ForgotPasswordCommand,
  InitiateAuthCommand,
  ListGroupsCommand,
  RespondToAuthChallengeCommand,
  SignUpCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { findWorkspaceRoot } from '@cognito-triggers/bundle';
import { settingsToEnvironment } from '@cognito-triggers/events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeJwtPayload } from '../src/claims-table.js';
import { latestMessage } from '../src/messages.js';
import { TRIGGER_SETTINGS } from '../src/policy.js';
import { type LocalStack, startStack } from '../src/stack.js';
import {
  clientsFor,
  PASSWORD,
  rejection,
  type StackClients,
  signIn,
  signUpAndConfirm,
} from './support.js';

let root: string;
let stack: LocalStack;
let clients: StackClients;
/** The `settings` object of the dev environment's terraform.tfvars.json. */
let settings: Record<string, unknown>;
const logs: string[] = [];

beforeAll(async () => {
  root = await findWorkspaceRoot(import.meta.dirname);
  settings = JSON.parse(
    await readFile(join(root, 'terraform/environments/dev/terraform.tfvars.json'), 'utf8'),
  ).settings;
  stack = await startStack({ log: (line) => logs.push(line) });
  clients = clientsFor(stack);
});

afterAll(async () => {
  clients?.destroy();
  await stack?.stop();
});

describe('the local stack, through a real Cognito client', () => {
  it('refuses a sign-up from a domain the allowlist does not hold, with the allowlist’s message', async () => {
    const error = await rejection(
      clients.cognito.send(
        new SignUpCommand({
          ClientId: stack.clientId,
          Username: 'eve@example.org',
          Password: PASSWORD,
        }),
      ),
    );

    expect(error?.name).toBe('UserLambdaValidationException');
    expect(error?.message).toBe(
      'PreSignUp failed with error SIGNUP_DOMAIN_NOT_ALLOWED: Sign-up is not open to this email domain.',
    );
  });

  it('makes the first confirmed user of a domain the tenant admin and a colleague a member', async () => {
    const first = await signUpAndConfirm(stack, clients, 'ana@acme.example.com');
    const colleague = await signUpAndConfirm(stack, clients, 'ben@acme.example.com');

    // cognito-local swallows post confirmation's errors: provisioning is read from the store.
    const [admin, member] = await Promise.all([
      clients.store.lookup(first),
      clients.store.lookup(colleague),
    ]);
    expect(admin?.membership.role).toBe('admin');
    expect(member?.membership.role).toBe('member');
    expect(member?.tenant.id).toBe(admin?.tenant.id);
    expect(admin?.tenant.domain).toBe('acme.example.com');

    const [adminToken, memberToken] = [
      await signIn(stack, clients, 'ana@acme.example.com'),
      await signIn(stack, clients, 'ben@acme.example.com'),
    ];
    expect(adminToken.claims).toMatchObject({
      tenant_id: admin?.tenant.id,
      tenant_role: 'admin',
      'cognito:groups': ['tenant-admin'],
    });
    expect(memberToken.claims).toMatchObject({
      tenant_id: admin?.tenant.id,
      tenant_role: 'member',
      'cognito:groups': ['tenant-member'],
    });
  });

  it('puts a user of another allowed domain in a tenant of their own', async () => {
    const acme = await signUpAndConfirm(stack, clients, 'cleo@initech.example.com');
    const other = await signUpAndConfirm(stack, clients, 'carla@globex.example.com');

    const [theirs, acmes] = await Promise.all([
      clients.store.lookup(other),
      clients.store.lookup(acme),
    ]);
    expect(theirs?.tenant.id).toBeDefined();
    expect(theirs?.tenant.id).not.toBe(acmes?.tenant.id);
    expect(theirs?.membership.role).toBe('admin');
    const { claims } = await signIn(stack, clients, 'carla@globex.example.com');
    expect(claims.tenant_id).toBe(theirs?.tenant.id);
  });

  it('places a mapped domain’s users in the tenant the policy names', async () => {
    const sub = await signUpAndConfirm(stack, clients, 'ana@example.com');

    expect((await clients.store.lookup(sub))?.tenant.id).toBe(
      (settings.tenant_domain_map as Record<string, string>)['example.com'],
    );
  });

  it('issues the tenant claims again on a refresh', async () => {
    await signUpAndConfirm(stack, clients, 'dora@umbrella.example.com');
    const signedIn = await signIn(stack, clients, 'dora@umbrella.example.com');

    const { AuthenticationResult } = await clients.cognito.send(
      new InitiateAuthCommand({
        ClientId: stack.clientId,
        AuthFlow: 'REFRESH_TOKEN_AUTH',
        AuthParameters: { REFRESH_TOKEN: signedIn.refreshToken },
      }),
    );
    const refreshed = decodeJwtPayload(AuthenticationResult?.IdToken ?? '');

    expect(signedIn.claims.tenant_role).toBe('admin');
    expect(refreshed).toMatchObject({
      tenant_id: signedIn.claims.tenant_id,
      tenant_role: 'admin',
      tenant_tier: signedIn.claims.tenant_tier,
    });
    expect(refreshed.iat).toBeGreaterThanOrEqual(Number(signedIn.claims.iat));
  });

  it('provisions an invited user at their first sign-in, in the store and the token', async () => {
    const email = 'hal@hooli.example.com';
    const { User } = await clients.cognito.send(
      new AdminCreateUserCommand({
        UserPoolId: stack.userPoolId,
        Username: email,
        UserAttributes: [
          { Name: 'email', Value: email },
          { Name: 'email_verified', Value: 'true' },
        ],
        DesiredDeliveryMediums: ['EMAIL'],
      }),
    );
    const sub = User?.Attributes?.find((attribute) => attribute.Name === 'sub')?.Value ?? '';
    const temporaryPassword = latestMessage(stack.messages(), email, 'AdminCreateUser')?.code;
    expect(await clients.store.lookup(sub)).toBeUndefined();

    const challenge = await clients.cognito.send(
      new InitiateAuthCommand({
        ClientId: stack.clientId,
        AuthFlow: 'USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME: email, PASSWORD: temporaryPassword ?? '' },
      }),
    );
    expect(challenge.ChallengeName).toBe(ChallengeNameType.NEW_PASSWORD_REQUIRED);
    const { AuthenticationResult } = await clients.cognito.send(
      new RespondToAuthChallengeCommand({
        ClientId: stack.clientId,
        ChallengeName: ChallengeNameType.NEW_PASSWORD_REQUIRED,
        Session: challenge.Session,
        ChallengeResponses: { USERNAME: email, NEW_PASSWORD: PASSWORD },
      }),
    );

    const provisioned = await clients.store.lookup(sub);
    expect(provisioned?.tenant.domain).toBe('hooli.example.com');
    expect(provisioned?.membership.role).toBe('admin');
    expect(decodeJwtPayload(AuthenticationResult?.IdToken ?? '')).toMatchObject({
      tenant_id: provisioned?.tenant.id,
      tenant_role: 'admin',
    });
  });

  it('delivers the sign-up and the password-reset messages with the app name and the code', async () => {
    const email = 'ivy@wonka.example.com';
    await clients.cognito.send(
      new SignUpCommand({ ClientId: stack.clientId, Username: email, Password: PASSWORD }),
    );
    const signUp = latestMessage(stack.messages(), email, 'SignUp');
    await clients.cognito.send(
      new ConfirmSignUpCommand({
        ClientId: stack.clientId,
        Username: email,
        ConfirmationCode: signUp?.code ?? '',
      }),
    );
    await clients.cognito.send(
      new ForgotPasswordCommand({ ClientId: stack.clientId, Username: email }),
    );
    const reset = latestMessage(stack.messages(), email, 'ForgotPassword');

    const appName = String(settings.app_name);
    for (const message of [signUp, reset]) {
      expect(message?.medium).toBe('EMAIL');
      expect(message?.code).toMatch(/^\d{6}$/);
      expect(message?.emailSubject).toContain(appName);
      expect(message?.emailMessage).toContain(appName);
      expect(message?.emailMessage).toContain(message?.code);
    }
    expect(reset?.code).not.toBe(signUp?.code);

    // And the code works: the reset goes through, then the new password signs in.
    await clients.cognito.send(
      new ConfirmForgotPasswordCommand({
        ClientId: stack.clientId,
        Username: email,
        ConfirmationCode: reset?.code ?? '',
        Password: 'Battery-Staple-43',
      }),
    );
    await expect(signIn(stack, clients, email, 'Battery-Staple-43')).resolves.toBeDefined();
  });

  it('runs each function with exactly the variables its settings table gives it, plus the local runtime’s', () => {
    const runtime = [
      'AWS_REGION',
      'AWS_ACCESS_KEY_ID',
      'AWS_SECRET_ACCESS_KEY',
      'AWS_ENDPOINT_URL_DYNAMODB',
      'AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER',
      'AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED',
    ];
    const byName = new Map(stack.functions.map((fn) => [fn.name, fn.environment]));
    expect([...byName.keys()]).toEqual([
      'PreSignUp',
      'PostConfirmation',
      'PreAuthentication',
      'PreTokenGeneration',
      'CustomMessage',
    ]);

    for (const [folder, name, store] of [
      ['pre-signup', 'PreSignUp', false],
      ['post-confirmation', 'PostConfirmation', true],
      ['pre-authentication', 'PreAuthentication', true],
      ['pre-token-generation', 'PreTokenGeneration', true],
      ['custom-message', 'CustomMessage', false],
    ] as const) {
      const environment = byName.get(name) ?? {};
      // As the module writes them: empty values dropped (LOGO_URL is unset in dev).
      const written = settingsToEnvironment(TRIGGER_SETTINGS[folder], settings);
      expect(Object.keys(environment).sort(), name).toEqual(
        [...Object.keys(written), ...(store ? ['TENANT_TABLE_NAME'] : []), ...runtime].sort(),
      );
      expect(environment, name).toMatchObject(written);
      expect(environment.AWS_LAMBDA_LOG_FORMAT, name).toBeUndefined();
    }
    // What the file says, rendered as Terraform renders it.
    expect(byName.get('PreSignUp')).toMatchObject({
      ALLOWED_EMAIL_DOMAINS: (settings.allowed_email_domains as string[]).join(','),
      AUTO_CONFIRM_USERS: 'false',
    });
    expect(byName.get('PostConfirmation')?.TENANT_DOMAIN_MAP).toBe('example.com=example');
    expect(byName.get('PreTokenGeneration')).toMatchObject({
      ROLE_SCOPES: JSON.stringify(settings.role_scopes),
      TOKEN_CACHE_TTL_SECONDS: String(settings.token_cache_ttl_seconds),
      CLAIM_TENANT_ID: 'tenant_id',
    });
    expect(byName.get('PreTokenGeneration')).not.toHaveProperty('CLAIMS_TO_SUPPRESS');
    expect(byName.get('CustomMessage')).not.toHaveProperty('LOGO_URL');
    expect(byName.get('PostConfirmation')?.TENANT_TABLE_NAME).toBe(stack.tenantTable);
    expect(byName.get('PreTokenGeneration')?.TENANT_TABLE_NAME).toBe(stack.tenantTable);
    expect(stack.tenantTable).toBe('cognito-triggers-dev-tenants');
    expect(byName.get('PreTokenGeneration')?.AWS_ENDPOINT_URL_DYNAMODB).toBe(
      stack.dynamodbEndpoint,
    );
    expect(byName.get('CustomMessage')?.APP_NAME).toBe(settings.app_name);
  });

  it('gives every invocation Cognito’s 5 s by default', () => {
    expect(stack.lambdaTimeoutMs).toBe(5_000);
  });

  it('sets up the pool as the user-pool module does: email username, tenant readable, not writable', async () => {
    const [main, variables] = await Promise.all(
      ['main.tf', 'variables.tf'].map((file) =>
        readFile(join(root, 'terraform/modules/user-pool', file), 'utf8'),
      ),
    );
    const defaultWrite = /write_attributes\s*=\s*optional\(list\(string\),\s*(\[[^\]]*\])\)/.exec(
      variables ?? '',
    )?.[1];

    const { UserPool } = await clients.cognito.send(
      new DescribeUserPoolCommand({ UserPoolId: stack.userPoolId }),
    );
    const { UserPoolClient } = await clients.cognito.send(
      new DescribeUserPoolClientCommand({ UserPoolId: stack.userPoolId, ClientId: stack.clientId }),
    );
    const { Groups } = await clients.cognito.send(
      new ListGroupsCommand({ UserPoolId: stack.userPoolId }),
    );

    expect(UserPool?.UsernameAttributes).toEqual(hclList(main, 'username_attributes'));
    expect(UserPool?.AutoVerifiedAttributes).toEqual(hclList(main, 'auto_verified_attributes'));
    expect(UserPool?.SchemaAttributes).toContainEqual(
      expect.objectContaining({
        Name: 'custom:tenant_id',
        AttributeDataType: 'String',
        Mutable: true,
      }),
    );
    expect(UserPoolClient?.WriteAttributes).toEqual(JSON.parse(defaultWrite ?? 'null'));
    expect(UserPoolClient?.WriteAttributes).not.toContain('custom:tenant_id');
    expect(UserPoolClient?.ReadAttributes).toContain('custom:tenant_id');
    expect(UserPoolClient?.ExplicitAuthFlows).toEqual(
      expect.arrayContaining(hclList(main, 'explicit_auth_flows')),
    );
    expect(Groups?.map((group) => group.GroupName).sort()).toEqual([
      settings.tenant_admin_group,
      settings.tenant_member_group,
    ]);
  });
});

/** A list of strings assigned on one line of a module's HCL (`username_attributes = ["email"]`). */
function hclList(hcl: string | undefined, attribute: string): string[] {
  const list = new RegExp(`^\\s*${attribute}\\s*=\\s*(\\[[^\\]\\n]*\\])`, 'm').exec(hcl ?? '')?.[1];
  if (list === undefined) throw new Error(`terraform/modules/user-pool sets no ${attribute} list`);
  return JSON.parse(list) as string[];
}
