import {
  CognitoIdentityProviderClient,
  DescribeUserPoolClientCommand,
  ListUserPoolClientsCommand,
  type UserPoolClientType,
  type UserPoolType,
} from '@aws-sdk/client-cognito-identity-provider';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import {
  ClientWriteAccess,
  clientsWriteProtectedError,
  protectedAttributeNames,
  writableProtectedAttributes,
} from '../src/app-clients.js';
import { describePoolClients } from '../src/client.js';
import { emailUpdateWarning } from '../src/email-update.js';

const PROTECTED = protectedAttributeNames();
const client = (
  ClientId: string,
  WriteAttributes: string[] | undefined,
  ClientName = `client-${ClientId}`,
): UserPoolClientType => ({
  ClientId,
  ClientName,
  ...(WriteAttributes === undefined ? {} : { WriteAttributes }),
});

describe('the protected attributes', () => {
  it('are the tenant id, role and tier by default, as the pre sign-up trigger’s', () => {
    expect(protectedAttributeNames()).toEqual([
      'custom:tenant_id',
      'custom:tenant_role',
      'custom:tenant_tier',
    ]);
  });

  it('take more names, once each', () => {
    expect(protectedAttributeNames(['custom:plan', 'custom:tenant_id', 'custom:plan'])).toEqual([
      'custom:tenant_id',
      'custom:tenant_role',
      'custom:tenant_tier',
      'custom:plan',
    ]);
  });
});

describe('writableProtectedAttributes', () => {
  it('finds nothing when every client lists only unprotected attributes', () => {
    const clients = [client('a', ['email', 'name']), client('b', ['locale'])];

    expect(writableProtectedAttributes(clients, PROTECTED)).toEqual([]);
  });

  it('counts a client without WriteAttributes as able to write every protected attribute', () => {
    const findings = writableProtectedAttributes([client('a', undefined, 'legacy')], PROTECTED);

    expect(findings).toEqual([
      {
        clientId: 'a',
        clientName: 'legacy',
        access: ClientWriteAccess.Unrestricted,
        attributes: PROTECTED,
        writeAttributes: undefined,
      },
    ]);
  });

  it('counts an empty WriteAttributes as not restricted too', () => {
    const [finding] = writableProtectedAttributes([client('a', [])], PROTECTED);

    expect(finding?.access).toBe(ClientWriteAccess.Unrestricted);
  });

  it('names exactly the protected attributes a client lists', () => {
    const clients = [
      client('safe', ['email']),
      client('admin', ['email', 'custom:tenant_role', 'custom:tenant_id']),
    ];

    const findings = writableProtectedAttributes(clients, PROTECTED);

    expect(
      findings.map(({ clientId, access, attributes }) => ({ clientId, access, attributes })),
    ).toEqual([
      {
        clientId: 'admin',
        access: ClientWriteAccess.Listed,
        attributes: ['custom:tenant_id', 'custom:tenant_role'],
      },
    ]);
  });

  it('checks an added protected name, and ignores one that is not protected', () => {
    const clients = [client('a', ['email', 'custom:plan'])];

    expect(writableProtectedAttributes(clients, PROTECTED)).toEqual([]);
    expect(
      writableProtectedAttributes(clients, protectedAttributeNames(['custom:plan']))[0]?.attributes,
    ).toEqual(['custom:plan']);
  });
});

describe('the refusal', () => {
  it('has a stable code and names the pool, each client, its attributes and the fix', () => {
    const findings = writableProtectedAttributes(
      [client('1abc', undefined, 'legacy'), client('2def', ['custom:tenant_id'], 'admin')],
      PROTECTED,
    );

    const error = clientsWriteProtectedError('eu-west-1_AbC123', PROTECTED, findings);

    expect(error.code).toBe('POOL_CLIENT_WRITES_PROTECTED');
    const lines = error.message.split('\n');
    expect(lines[0]).toMatch(/^POOL_CLIENT_WRITES_PROTECTED: user pool eu-west-1_AbC123 /);
    expect(lines).toContain('  app client 2def "admin": WriteAttributes lists custom:tenant_id');
    expect(lines.filter((line) => line.includes('1abc "legacy"'))).toHaveLength(1);
    expect(lines).toContain(
      '  aws cognito-idp update-user-pool-client --user-pool-id eu-west-1_AbC123 --client-id 1abc --write-attributes email name …',
    );
  });
});

describe('describePoolClients', () => {
  const cognito = mockClient(CognitoIdentityProviderClient);
  afterEach(() => cognito.reset());
  const target = { poolId: 'eu-west-1_AbC123', region: 'eu-west-1' };

  it('reads every page of clients, 60 at a time, and describes each one', async () => {
    const ids = Array.from({ length: 61 }, (_, index) => `client${index}`);
    cognito
      .on(ListUserPoolClientsCommand, { UserPoolId: target.poolId, NextToken: undefined })
      .resolves({
        UserPoolClients: ids.slice(0, 60).map((ClientId) => ({ ClientId })),
        NextToken: 'page2',
      })
      .on(ListUserPoolClientsCommand, { NextToken: 'page2' })
      .resolves({ UserPoolClients: ids.slice(60).map((ClientId) => ({ ClientId })) })
      .on(DescribeUserPoolClientCommand)
      .callsFake((input: { ClientId: string }) => ({
        UserPoolClient: client(input.ClientId, ['email']),
      }));

    const described = await describePoolClients(
      new CognitoIdentityProviderClient({ region: 'eu-west-1' }),
      target,
    );

    expect(described.map((found) => found.ClientId)).toEqual(ids);
    expect(
      cognito.commandCalls(ListUserPoolClientsCommand).map((call) => call.args[0].input),
    ).toEqual([
      { UserPoolId: target.poolId, MaxResults: 60 },
      { UserPoolId: target.poolId, MaxResults: 60, NextToken: 'page2' },
    ]);
  });

  it('leaves out a client deleted between the list and its description', async () => {
    const gone = Object.assign(new Error('User pool client gone does not exist.'), {
      name: 'ResourceNotFoundException',
    });
    cognito
      .on(ListUserPoolClientsCommand)
      .resolves({ UserPoolClients: [{ ClientId: 'kept' }, { ClientId: 'gone' }] })
      .on(DescribeUserPoolClientCommand, { ClientId: 'kept' })
      .resolves({ UserPoolClient: client('kept', undefined) })
      .on(DescribeUserPoolClientCommand, { ClientId: 'gone' })
      .rejects(gone);

    const described = await describePoolClients(
      new CognitoIdentityProviderClient({ region: 'eu-west-1' }),
      target,
    );

    expect(described.map((found) => found.ClientId)).toEqual(['kept']);
  });
});

describe('the email-update warning', () => {
  it('is silent when a new email must be verified before it takes effect', () => {
    const pool: UserPoolType = {
      Id: 'eu-west-1_AbC123',
      UserAttributeUpdateSettings: { AttributesRequireVerificationBeforeUpdate: ['email'] },
    };

    expect(emailUpdateWarning(pool)).toBeUndefined();
  });

  it.each<[string, UserPoolType]>([
    ['without the setting', {}],
    [
      'with only the phone number',
      {
        UserAttributeUpdateSettings: {
          AttributesRequireVerificationBeforeUpdate: ['phone_number'],
        },
      },
    ],
  ])('names the pool and the setting %s', (_case, settings) => {
    const warning = emailUpdateWarning({ Id: 'eu-west-1_AbC123', ...settings });

    expect(warning).toMatch(/^user pool eu-west-1_AbC123 does not keep the old email/);
    expect(warning).toContain('AttributesRequireVerificationBeforeUpdate');
  });
});
