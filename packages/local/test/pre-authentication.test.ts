import { join } from 'node:path';
import {
  AdminDeleteUserAttributesCommand,
  AdminInitiateAuthCommand,
  DescribeUserPoolCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { findWorkspaceRoot } from '@cognito-triggers/cli-kit';
import { SETTINGS as PRE_AUTHENTICATION_SETTINGS } from '@cognito-triggers/pre-authentication';
import { TENANCY_USER_TEXT } from '@cognito-triggers/tenancy';
import { describe, expect, it } from 'vitest';
import {
  clients,
  PASSWORD,
  rejection,
  signIn,
  signUpAndConfirm,
  stack,
  useStack,
} from './support.js';

const logs: string[] = [];

useStack({
  log: (line) => logs.push(line),
  // Every sign-in reads the store (no cache): a suspension shows at once here, not within the TTL
  // (the dev policy's 60 s), so that one stack can show it and take it back.
  overrideFunctions: { PreAuthentication: { environment: { TOKEN_CACHE_TTL_SECONDS: '0' } } },
});

/** The tenant post confirmation put a confirmed user in. */
async function tenantOf(sub: string): Promise<string> {
  const found = await clients.store.lookup(sub);
  if (found === undefined) throw new Error(`${sub} was not provisioned`);
  return found.tenant.id;
}

const SUSPENDED =
  "PreAuthentication failed with error TENANT_SUSPENDED: Your organisation's access is suspended, please contact your administrator.";
const REMOVED = `PreAuthentication failed with error TENANT_MEMBERSHIP_REMOVED: ${TENANCY_USER_TEXT.TENANT_MEMBERSHIP_REMOVED}.`;

describe('the pre authentication function on the local stack', () => {
  it('runs as PreAuthentication with exactly the variables Terraform sets, and the pool lists it', async () => {
    const root = await findWorkspaceRoot(import.meta.dirname);
    const fn = stack.functions.find((candidate) => candidate.name === 'PreAuthentication');
    const { UserPool } = await clients.cognito.send(
      new DescribeUserPoolCommand({ UserPoolId: stack.userPoolId }),
    );

    expect(fn?.bundle).toBe(join(root, 'triggers/pre-authentication/dist/index.mjs'));
    const runtime = [
      'AWS_REGION',
      'AWS_ACCESS_KEY_ID',
      'AWS_SECRET_ACCESS_KEY',
      'AWS_ENDPOINT_URL_DYNAMODB',
      'AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER',
      'AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED',
    ];
    // Its settings table (all set in dev), and the table the module creates.
    expect(Object.keys(fn?.environment ?? {}).sort()).toEqual(
      [
        ...Object.values(PRE_AUTHENTICATION_SETTINGS).map((setting) => setting.variable),
        'TENANT_TABLE_NAME',
        ...runtime,
      ].sort(),
    );
    expect(fn?.environment.TENANT_TABLE_NAME).toBe(stack.tenantTable);
    expect(fn?.environment.AWS_ENDPOINT_URL_DYNAMODB).toBe(stack.dynamodbEndpoint);
    expect(UserPool?.LambdaConfig?.PreAuthentication).toMatch(/:function:PreAuthentication$/);
  });

  it('refuses a member of a suspended tenant, and lets them in again once it is resumed', async () => {
    const email = 'ana@frozen.example.com';
    const sub = await signUpAndConfirm(stack, clients, email);
    const tenantId = await tenantOf(sub);
    const before = await signIn(stack, clients, email);
    expect(before.claims.tenant_id).toBe(tenantId);

    await clients.store.setTenantStatus(tenantId, 'suspended');
    const refused = await rejection(signIn(stack, clients, email));

    expect(refused?.name).toBe('UserLambdaValidationException');
    expect(refused?.message).toBe(SUSPENDED);
    expect(
      refused?.message.startsWith('PreAuthentication failed with error TENANT_SUSPENDED'),
    ).toBe(true);
    // The same for the admin API's password flow.
    const admin = await rejection(
      clients.cognito.send(
        new AdminInitiateAuthCommand({
          UserPoolId: stack.userPoolId,
          ClientId: stack.clientId,
          AuthFlow: 'ADMIN_USER_PASSWORD_AUTH',
          AuthParameters: { USERNAME: email, PASSWORD },
        }),
      ),
    );
    expect(admin?.message).toBe(SUSPENDED);

    await clients.store.setTenantStatus(tenantId, 'active');
    const after = await signIn(stack, clients, email);
    expect(after.claims.tenant_id).toBe(tenantId);
  });

  it('refuses a removed member', async () => {
    const founder = await signUpAndConfirm(stack, clients, 'cleo@shrunk.example.com');
    const email = 'dan@shrunk.example.com';
    const sub = await signUpAndConfirm(stack, clients, email);
    const tenantId = await tenantOf(sub);
    expect(tenantId).toBe(await tenantOf(founder));
    await signIn(stack, clients, email);

    // What removing a member does: the tombstone in the store, the attribute cleared.
    await clients.store.removeMembership(sub, tenantId, 'operator:test');
    await clients.cognito.send(
      new AdminDeleteUserAttributesCommand({
        UserPoolId: stack.userPoolId,
        Username: email,
        UserAttributeNames: ['custom:tenant_id'],
      }),
    );
    const refused = await rejection(signIn(stack, clients, email));

    expect(refused?.name).toBe('UserLambdaValidationException');
    expect(refused?.message).toBe(REMOVED);
    // Their colleague signs in as before.
    await expect(signIn(stack, clients, 'cleo@shrunk.example.com')).resolves.toBeDefined();
  });

  it('says in its log line what it decided', async () => {
    const lines = logs
      .filter((line) => line.startsWith('[PreAuthentication] '))
      .map(
        (line) => JSON.parse(line.slice('[PreAuthentication] '.length)) as Record<string, unknown>,
      )
      .filter((line) => line.message === 'invocation');

    expect(lines).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ outcome: 'ok', tenantSource: 'store' }),
        expect.objectContaining({ outcome: 'rejected', code: 'TENANT_SUSPENDED', suspended: true }),
        expect.objectContaining({
          outcome: 'rejected',
          code: 'TENANT_MEMBERSHIP_REMOVED',
          removed: true,
        }),
      ]),
    );
  });
});
