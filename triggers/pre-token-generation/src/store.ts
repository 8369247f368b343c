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

// Imported only through `await import('./store.js')`: this module is where the AWS SDK enters the
// bundle, in a chunk that the pure path never loads. Clients are created once per container.
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
 * One read of the user's membership and tenant (a `BatchGetItem` when `custom:tenant_id` hints
 * the tenant). A user the store does not know yet is provisioned here with the same code as post
 * confirmation: an invited user's first sign-in (`TokenGeneration_NewPasswordChallenge`, post
 * confirmation never fired), or a user whose post confirmation failed.
 */
export async function findOrProvision(
  event: UserTokenEvent,
  config: PreTokenGenerationConfig,
  signal: AbortSignal,
): Promise<StoredTenant | NotProvisioned> {
  const { store, directory } = connect(config.tableName ?? '');
  const attributes = event.request.userAttributes ?? {};
  const sub = attributes.sub ?? '';
  const hint = attributes[TENANT_ID_ATTRIBUTE];

  let found: TenantMembership | undefined = await store.lookup(sub, { tenantIdHint: hint, signal });
  if (found === undefined) {
    const email = eligibleEmail(event);
    if (typeof email !== 'string') return email;
    const provisioned = await provisionUser(
      { store, directory },
      {
        userPoolId: event.userPoolId,
        username: event.userName,
        sub,
        email,
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
 */
function eligibleEmail(event: UserTokenEvent): string | NotProvisioned {
  const attributes = event.request.userAttributes ?? {};
  if (event.triggerSource === PreTokenGenerationSource.NewPasswordChallenge && attributes.email) {
    return attributes.email;
  }
  try {
    return readVerifiedEmail(attributes);
  } catch (error) {
    if (error instanceof TenancyError && error.code === TenancyErrorCode.EmailNotVerified) {
      return { notProvisioned: 'email-unverified' };
    }
    if (error instanceof TenancyError && error.code === TenancyErrorCode.EmailMissing) {
      return { notProvisioned: 'email-missing' };
    }
    throw error;
  }
}
