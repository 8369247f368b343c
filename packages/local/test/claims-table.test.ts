import { describe, expect, it } from 'vitest';
import { claimsTable, decodeJwtPayload } from '../src/claims-table.js';

const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const jwt = (claims: unknown) => `${encode({ alg: 'RS256', kid: 'k' })}.${encode(claims)}.c2ln`;

describe('decodeJwtPayload', () => {
  it('reads the claims of a token, base64url and UTF-8 included', () => {
    const claims = { sub: 'a-b', tenant_id: 'bücher-ü?~', 'cognito:groups': ['tenant-admin'] };

    expect(decodeJwtPayload(jwt(claims))).toEqual(claims);
  });

  it('refuses what is not a JWT', () => {
    expect(() => decodeJwtPayload('not-a-token')).toThrow(/three dot-separated parts/);
    expect(() => decodeJwtPayload(`x.${encode([1, 2])}.y`)).toThrow(/not a JSON object/);
  });
});

describe('claimsTable', () => {
  it('lines the chosen claims up under their names, one row per token', () => {
    const table = claimsTable(
      [
        {
          user: 'ana@example.com',
          token: 'id (sign-in)',
          claims: { tenant_id: 'example', tenant_role: 'admin', 'cognito:groups': ['a', 'b'] },
        },
        { user: 'dan@example.com', token: 'id (refresh)', claims: { tenant_id: 'example' } },
      ],
      ['tenant_id', 'tenant_role', 'cognito:groups'],
    );

    expect(table.split('\n')).toEqual([
      'user             token         tenant_id  tenant_role  cognito:groups',
      '---------------  ------------  ---------  -----------  --------------',
      'ana@example.com  id (sign-in)  example    admin        a,b',
      'dan@example.com  id (refresh)  example    -            -',
    ]);
  });
});
