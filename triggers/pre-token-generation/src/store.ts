import {
  admissionFor,
  cognitoUserDirectory,
  createAwsClients,
  createSignInStore,
  NO_TENANT_REASON,
  NoTenantReason,
  provisionUser,
  type SignInStore,
  TENANT_ID_ATTRIBUTE,
  TenancyError,
  TenancyErrorCode,
  type TenantAnswer,
  type UserDirectory,
} from '@cognito-triggers/tenancy';
import type { PreTokenGenerationConfig } from './config.js';
import type { UserTokenEvent } from './tenant.js';

// Imported only through `await import('./store.js')` and built into its own `dist/store.mjs`:
// this module is where the AWS SDK enters the bundle, in a file the pure path never loads. That
// file carries its own copy of the code both sides use (the events and tenancy packages), so a
// class thrown here is not the entry's class and `instanceof` fails there: only plain data and
// plain SDK or network errors leave this module. Clients are created once per container.
let edges: { store: SignInStore; directory: UserDirectory } | undefined;

function connect(tableName: string) {
  if (edges === undefined) {
    const { dynamodb, cognito } = createAwsClients();
    edges = {
      store: createSignInStore({ client: dynamodb, tableName }),
      directory: cognitoUserDirectory(cognito),
    };
  }
  return edges;
}

/**
 * One read of the user's membership and tenant (a `BatchGetItem` when `custom:tenant_id` hints
 * the tenant). A user the store does not know yet is provisioned here with the same code as post
 * confirmation, on a proven fact only: their invitation (read by the same one `Query`), which is
 * how an invited user's first sign-in (`TokenGeneration_NewPasswordChallenge`; post confirmation
 * never fired) enters its tenant whatever email the event now carries; else a proven email, as
 * the domain's enrollment mode allows (a user whose post confirmation failed). A removed
 * membership is never healed. A user tenancy refuses comes back as `{ noTenant }`, never as a
 * `TenancyError`.
 */
export async function findOrProvision(
  event: UserTokenEvent,
  config: PreTokenGenerationConfig,
  signal: AbortSignal,
): Promise<TenantAnswer> {
  try {
    return await lookUpOrProvision(event, config, signal);
  } catch (error) {
    if (!isTenancyError(error)) throw error;
    const reason = NO_TENANT_REASON[error.code];
    if (reason === undefined) throw new Error(`${error.code}: ${error.message}`, { cause: error });
    return { noTenant: reason };
  }
}

/**
 * A `TenancyError`, known by its name: the entry bundle carries its own copy of the class, so
 * neither side tests the other's errors with `instanceof` (`test/bundle-split.test.ts`).
 */
function isTenancyError(error: unknown): error is TenancyError {
  return error instanceof Error && error.name === 'TenancyError' && 'code' in error;
}

async function lookUpOrProvision(
  event: UserTokenEvent,
  config: PreTokenGenerationConfig,
  signal: AbortSignal,
): Promise<TenantAnswer> {
  const { store, directory } = connect(config.tableName ?? '');
  const attributes: Readonly<Record<string, unknown>> = event.request?.userAttributes ?? {};
  const sub = typeof attributes.sub === 'string' ? attributes.sub : '';
  if (sub.length === 0) {
    throw new TenancyError(TenancyErrorCode.UserInvalid, 'the event has no sub attribute');
  }
  const hint =
    typeof attributes[TENANT_ID_ATTRIBUTE] === 'string'
      ? (attributes[TENANT_ID_ATTRIBUTE] as string)
      : undefined;

  const record = await store.lookupUser(sub, { tenantIdHint: hint, signal });
  let found = record.current;
  if (found === undefined) {
    const admission = admissionFor({ username: event.userName, attributes }, sub, record, config);
    const provisioned = await provisionUser(
      { store, directory },
      {
        userPoolId: event.userPoolId,
        username: event.userName,
        sub,
        admission,
        currentTenantId: hint,
        currentGroups: event.request.groupConfiguration?.groupsToOverride ?? [],
      },
      config,
      { signal },
    );
    found = { membership: provisioned.membership, tenant: provisioned.tenant };
  }
  return {
    tenantId: found.tenant.id,
    role: found.membership.role,
    tier: found.tenant.tier,
    status: found.tenant.status,
  };
}

/**
 * The tenant a machine client is mapped to, as the store has it (one `GetItem`): its status
 * and tier, the role `service`; `tenant-not-found` when the store has no such tenant.
 */
export async function findClientTenant(
  tenantId: string,
  config: PreTokenGenerationConfig,
  signal: AbortSignal,
): Promise<TenantAnswer> {
  const tenant = await connect(config.tableName ?? '').store.getTenant(tenantId, { signal });
  if (tenant === undefined) return { noTenant: NoTenantReason.TenantNotFound };
  // `service`: machine.ts's MACHINE_ROLE, which decides the claim (this module is its own bundle).
  return { tenantId: tenant.id, role: 'service', tier: tenant.tier, status: tenant.status };
}
