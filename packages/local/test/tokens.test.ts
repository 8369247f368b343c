import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  AdminUpdateUserAttributesCommand,
  CognitoIdentityProviderClient,
  ConfirmSignUpCommand,
  CreateGroupCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  DescribeUserPoolCommand,
  InitiateAuthCommand,
  SignUpCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { findWorkspaceRoot } from '@cognito-triggers/cli-kit';
import { RESERVED_CLAIMS } from '@cognito-triggers/events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Claims, decodeJwtPayload } from '../src/claims-table.js';
import { type CognitoLocal, startCognitoLocal } from '../src/cognito-local.js';
import { LocalStackError, LocalStackErrorCode } from '../src/errors.js';
import { type InvokeServer, startInvokeServer } from '../src/lambda/invoke-server.js';
import { latestMessage } from '../src/messages.js';
import { loadStackPolicy } from '../src/policy.js';
import { createLocalPool } from '../src/pool.js';
import { holdPort } from '../src/ports.js';
import { LOCAL_CREDENTIALS, localFunctionArn } from '../src/stack.js';
import { clients, PASSWORD, signUpAndConfirm, stack, useStack } from './support.js';

/** Both tokens of a USER_PASSWORD_AUTH sign-in through `clientId`, decoded. */
async function tokensOf(
  cognito: CognitoIdentityProviderClient,
  clientId: string,
  email: string,
): Promise<{ id: Claims; access: Claims }> {
  const { AuthenticationResult } = await cognito.send(
    new InitiateAuthCommand({
      ClientId: clientId,
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: email, PASSWORD },
    }),
  );
  return {
    id: decodeJwtPayload(AuthenticationResult?.IdToken ?? ''),
    access: decodeJwtPayload(AuthenticationResult?.AccessToken ?? ''),
  };
}

const scopesOf = (token: Claims) =>
  String(token.scope ?? '')
    .split(' ')
    .sort();

/** The scope every USER_PASSWORD_AUTH access token carries, before any trigger. */
const SIGN_IN_SCOPE = 'aws.cognito.signin.user.admin';

describe('the stack’s pool runs pre token generation as the environment deploys it', () => {
  let roleScopes: Record<string, string[]>;

  useStack({
    overrideFunctions: {
      // No tenant cache, and one claim suppressed as `settings.claims_to_suppress` would.
      PreTokenGeneration: {
        environment: { TOKEN_CACHE_TTL_SECONDS: '0', CLAIMS_TO_SUPPRESS: 'email' },
      },
    },
  });

  beforeAll(() => {
    roleScopes = stack.policy.settings.role_scopes as Record<string, string[]>;
  });

  it('records the version the environment deploys: the module’s default, V2_0', async () => {
    const root = await findWorkspaceRoot(import.meta.dirname);
    const variables = await readFile(
      join(root, 'terraform/modules/cognito-triggers/variables.tf'),
      'utf8',
    );
    const moduleDefault = /pre_token_generation_version\s*=\s*optional\(string,\s*"(V\d_0)"\)/.exec(
      variables,
    )?.[1];

    const { UserPool } = await clients.cognito.send(
      new DescribeUserPoolCommand({ UserPoolId: stack.userPoolId }),
    );

    expect(stack.policy.settings.pre_token_generation_version).toBeUndefined();
    expect(moduleDefault).toBe('V2_0');
    expect(UserPool?.LambdaConfig?.PreTokenGenerationConfig?.LambdaVersion).toBe(moduleDefault);
  });

  it('puts the tenant claims, the role group and the role’s scopes in the access token (V2_0)', async () => {
    await signUpAndConfirm(stack, clients, 'ana@example.com');

    const { id, access } = await tokensOf(clients.cognito, stack.clientId, 'ana@example.com');

    expect(access).toMatchObject({
      token_use: 'access',
      tenant_id: 'example',
      tenant_role: 'admin',
      'cognito:groups': ['tenant-admin'],
    });
    expect(scopesOf(access)).toEqual([SIGN_IN_SCOPE, ...(roleScopes.admin ?? [])].sort());
    expect(id).toMatchObject({
      token_use: 'id',
      tenant_id: 'example',
      tenant_role: 'admin',
      'cognito:groups': ['tenant-admin'],
    });
    expect(id).not.toHaveProperty('scope');
  });

  it('leaves out a claim the trigger suppresses (claims_to_suppress: email)', async () => {
    const { id } = await tokensOf(clients.cognito, stack.clientId, 'ana@example.com');

    expect(id).toMatchObject({ 'cognito:username': expect.any(String), tenant_id: 'example' });
    expect(id).not.toHaveProperty('email');
  });

  it('a pool that records V1_0 gets version 1 events: tenant claims in the ID token only', async () => {
    const arn = (name: string) => localFunctionArn(stack.region, name);
    const v1 = await createLocalPool(clients.cognito, {
      name: 'cognito-triggers-v1',
      groups: stack.policy.groups,
      triggerArns: {
        preSignUp: arn('PreSignUp'),
        postConfirmation: arn('PostConfirmation'),
        preTokenGeneration: arn('PreTokenGeneration'),
      },
      preTokenGenerationVersion: 'V1_0',
    });
    const email = 'vic@example.com';
    const { UserSub } = await clients.cognito.send(
      new SignUpCommand({ ClientId: v1.clientId, Username: email, Password: PASSWORD }),
    );
    await clients.cognito.send(
      new ConfirmSignUpCommand({
        ClientId: v1.clientId,
        Username: email,
        ConfirmationCode: latestMessage(stack.messages(), email, 'SignUp')?.code ?? '',
      }),
    );
    const role = (await clients.store.lookup(UserSub ?? ''))?.membership.role;
    const group = role === 'admin' ? 'tenant-admin' : 'tenant-member';

    const { id, access } = await tokensOf(clients.cognito, v1.clientId, email);

    expect(role).toBe('member');
    expect(id).toMatchObject({
      tenant_id: 'example',
      tenant_role: role,
      'cognito:groups': [group],
    });
    expect(access).not.toHaveProperty('tenant_id');
    expect(access).not.toHaveProperty('tenant_role');
    expect(access).toMatchObject({ scope: SIGN_IN_SCOPE, 'cognito:groups': [group] });
  });

  it('carries in the ID token only the attributes the app client may read (ReadAttributes)', async () => {
    await clients.cognito.send(
      new AdminUpdateUserAttributesCommand({
        UserPoolId: stack.userPoolId,
        Username: 'ana@example.com',
        UserAttributes: [
          { Name: 'name', Value: 'Ana Lima' },
          { Name: 'phone_number', Value: '+351912345678' },
        ],
      }),
    );
    const client = async (name: string, readAttributes?: string[]) => {
      const { UserPoolClient } = await clients.cognito.send(
        new CreateUserPoolClientCommand({
          UserPoolId: stack.userPoolId,
          ClientName: name,
          ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH'],
          ...(readAttributes === undefined ? {} : { ReadAttributes: readAttributes }),
        }),
      );
      return UserPoolClient?.ClientId ?? '';
    };
    const narrowClient = await client('reads-email-only', ['email', 'email_verified']);
    const defaultClient = await client('reads-the-default');

    const web = await tokensOf(clients.cognito, stack.clientId, 'ana@example.com');
    const narrow = await tokensOf(clients.cognito, narrowClient, 'ana@example.com');
    const byDefault = await tokensOf(clients.cognito, defaultClient, 'ana@example.com');

    // The web client reads its profile and the tenant (CLIENT_READ_ATTRIBUTES), not the phone.
    expect(web.id).toMatchObject({ name: 'Ana Lima', 'custom:tenant_id': 'example' });
    expect(web.id).not.toHaveProperty('phone_number');
    expect(narrow.id).toMatchObject({ email_verified: true, tenant_id: 'example' });
    expect(narrow.id).not.toHaveProperty('name');
    expect(narrow.id).not.toHaveProperty('custom:tenant_id');
    // A client that lists none reads Cognito's default: the standard attributes, no custom one.
    expect(byDefault.id).toMatchObject({ name: 'Ana Lima', phone_number: '+351912345678' });
    expect(byDefault.id).not.toHaveProperty('custom:tenant_id');
  });
});

describe('the environment’s settings.pre_token_generation_version', () => {
  it('is the version the stack’s pool records; an unknown one is refused, naming the key', async () => {
    const root = await findWorkspaceRoot(import.meta.dirname);
    const dev = JSON.parse(
      await readFile(join(root, 'terraform/environments/dev/terraform.tfvars.json'), 'utf8'),
    );
    const scratch = await mkdtemp(join(tmpdir(), 'local-tokens-policy-'));
    const environment = async (env: string, version: unknown) => {
      await mkdir(join(scratch, 'terraform/environments', env), { recursive: true });
      await writeFile(
        join(scratch, 'terraform/environments', env, 'terraform.tfvars.json'),
        JSON.stringify({
          ...dev,
          settings: { ...dev.settings, pre_token_generation_version: version },
        }),
      );
    };
    try {
      await environment('v1', 'V1_0');
      await environment('odd', 'V4_0');

      const v1 = await loadStackPolicy(scratch, 'v1');
      const refused = await loadStackPolicy(scratch, 'odd').catch((error: unknown) => error);

      expect((await loadStackPolicy(root, 'dev')).preTokenGenerationVersion).toBe('V2_0');
      expect(v1.preTokenGenerationVersion).toBe('V1_0');
      expect(refused).toBeInstanceOf(LocalStackError);
      expect(refused).toMatchObject({
        code: LocalStackErrorCode.PolicyUnreadable,
        message: expect.stringContaining(
          'settings.pre_token_generation_version: one of V1_0, V2_0, V3_0',
        ),
      });
    } finally {
      await rm(scratch, { recursive: true, force: true });
    }
  });
});

// A pre token generation function that records every event and, for some users, answers with
// overrides Cognito applies in part: what a reserved claim becomes is the emulator's to decide.
const RECORDING_TRIGGER = `
import { appendFileSync } from 'node:fs';
const roles = ['arn:aws:iam::000000000000:role/reader'];
export const handler = async (event) => {
  appendFileSync(process.env.EVENTS_FILE, JSON.stringify(event) + '\\n');
  const email = event.request.userAttributes.email;
  if (email.startsWith('joins')) {
    // Joins a group while the trigger runs: the token must list it.
    await fetch(process.env.COGNITO_ENDPOINT, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'AWSCognitoIdentityProviderService.AdminAddUserToGroup',
      },
      body: JSON.stringify({ UserPoolId: event.userPoolId, Username: event.userName, GroupName: 'joined' }),
    });
    return event;
  }
  if (!email.startsWith('custom')) return event;
  if (event.version === '1') {
    event.response.claimsOverrideDetails = {
      claimsToAddOrOverride: { plan: 'pro', sub: 'forged' },
      claimsToSuppress: ['email'],
      groupOverrideDetails: { groupsToOverride: ['from-trigger'] },
    };
    return event;
  }
  event.response.claimsAndScopeOverrideDetails = {
    idTokenGeneration: {
      claimsToAddOrOverride: {
        plan: 'pro', seats: 5, features: ['sso', 'audit'], billing: { tier: 'gold' }, both: 'added',
        sub: 'forged', 'cognito:username': 'forged', token_use: 'forged', 'cognito:groups': ['forged'],
      },
      claimsToSuppress: ['email', 'both', 'iat', 'auth_time'],
    },
    accessTokenGeneration: {
      claimsToAddOrOverride: {
        plan: 'pro', client_id: 'forged', scope: 'forged', username: 'forged',
        aud: event.callerContext.clientId,
      },
      claimsToSuppress: ['jti', 'event_id'],
      scopesToAdd: ['tenant/read', 'tenant/admin'],
      scopesToSuppress: ['${SIGN_IN_SCOPE}', 'tenant/admin'],
    },
    groupOverrideDetails: { groupsToOverride: ['from-trigger'], iamRolesToOverride: roles, preferredRole: roles[0] },
  };
  return event;
};`;

describe('what the emulator applies of a pre token generation answer', () => {
  let dir: string;
  let invoke: InvokeServer;
  let cognito: CognitoLocal;
  let client: CognitoIdentityProviderClient;
  /** Pools by the version their PreTokenGenerationConfig records (`legacy`: the bare ARN). */
  const pools: Record<string, { userPoolId: string; clientId: string }> = {};

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'local-tokens-'));
    await writeFile(join(dir, 'pre-token.mjs'), RECORDING_TRIGGER);
    const port = await holdPort('cognito');
    invoke = await startInvokeServer({
      functions: [
        {
          name: 'PreTokenGeneration',
          bundle: join(dir, 'pre-token.mjs'),
          environment: {
            EVENTS_FILE: join(dir, 'events.jsonl'),
            COGNITO_ENDPOINT: `http://127.0.0.1:${port.port}`,
          },
        },
      ],
    });
    cognito = await startCognitoLocal({ port, lambdaEndpoint: invoke.endpoint });
    client = new CognitoIdentityProviderClient({
      endpoint: cognito.endpoint,
      region: 'local',
      credentials: LOCAL_CREDENTIALS,
    });
    const arn = 'arn:aws:lambda:local:000000000000:function:PreTokenGeneration';
    for (const version of ['V1_0', 'V2_0', 'V3_0', 'legacy'] as const) {
      const pool =
        version === 'legacy'
          ? await legacyPool(arn)
          : await createLocalPool(client, {
              name: `tokens-${version}`,
              groups: [],
              triggerArns: { preTokenGeneration: arn },
              preTokenGenerationVersion: version,
            });
      for (const group of ['beta', 'joined']) {
        await client.send(
          new CreateGroupCommand({ UserPoolId: pool.userPoolId, GroupName: group }),
        );
      }
      for (const email of ['custom@example.com', 'plain@example.com', 'joins@example.com']) {
        await confirmedUser(pool.userPoolId, email);
      }
      pools[version] = pool;
    }
  });

  afterAll(async () => {
    client?.destroy();
    await cognito?.stop();
    await invoke?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  /** A pool that names its function in the legacy `PreTokenGeneration` slot, and its client. */
  async function legacyPool(arn: string) {
    const { UserPool } = await client.send(
      new CreateUserPoolCommand({
        PoolName: 'tokens-legacy',
        UsernameAttributes: ['email'],
        LambdaConfig: { PreTokenGeneration: arn },
      }),
    );
    const userPoolId = UserPool?.Id ?? '';
    const { UserPoolClient } = await client.send(
      new CreateUserPoolClientCommand({
        UserPoolId: userPoolId,
        ClientName: 'app',
        ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH'],
      }),
    );
    return { userPoolId, clientId: UserPoolClient?.ClientId ?? '' };
  }

  /** A confirmed user with the sign-up password, in the group `beta`. */
  async function confirmedUser(userPoolId: string, email: string): Promise<void> {
    await client.send(
      new AdminCreateUserCommand({
        UserPoolId: userPoolId,
        Username: email,
        UserAttributes: [
          { Name: 'email', Value: email },
          { Name: 'email_verified', Value: 'true' },
        ],
        MessageAction: 'SUPPRESS',
      }),
    );
    await client.send(
      new AdminSetUserPasswordCommand({
        UserPoolId: userPoolId,
        Username: email,
        Password: PASSWORD,
        Permanent: true,
      }),
    );
    await client.send(
      new AdminAddUserToGroupCommand({
        UserPoolId: userPoolId,
        Username: email,
        GroupName: 'beta',
      }),
    );
  }

  const signIn = (version: string, email: string) =>
    tokensOf(client, pools[version]?.clientId ?? '', email);

  /** The events the function received for a user of a pool. */
  async function eventsOf(version: string, email: string) {
    const lines = (await readFile(join(dir, 'events.jsonl'), 'utf8')).trim().split('\n');
    return lines
      .map((line) => JSON.parse(line))
      .filter(
        (event) =>
          event.userPoolId === pools[version]?.userPoolId &&
          event.request.userAttributes.email === email,
      );
  }

  it('sends the version the pool records, with the user’s groups and, from version 2, the scopes', async () => {
    for (const version of ['V1_0', 'V2_0', 'V3_0', 'legacy']) {
      await signIn(version, 'plain@example.com');
    }

    const seen = async (version: string) => (await eventsOf(version, 'plain@example.com'))[0];
    const groupConfiguration = {
      groupsToOverride: ['beta'],
      iamRolesToOverride: [],
      preferredRole: null,
    };
    for (const version of ['V2_0', 'V3_0']) {
      expect(await seen(version), version).toMatchObject({
        version: version.charAt(1),
        triggerSource: 'TokenGeneration_Authentication',
        request: { groupConfiguration, scopes: [SIGN_IN_SCOPE] },
        response: { claimsAndScopeOverrideDetails: null },
      });
    }
    // The legacy bare ARN is version 1.
    for (const version of ['V1_0', 'legacy']) {
      const event = await seen(version);
      expect(event, version).toMatchObject({
        version: '1',
        request: { groupConfiguration },
        response: { claimsOverrideDetails: null },
      });
      expect(event.request, version).not.toHaveProperty('scopes');
    }
  });

  it('applies claimsAndScopeOverrideDetails to the ID and access tokens as Cognito does (V2_0, V3_0)', async () => {
    for (const version of ['V2_0', 'V3_0']) {
      const { id, access } = await signIn(version, 'custom@example.com');
      const roles = ['arn:aws:iam::000000000000:role/reader'];

      expect(id, version).toMatchObject({
        plan: 'pro',
        seats: 5,
        features: ['sso', 'audit'],
        billing: { tier: 'gold' },
        'cognito:groups': ['from-trigger'],
        'cognito:roles': roles,
        'cognito:preferred_role': roles[0],
      });
      // Suppressed: gone, even when also added; a reserved claim is neither added nor removed.
      expect(id, version).not.toHaveProperty('email');
      expect(id, version).not.toHaveProperty('both');
      expect(id, version).toMatchObject({
        sub: access.sub,
        'cognito:username': access.username,
        token_use: 'id',
        iat: expect.any(Number),
        auth_time: expect.any(Number),
      });
      expect(id.sub, version).not.toBe('forged');

      expect(access, version).toMatchObject({
        plan: 'pro',
        client_id: pools[version]?.clientId,
        aud: pools[version]?.clientId,
        scope: 'tenant/read',
        token_use: 'access',
        jti: expect.any(String),
        event_id: expect.any(String),
        'cognito:groups': ['from-trigger'],
      });
      expect(access.username, version).toBe(id['cognito:username']);
      expect(access, version).not.toHaveProperty('cognito:roles');
      expect(access, version).not.toHaveProperty('seats');
    }
  });

  it('applies version 1’s claimsOverrideDetails to the ID token, and its groups to both tokens', async () => {
    const { id, access } = await signIn('V1_0', 'custom@example.com');

    expect(id).toMatchObject({ plan: 'pro', 'cognito:groups': ['from-trigger'] });
    expect(id.sub).toBe(access.sub);
    expect(id.sub).not.toBe('forged');
    expect(id).not.toHaveProperty('email');
    expect(access).not.toHaveProperty('plan');
    expect(access).toMatchObject({ scope: SIGN_IN_SCOPE, 'cognito:groups': ['from-trigger'] });
  });

  it('lists cognito:groups after the trigger ran: a group joined meanwhile is in the tokens', async () => {
    const { id, access } = await signIn('V2_0', 'joins@example.com');
    const [event] = await eventsOf('V2_0', 'joins@example.com');

    expect(event?.request.groupConfiguration.groupsToOverride).toEqual(['beta']);
    expect(id['cognito:groups']).toEqual(['beta', 'joined']);
    expect(access['cognito:groups']).toEqual(['beta', 'joined']);
  });

  it('never changes the claims Cognito reserves: the list of @cognito-triggers/events', () => {
    const require = createRequire(import.meta.url);
    const hooks = require('../src/emulator-hooks/tokens.cjs') as {
      RESERVED_CLAIMS: ReadonlySet<string>;
    };

    expect([...hooks.RESERVED_CLAIMS].sort()).toEqual([...RESERVED_CLAIMS].sort());
  });
});
