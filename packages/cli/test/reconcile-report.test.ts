import { describe, expect, it } from 'vitest';
import { formatOutcome } from '../src/reconcile/report.js';

const SUB = 'a1b2c3d4-5e6f-4a7b-8c9d-0e1f2a3b4c5d';

describe('a reconcile line', () => {
  it('names a user whose username is their sub once', () => {
    const line = formatOutcome({
      status: 'repaired',
      username: SUB,
      sub: SUB,
      problems: ['no membership'],
      tenantId: 'acme',
      role: 'member',
    });

    expect(line).toBe(`REPAIRED      ${SUB}  tenant=acme role=member  no membership`);
  });

  it('gives the sub beside a username that is not it', () => {
    const line = formatOutcome({
      status: 'no-tenant',
      username: 'ana',
      sub: SUB,
      reason: 'email-unverified',
    });

    expect(line).toBe(`NO TENANT     ana  sub=${SUB}  email-unverified`);
  });
});
