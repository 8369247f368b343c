import type { UserPoolClientType } from '@aws-sdk/client-cognito-identity-provider';
import {
  ALWAYS_PROTECTED_ATTRIBUTES,
  DEFAULT_PROTECTED_ATTRIBUTES,
} from '@cognito-triggers/pre-signup';
import { PoolError } from './errors.js';

/**
 * The attributes no app client of a pool we attach to may write: `custom:tenant_id` always, and
 * by default the tenant role and tier too. The same lists as the pre sign-up trigger's
 * `PROTECTED_ATTRIBUTES`, imported from it, so that both refuse the same names.
 *
 * @example
 * ```ts
 * protectedAttributeNames(['custom:plan']);
 * // ['custom:tenant_id', 'custom:tenant_role', 'custom:tenant_tier', 'custom:plan']
 * ```
 */
export function protectedAttributeNames(extra: readonly string[] = []): string[] {
  return [...new Set([...ALWAYS_PROTECTED_ATTRIBUTES, ...DEFAULT_PROTECTED_ATTRIBUTES, ...extra])];
}

/** How an app client came to be able to write protected attributes. */
export const ClientWriteAccess = {
  /** No `WriteAttributes` at all: AWS does not restrict the client, so it counts as "everything". */
  Unrestricted: 'unrestricted',
  /** `WriteAttributes` names one or more protected attributes. */
  Listed: 'listed',
} as const;

export type ClientWriteAccess = (typeof ClientWriteAccess)[keyof typeof ClientWriteAccess];

/** One app client that can write protected attributes, and which ones. */
export interface ClientFinding {
  readonly clientId: string;
  readonly clientName: string | undefined;
  readonly access: ClientWriteAccess;
  /** The protected attributes it can write, in the order they were given. */
  readonly attributes: readonly string[];
  /** Its `WriteAttributes` as described (undefined when absent). */
  readonly writeAttributes: readonly string[] | undefined;
}

/**
 * The app clients that can write a protected attribute. A client whose `WriteAttributes` is
 * absent (or empty) is not restricted: AWS then returns no `WriteAttributes` and lets the client
 * write the pool's standard attributes, so it is counted as able to write every attribute.
 * A user writes a writable attribute through UpdateUserAttributes with their own access token,
 * or at sign-up: `custom:tenant_id` writable by a client means a user who picks their tenant.
 *
 * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_UserPoolClientType.html
 * @example
 * ```ts
 * writableProtectedAttributes(
 *   [{ ClientId: '1abc', ClientName: 'web', WriteAttributes: ['email', 'custom:tenant_id'] }],
 *   protectedAttributeNames(),
 * );
 * // [{ clientId: '1abc', clientName: 'web', access: 'listed', attributes: ['custom:tenant_id'], … }]
 * ```
 */
export function writableProtectedAttributes(
  clients: readonly UserPoolClientType[],
  protectedNames: readonly string[],
): ClientFinding[] {
  const findings: ClientFinding[] = [];
  for (const client of clients) {
    const writeAttributes = client.WriteAttributes;
    const base = {
      clientId: client.ClientId ?? '(no id)',
      clientName: client.ClientName,
      writeAttributes,
    };
    if (writeAttributes === undefined || writeAttributes.length === 0) {
      findings.push({
        ...base,
        access: ClientWriteAccess.Unrestricted,
        attributes: protectedNames,
      });
      continue;
    }
    const writable = protectedNames.filter((name) => writeAttributes.includes(name));
    if (writable.length > 0) {
      findings.push({ ...base, access: ClientWriteAccess.Listed, attributes: writable });
    }
  }
  return findings;
}

/**
 * The refusal for a pool whose app clients can write protected attributes: `POOL_CLIENT_WRITES_PROTECTED`,
 * one line per client (id, name, the attributes), then how to fix each client.
 */
export function clientsWriteProtectedError(
  poolId: string,
  protectedNames: readonly string[],
  findings: readonly ClientFinding[],
): PoolError {
  const lines = [
    `user pool ${poolId} has app clients that can write protected attributes (${protectedNames.join(', ')}): a user could choose their own tenant or role. The pool was not changed.`,
    ...findings.map((finding) => `  ${describeFinding(finding)}`),
    'Fix: give each of these clients an explicit WriteAttributes without the protected attributes, in the infrastructure code that defines the client (Terraform write_attributes, CloudFormation WriteAttributes, CDK writeAttributes). With the AWS CLI:',
    ...findings.map(
      (finding) =>
        `  aws cognito-idp update-user-pool-client --user-pool-id ${poolId} --client-id ${finding.clientId} --write-attributes ${safeWriteAttributes(finding, protectedNames).join(' ')}`,
    ),
    'but UpdateUserPoolClient also resets every client setting it is not given (flows, callback URLs, token validity, read attributes, …): pass them all, or better, set write attributes in your IaC.',
  ];
  return new PoolError('POOL_CLIENT_WRITES_PROTECTED', lines.join('\n'));
}

function describeFinding(finding: ClientFinding): string {
  const name = finding.clientName === undefined ? '(no name)' : `"${finding.clientName}"`;
  const client = `app client ${finding.clientId} ${name}`;
  if (finding.access === ClientWriteAccess.Unrestricted) {
    return `${client}: WriteAttributes is not set (AWS returns none), so the client is not restricted; treated as able to write every attribute, ${finding.attributes.join(', ')} included`;
  }
  return `${client}: WriteAttributes lists ${finding.attributes.join(', ')}`;
}

/** What to write instead: the client's own list without protected names, or a placeholder. */
function safeWriteAttributes(finding: ClientFinding, protectedNames: readonly string[]): string[] {
  const kept = (finding.writeAttributes ?? []).filter((name) => !protectedNames.includes(name));
  return kept.length > 0 ? kept : ['email', 'name', '…'];
}
