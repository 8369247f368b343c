import { join, resolve } from 'node:path';
import {
  customMessageEvent,
  postConfirmationEvent,
  preAuthenticationEvent,
  preSignUpEvent,
  preTokenGenerationEvent,
} from '@cognito-triggers/events/testing';
import { LOCAL_CREDENTIALS, type StackPolicy, type TriggerFolder } from '@cognito-triggers/local';
import { BenchError } from './errors.js';

/** packages/bench. */
export const BENCH_DIR = resolve(import.meta.dirname, '..');

/** The environment whose settings every function gets: the one users sign in to. */
export const DEPLOYED_ENV = 'prod';

/** Where the benchmark's users belong: an allowed domain the settings map to a tenant. */
export type Tenancy = ReturnType<typeof tenancyOf>;

/** A user of the benchmark at the deployment's mapped domain. */
export type BenchUser = ReturnType<typeof benchUser>;

/** One trigger as Terraform deploys it, with its bundle, its peer's and its SDK floor's sources. */
export type DeployedTrigger = ReturnType<typeof deployedTriggers>[number];

/**
 * User `n` of a series (`cold-ours`, `member`, …) at `domain`: the same label and number give
 * the same user.
 *
 * @example
 * benchUser('member', 3, 'example.com').email // 'member-3@example.com'
 */
export function benchUser(label: string, n: number, domain: string) {
  let hash = 0;
  for (const char of label) hash = (hash * 31 + char.charCodeAt(0)) % 0xffff;
  const id = `${hash.toString(16).padStart(4, '0')}${String(n).padStart(8, '0')}`;
  return { sub: `b0c1d2e3-0000-4000-8000-${id}`, username: id, email: `${label}-${n}@${domain}` };
}

/**
 * The first allowed email domain that `tenant_domain_map` maps to a tenant.
 *
 * @throws {BenchError} when the environment maps no allowed domain.
 */
export function tenancyOf(policy: StackPolicy) {
  const settings = policy.settings as {
    allowed_email_domains?: string[];
    tenant_domain_map?: Record<string, string>;
  };
  const map = settings.tenant_domain_map ?? {};
  const domain = settings.allowed_email_domains?.find((candidate) => map[candidate] !== undefined);
  const tenantId = domain === undefined ? undefined : map[domain];
  if (domain === undefined || tenantId === undefined) {
    throw new BenchError(
      `${policy.file}: the benchmark needs an allowed email domain that tenant_domain_map maps to a tenant`,
    );
  }
  return { domain, tenantId, memberGroup: policy.groups[1]?.name ?? 'tenant-member' };
}

/**
 * The five triggers as the `policy`'s environment deploys them: Terraform's variables, what the
 * Lambda runtime adds, and the local services as AWS.
 *
 * @example
 * const triggers = deployedTriggers(await loadStackPolicy(root, DEPLOYED_ENV), endpoints);
 */
export function deployedTriggers(
  policy: StackPolicy,
  endpoints: { readonly dynamodb: string; readonly cognito: string },
) {
  const tenancy = tenancyOf(policy);
  const functions = policy.settings.functions as { log_level?: string; memory_size?: number };
  return policy.functions.map((fn) => ({
    name: fn.folder,
    entry: resolve(BENCH_DIR, '..', '..', 'triggers', fn.folder, 'dist', 'index.mjs'),
    peer: join(BENCH_DIR, 'peers', `${fn.folder}.ts`),
    floor: ['pre-signup', 'custom-message'].includes(fn.folder)
      ? undefined
      : join(BENCH_DIR, 'floors', `${fn.folder}.ts`),
    // AWS_LAMBDA_LOG_FORMAT stays unset, as in the local stack: outside the Lambda runtime,
    // JSON mode would hand objects to a console that formats them unlike Lambda's.
    environment: {
      PATH: process.env.PATH ?? '',
      ...fn.environment,
      AWS_REGION: policy.region,
      AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
      AWS_SESSION_TOKEN: 'local',
      AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x',
      AWS_LAMBDA_FUNCTION_NAME: `${policy.namePrefix}-${fn.name}`,
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(functions?.memory_size ?? 128),
      AWS_LAMBDA_LOG_LEVEL: functions?.log_level ?? 'INFO',
      AWS_ENDPOINT_URL_DYNAMODB: endpoints.dynamodb,
      AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: endpoints.cognito,
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    } as Readonly<Record<string, string>>,
    ...INVOCATIONS[fn.folder](tenancy),
  }));
}

/** A trigger's real work, as the benchmark invokes it. */
interface Invocation {
  /** A member of the tenant (already provisioned), or a user signing up now. */
  readonly user: 'member' | 'new';
  /** The event of a real invocation for `user`. */
  event(user: BenchUser): unknown;
  /** Text every right answer holds (`''`: not throwing is the answer). */
  readonly expect: string;
  /** The warm row of this invocation. */
  readonly warmPath: string;
}

const as = (user: BenchUser, userAttributes: Record<string, string> = {}) => ({
  email: user.email,
  userName: user.username,
  userAttributes,
});

// A sign-up at the allowed domain, its verification message, the confirmation of a new colleague
// (who joins the mapped tenant), and a member's sign-in.
const INVOCATIONS: Record<TriggerFolder, (tenancy: Tenancy) => Invocation> = {
  'pre-signup': () => ({
    user: 'new',
    event: (user) => preSignUpEvent('PreSignUp_SignUp', as(user)),
    expect: '"autoVerifyEmail":false',
    warmPath: 'a sign-up at the allowed domain',
  }),
  'custom-message': () => ({
    user: 'new',
    event: (user) => customMessageEvent('CustomMessage_SignUp', as(user)),
    expect: '{####}',
    warmPath: 'the sign-up verification message',
  }),
  'post-confirmation': () => ({
    user: 'new',
    event: (user) => postConfirmationEvent('PostConfirmation_ConfirmSignUp', confirmed(user)),
    expect: '',
    warmPath: 'a member confirmed again: 2 DynamoDB + 2 Cognito requests each',
  }),
  'pre-authentication': ({ tenantId }) => ({
    user: 'member',
    event: (user) =>
      preAuthenticationEvent(as(user, { sub: user.sub, 'custom:tenant_id': tenantId })),
    expect: '',
    warmPath: 'a member signs in',
  }),
  'pre-token-generation': ({ tenantId, memberGroup }) => ({
    user: 'member',
    event: (user) =>
      preTokenGenerationEvent(2, 'TokenGeneration_Authentication', {
        ...as(user, { sub: user.sub, 'custom:tenant_id': tenantId }),
        groups: [memberGroup],
      }),
    expect: `"tenant_id":"${tenantId}"`,
    warmPath: 'a member signs in',
  }),
};

/** The builders' options for a user confirmed now: a sign-up or a password reset. */
export const confirmed = (user: BenchUser) => as(user, { sub: user.sub });
