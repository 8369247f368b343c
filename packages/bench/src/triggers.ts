import { join, resolve } from 'node:path';
import {
  customMessageEvent,
  postConfirmationEvent,
  preAuthenticationEvent,
  preSignUpEvent,
  preTokenGenerationEvent,
} from '@cognito-triggers/events/testing';

/** packages/bench. */
export const BENCH_DIR = resolve(import.meta.dirname, '..');

export const TRIGGER_NAMES = [
  'pre-signup',
  'custom-message',
  'post-confirmation',
  'pre-authentication',
  'pre-token-generation',
] as const;
export type TriggerName = (typeof TRIGGER_NAMES)[number];

/** The SDK clients and commands a trigger sends: what its floor bundle holds. */
export interface SdkCommands {
  readonly dynamodb: readonly string[];
  readonly cognito: readonly string[];
}

/** What the benchmark needs to know about one trigger. */
export interface TriggerBench {
  readonly name: TriggerName;
  /** Absolute path of `triggers/<name>`. */
  readonly dir: string;
  /** How it uses the SDK (`cognitoTrigger.awsSdk`): `'lazy'` builds the store path on its own. */
  readonly awsSdk: boolean | 'lazy';
  /** A valid configuration: every cold start and warm run loads it at import. */
  readonly environment: Readonly<Record<string, string>>;
  /** The first invocation after a cold start: a path without I/O. */
  readonly coldEvent: unknown;
  /**
   * The commands the trigger sends, copied from the floor function of its own
   * `test/bundle.test.ts`; undefined for a pure trigger.
   */
  readonly sdk: SdkCommands | undefined;
  /** The Powertools variant's entry (bundled like ours). */
  readonly powertools: string;
  /** The naive, unbundled baseline. */
  readonly naive: string;
}

/** A user pool app client id the token trigger maps to a tenant (V3 machine tokens). */
export const MACHINE_CLIENT_ID = '7machineclient0000000000ab';

const COGNITO_COMMANDS = [
  'AdminAddUserToGroupCommand',
  'AdminUpdateUserAttributesCommand',
  'CognitoIdentityProviderClient',
] as const;

/**
 * The tenancy policy both SDK triggers read: a mapped domain, personal tenants for a consumer
 * domain, and derived tenants for the rest.
 */
export const TENANCY_ENVIRONMENT = {
  TENANT_DOMAIN_MAP: 'acme.example=acme',
  PERSONAL_EMAIL_DOMAINS: 'gmail.com',
} as const;

function trigger(
  name: TriggerName,
  rest: Omit<TriggerBench, 'name' | 'dir' | 'powertools' | 'naive'>,
): TriggerBench {
  return {
    name,
    dir: resolve(BENCH_DIR, '..', '..', 'triggers', name),
    powertools: join(BENCH_DIR, 'variants', 'powertools', `${name}.ts`),
    naive: join(BENCH_DIR, 'baselines', `${name}.mjs`),
    ...rest,
  };
}

/** The five triggers, with the configuration and events the benchmark gives them. */
export const TRIGGERS: readonly TriggerBench[] = [
  trigger('pre-signup', {
    awsSdk: false,
    environment: {
      ALLOWED_EMAIL_DOMAINS: 'example.com,*.example.org',
      BLOCKED_EMAIL_DOMAINS: 'spam.example.org',
    },
    coldEvent: preSignUpEvent('PreSignUp_SignUp', { email: 'ana@example.com' }),
    sdk: undefined,
  }),
  trigger('custom-message', {
    awsSdk: false,
    environment: {
      APP_NAME: 'Acme',
      SUPPORT_EMAIL: 'help@acme.example',
      LOGO_URL: 'https://acme.example/logo.png',
      APP_URL: 'https://app.acme.example',
    },
    coldEvent: customMessageEvent('CustomMessage_SignUp', {
      userAttributes: { locale: 'de', given_name: 'Ana' },
    }),
    sdk: undefined,
  }),
  trigger('post-confirmation', {
    awsSdk: true,
    environment: { TENANT_TABLE_NAME: 'tenants', ...TENANCY_ENVIRONMENT },
    coldEvent: postConfirmationEvent('PostConfirmation_ConfirmForgotPassword'),
    sdk: { dynamodb: ['DynamoDBClient', 'UpdateItemCommand'], cognito: COGNITO_COMMANDS },
  }),
  trigger('pre-authentication', {
    awsSdk: 'lazy',
    // No store at cold start: every sign-in goes on, and the SDK is never loaded.
    environment: {},
    coldEvent: preAuthenticationEvent({ userAttributes: { 'custom:tenant_id': 'acme' } }),
    sdk: {
      dynamodb: ['BatchGetItemCommand', 'DynamoDBClient', 'GetItemCommand', 'QueryCommand'],
      cognito: [],
    },
  }),
  trigger('pre-token-generation', {
    awsSdk: 'lazy',
    environment: {
      ...TENANCY_ENVIRONMENT,
      ROLE_SCOPES: '{"admin":["orders/admin","orders/read"],"member":["orders/read"]}',
      CLIENT_TENANT_MAP: `${MACHINE_CLIENT_ID}=acme`,
    },
    coldEvent: preTokenGenerationEvent(2, 'TokenGeneration_Authentication', {
      userAttributes: { 'custom:tenant_id': 'acme' },
      groups: ['tenant-admin'],
    }),
    sdk: {
      dynamodb: [
        'BatchGetItemCommand',
        'DynamoDBClient',
        'GetItemCommand',
        'QueryCommand',
        'UpdateItemCommand',
      ],
      cognito: COGNITO_COMMANDS,
    },
  }),
];

/**
 * The environment of every measured process: nothing inherited from the shell but `PATH`, local
 * credentials (so no SDK client ever looks further for them), and no Node 22 notice.
 */
export function processEnvironment(
  extra: Readonly<Record<string, string>> = {},
): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '',
    AWS_REGION: 'eu-west-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    ...extra,
  };
}
