import { execFile } from 'node:child_process';
import { access } from 'node:fs/promises';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  AdminUpdateUserAttributesCommand,
  CognitoIdentityProviderClient,
  CreateGroupCommand,
  CreateUserPoolClientCommand,
  type CreateUserPoolClientCommandInput,
  CreateUserPoolCommand,
  InitiateAuthCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { holdPort, startCognitoLocal, startInvokeServer } from '@cognito-triggers/local';
import type { TestProject } from 'vitest/node';

/** Real tokens from the local Cognito, minted once for every test file. */
export interface EmulatorTokens {
  /** `http://127.0.0.1:<port>`: the emulator, and the first half of its tokens' issuer. */
  readonly endpoint: string;
  readonly userPoolId: string;
  readonly clientId: string;
  readonly otherClientId: string;
  readonly otherUserPoolId: string;
  /** The member of tenant `acme`, signed in through `clientId`. */
  readonly idToken: string;
  readonly accessToken: string;
  /** The same user, signed in through another client of the pool. */
  readonly otherClientIdToken: string;
  /** A user of another pool of the same emulator: same signing key, another issuer. */
  readonly otherPoolIdToken: string;
  /** Signed in through a client whose tokens live one second. */
  readonly shortLivedIdToken: string;
  /** A user without `custom:tenant_id`: the trigger adds no tenant claims. */
  readonly noTenantIdToken: string;
  /** A pool whose pre token generation runs `V3_0`, with a machine client. */
  readonly machineUserPoolId: string;
  /** An app client with a secret and the client-credentials grant, which `CLIENT_TENANT_MAP` maps to `acme`. */
  readonly machineClientId: string;
  /** Its access token from the client-credentials grant (scope `orders/read`): no user. */
  readonly machineAccessToken: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    emulator: EmulatorTokens;
  }
}

const run = promisify(execFile);
const PRE_TOKEN_DIR = resolve(import.meta.dirname, '../../../../triggers/pre-token-generation');
const BUNDLE = resolve(PRE_TOKEN_DIR, 'dist/index.mjs');
const PASSWORD = 'Corr3ct-Horse-Battery';

/**
 * cognito-local on loopback, calling the built pre token generation bundle (attribute-only
 * mode: no `TENANT_TABLE_NAME`, the tenant from `custom:tenant_id`) through the local Lambda
 * invoke server, exactly as the local stack wires them.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // CI builds every trigger before testing; a developer running only this folder may not have.
  const built = await access(BUNDLE).then(
    () => true,
    () => false,
  );
  if (!built) await run('pnpm', ['exec', 'bundle-trigger', 'build'], { cwd: PRE_TOKEN_DIR });

  const lines: string[] = [];
  // The function's CLIENT_TENANT_MAP names an app client, which exists only once the emulator
  // runs: the invoke server starts after it, on the port it was told.
  const lambdaPort = await holdPort('lambda');
  const cognito = await startCognitoLocal({
    lambdaEndpoint: `http://127.0.0.1:${lambdaPort.port}`,
  }).catch((error: unknown) => {
    lambdaPort.server.close();
    throw error;
  });
  let invoke: Awaited<ReturnType<typeof startInvokeServer>> | undefined;
  const client = new CognitoIdentityProviderClient({
    endpoint: cognito.endpoint,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  try {
    const pool = await createPool(client, 'verify');
    const otherPool = await createPool(client, 'verify-other');
    const machinePool = await createPool(client, 'verify-machines', 'V3_0');
    const machine = await createMachineClient(client, machinePool);
    invoke = await startInvokeServer({
      port: lambdaPort,
      functions: [
        {
          name: 'PreTokenGeneration',
          bundle: BUNDLE,
          environment: { CLIENT_TENANT_MAP: `${machine.clientId}=acme` },
        },
      ],
      log: (line) => lines.push(line),
    });
    const clientId = await createClient(client, pool, {});
    const otherClientId = await createClient(client, pool, {});
    const shortLivedClientId = await createClient(client, pool, {
      // Amazon Cognito's floor is five minutes; the emulator takes any validity.
      IdTokenValidity: 1,
      AccessTokenValidity: 1,
      TokenValidityUnits: { IdToken: 'seconds', AccessToken: 'seconds' },
    });
    const otherPoolClientId = await createClient(client, otherPool, {});

    await createUser(client, pool, 'ana@acme.example', 'acme');
    await createUser(client, pool, 'new@nowhere.example', undefined);
    await createUser(client, otherPool, 'ana@acme.example', 'acme');

    const signIn = (appClientId: string, email: string) =>
      client
        .send(
          new InitiateAuthCommand({
            ClientId: appClientId,
            AuthFlow: 'USER_PASSWORD_AUTH',
            AuthParameters: { USERNAME: email, PASSWORD },
          }),
        )
        .then(({ AuthenticationResult }) => ({
          idToken: AuthenticationResult?.IdToken ?? '',
          accessToken: AuthenticationResult?.AccessToken ?? '',
        }));

    const main = await signIn(clientId, 'ana@acme.example');
    const tokens: EmulatorTokens = {
      endpoint: cognito.endpoint,
      userPoolId: pool,
      clientId,
      otherClientId,
      otherUserPoolId: otherPool,
      idToken: main.idToken,
      accessToken: main.accessToken,
      otherClientIdToken: (await signIn(otherClientId, 'ana@acme.example')).idToken,
      otherPoolIdToken: (await signIn(otherPoolClientId, 'ana@acme.example')).idToken,
      shortLivedIdToken: (await signIn(shortLivedClientId, 'ana@acme.example')).idToken,
      noTenantIdToken: (await signIn(clientId, 'new@nowhere.example')).idToken,
      machineUserPoolId: machinePool,
      machineClientId: machine.clientId,
      machineAccessToken: await clientCredentialsToken(cognito.endpoint, machine),
    };
    if (invoke.invocations.get('PreTokenGeneration') !== 6) {
      throw new Error(
        `the trigger ran ${invoke.invocations.get('PreTokenGeneration')} times, not 6:\n${lines.join('\n')}`,
      );
    }
    project.provide('emulator', tokens);
  } catch (error) {
    await cognito.stop();
    await invoke?.stop();
    // Held until the invoke server took it over.
    lambdaPort.server.close();
    throw error;
  } finally {
    client.destroy();
  }
  return async () => {
    await cognito.stop();
    await invoke?.stop();
  };
}

async function createPool(
  client: CognitoIdentityProviderClient,
  name: string,
  version: 'V1_0' | 'V3_0' = 'V1_0',
): Promise<string> {
  const { UserPool } = await client.send(
    new CreateUserPoolCommand({
      PoolName: name,
      Schema: [{ Name: 'tenant_id', AttributeDataType: 'String', Mutable: true }],
      // The emulator fires what the pool's LambdaConfig names, as Cognito does.
      LambdaConfig: {
        PreTokenGenerationConfig: {
          LambdaArn: 'arn:aws:lambda:local:000000000000:function:PreTokenGeneration',
          LambdaVersion: version,
        },
      },
    }),
  );
  const id = UserPool?.Id ?? '';
  for (const group of ['tenant-admin', 'tenant-member']) {
    await client.send(new CreateGroupCommand({ UserPoolId: id, GroupName: group }));
  }
  return id;
}

async function createClient(
  client: CognitoIdentityProviderClient,
  userPoolId: string,
  settings: Partial<CreateUserPoolClientCommandInput>,
): Promise<string> {
  const { UserPoolClient } = await client.send(
    new CreateUserPoolClientCommand({
      UserPoolId: userPoolId,
      ClientName: 'web',
      ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      // As the module's clients: the tenant is readable (a client that lists no ReadAttributes
      // reads no custom attribute, and its ID token carries none).
      ReadAttributes: ['email', 'email_verified', 'custom:tenant_id'],
      ...settings,
    }),
  );
  return UserPoolClient?.ClientId ?? '';
}

/** An app client of a service: a secret, the client-credentials grant, one custom scope. */
async function createMachineClient(
  client: CognitoIdentityProviderClient,
  userPoolId: string,
): Promise<{ clientId: string; secret: string }> {
  const { UserPoolClient } = await client.send(
    new CreateUserPoolClientCommand({
      UserPoolId: userPoolId,
      ClientName: 'billing-service',
      GenerateSecret: true,
      AllowedOAuthFlows: ['client_credentials'],
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthScopes: ['orders/read'],
    }),
  );
  return { clientId: UserPoolClient?.ClientId ?? '', secret: UserPoolClient?.ClientSecret ?? '' };
}

/** The access token of the client-credentials grant, from the token endpoint. */
async function clientCredentialsToken(
  endpoint: string,
  machine: { clientId: string; secret: string },
): Promise<string> {
  const response = await fetch(`${endpoint}/oauth2/token`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: `Basic ${Buffer.from(`${machine.clientId}:${machine.secret}`).toString('base64')}`,
    },
    body: new URLSearchParams({ grant_type: 'client_credentials' }),
  });
  const body = (await response.json()) as { access_token?: string };
  if (!response.ok || body.access_token === undefined) {
    throw new Error(`no machine token (${response.status}): ${JSON.stringify(body)}`);
  }
  return body.access_token;
}

/** A confirmed user; with a tenant, as post confirmation leaves one: attribute and role group. */
async function createUser(
  client: CognitoIdentityProviderClient,
  userPoolId: string,
  email: string,
  tenantId: string | undefined,
): Promise<void> {
  await client.send(
    new AdminCreateUserCommand({
      UserPoolId: userPoolId,
      Username: email,
      MessageAction: 'SUPPRESS',
      UserAttributes: [
        { Name: 'email', Value: email },
        { Name: 'email_verified', Value: 'true' },
      ],
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
  if (tenantId === undefined) return;
  await client.send(
    new AdminUpdateUserAttributesCommand({
      UserPoolId: userPoolId,
      Username: email,
      UserAttributes: [{ Name: 'custom:tenant_id', Value: tenantId }],
    }),
  );
  await client.send(
    new AdminAddUserToGroupCommand({
      UserPoolId: userPoolId,
      Username: email,
      GroupName: 'tenant-member',
    }),
  );
}
