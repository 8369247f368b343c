import { PreTokenGenerationSource } from '@cognito-triggers/events';
import {
  cognitoUserDirectory,
  createAwsClients,
  createTenantStore,
  provisionUser,
  readVerifiedEmail,
  TENANT_ID_ATTRIBUTE,
  TenancyError,
  TenancyErrorCode,
  type TenantMembership,
  type TenantStore,
  type UserDirectory,
} from '@cognito-triggers/tenancy';
import type { PreTokenGenerationConfig } from './config.js';
import type { NotProvisioned, StoredTenant, UserTokenEvent } from './tenant.js';

// Imported only through `await import('./store.js')` and built into its own `dist/store.mjs`:
// this module is where the AWS SDK enters the bundle, in a file the pure path never loads. That
// file carries its own copy of the code both sides use (the events and tenancy packages), so a
// class thrown here is not the entry's class and `instanceof` fails there: only plain data and
// plain SDK or network errors leave this module. Clients are created once per container.
let edges: { store: TenantStore; directory: UserDirectory } | undefined;

function connect(tableName: string) {
  if (edges === undefined) {
    const { dynamodb, cognito } = createAwsClients();
    edges = {
      store: createTenantStore({ client: dynamodb, tableName }),
      directory: cognitoUserDirectory(cognito),
    };
  }
  return edges;
}

/**
 * Each refusal of tenancy as the plain reason the entry logs. `TENANT_PROVISIONING_FAILED` is
 * missing on purpose: it is a failure, which `STORE_FAILURE_POLICY` decides on.
 */
const NOT_PROVISIONED: Readonly<
  Partial<Record<TenancyErrorCode, NotProvisioned['notProvisioned']>>
> = {
  [TenancyErrorCode.EmailMissing]: 'email-missing',
  [TenancyErrorCode.EmailInvalid]: 'email-invalid',
  [TenancyErrorCode.EmailNotVerified]: 'email-unverified',
  [TenancyErrorCode.UserInvalid]: 'user-invalid',
  [TenancyErrorCode.TenantNotFound]: 'tenant-not-found',
};

/**
 * One read of the user's membership and tenant (a `BatchGetItem` when `custom:tenant_id` hints
 * the tenant). A user the store does not know yet is provisioned here with the same code as post
 * confirmation: an invited user's first sign-in (`TokenGeneration_NewPasswordChallenge`, post
 * confirmation never fired), or a user whose post confirmation failed. A user tenancy refuses
 * (no usable email or sub) comes back as `{ notProvisioned }`, never as a `TenancyError`.
 */
export async function findOrProvision(
  event: UserTokenEvent,
  config: PreTokenGenerationConfig,
  signal: AbortSignal,
): Promise<StoredTenant | NotProvisioned> {
  try {
    return await lookUpOrProvision(event, config, signal);
  } catch (error) {
    if (!(error instanceof TenancyError)) throw error;
    const reason = NOT_PROVISIONED[error.code];
    if (reason === undefined) throw new Error(`${error.code}: ${error.message}`, { cause: error });
    return { notProvisioned: reason };
  }
}

async function lookUpOrProvision(
  event: UserTokenEvent,
  config: PreTokenGenerationConfig,
  signal: AbortSignal,
): Promise<StoredTenant> {
  const { store, directory } = connect(config.tableName ?? '');
  const attributes = event.request.userAttributes ?? {};
  const sub = attributes.sub ?? '';
  const hint = attributes[TENANT_ID_ATTRIBUTE];

  let found: TenantMembership | undefined = await store.lookup(sub, { tenantIdHint: hint, signal });
  if (found === undefined) {
    const provisioned = await provisionUser(
      { store, directory },
      {
        userPoolId: event.userPoolId,
        username: event.userName,
        sub,
        email: eligibleEmail(event),
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
 * The email a tenant may be resolved from. An invited user's email was set by an administrator
 * (`AdminCreateUser`), so it is trusted at their first sign-in; anyone else's must be verified,
 * or their tokens carry no tenant until it is (they can still sign in and verify it).
 *
 * @throws {TenancyError} `TENANT_EMAIL_MISSING` or `TENANT_EMAIL_NOT_VERIFIED`.
 */
function eligibleEmail(event: UserTokenEvent): string {
  const attributes = event.request.userAttributes ?? {};
  if (event.triggerSource === PreTokenGenerationSource.NewPasswordChallenge && attributes.email) {
    return attributes.email;
  }
  return readVerifiedEmail(attributes);
}
