import {
  createDynamoDbClient,
  createTenantReader,
  NoTenantReason,
  type TenantAnswer,
  type TenantReader,
  usableInvitation,
} from '@cognito-triggers/tenancy';

// Imported only through `await import('./store.js')` and built into its own `dist/store.mjs`:
// this module is where the AWS SDK enters the bundle, in a file the path without a store never
// loads. That file carries its own copy of the code both sides use, so only plain data and plain
// SDK or network errors leave it. The reader (reads only: no write is possible from here) and
// its client are created once per container.
let reader: TenantReader | undefined;

/**
 * One read of the user's tenant: their active membership and its tenant (a `BatchGetItem` of both
 * when `custom:tenant_id` hints the tenant, else a `Query` of the user's items and a `GetItem` of
 * the tenant). No active membership: `removed` when a membership of theirs was removed and no
 * usable invitation would let them back in (pre token generation admits an invitee, reviving the
 * tombstone), else `tenant-not-found`: nothing to refuse, and pre token generation may provision
 * them. Never provisions.
 */
export async function lookUpTenant(request: {
  readonly tableName: string;
  readonly sub: string;
  readonly tenantIdHint: string | undefined;
  readonly signal: AbortSignal;
}): Promise<TenantAnswer> {
  reader ??= createTenantReader({ client: createDynamoDbClient(), tableName: request.tableName });
  const { current, removed, invitations } = await reader.lookupUser(request.sub, {
    tenantIdHint: request.tenantIdHint,
    signal: request.signal,
  });
  if (current !== undefined) {
    return {
      tenantId: current.tenant.id,
      role: current.membership.role,
      tier: current.tenant.tier,
      status: current.tenant.status,
    };
  }
  const invited = usableInvitation({ invitations, removed }, request.sub) !== undefined;
  return {
    noTenant:
      removed.length > 0 && !invited ? NoTenantReason.Removed : NoTenantReason.TenantNotFound,
  };
}
