import { access, mkdir, rm } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { findWorkspaceRoot } from '@cognito-triggers/cli-kit';
import { createTenantTable } from '@cognito-triggers/tenancy';
import { startCognitoLocal } from './cognito-local.js';
import { type LocalDynamo, startDynalite } from './dynamo.js';
import { LocalStackError, LocalStackErrorCode, PortInUseError } from './errors.js';
import { type LocalFunction, startInvokeServer } from './lambda/invoke-server.js';
import type { DeliveredMessage } from './messages.js';
import { loadStackPolicy, type StackPolicy, type TriggerFolder } from './policy.js';
import { createLocalPool } from './pool.js';
import { type HeldPort, HOST, holdPort } from './ports.js';

/** Cognito's limit for every trigger, and so the invoke server's default. */
export const COGNITO_TRIGGER_TIMEOUT_MS = 5_000;

/** Credentials the local servers accept (they check none). */
export const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' } as const;

/**
 * The function the invoke server serves besides the suite's: a stand-in for a team's own trigger
 * already on a pool (`src/lambda/foreign-function.mjs`), for any slot. It logs one line per call
 * (`[Foreign] {"message":"foreign trigger called","triggerSource":…,"userPoolId":…}`) and fails
 * when the call's client metadata holds `foreignError`.
 */
export const FOREIGN_FUNCTION = 'Foreign';

const FOREIGN_BUNDLE = fileURLToPath(new URL('./lambda/foreign-function.mjs', import.meta.url));

/**
 * The ARN of a function the stack serves, as a pool's `LambdaConfig` names it: cognito-local
 * invokes the function an ARN names, whatever its region and account.
 *
 * @example
 * localFunctionArn('eu-west-1', 'PreSignUp') // 'arn:aws:lambda:eu-west-1:000000000000:function:PreSignUp'
 */
export function localFunctionArn(region: string, name: string): string {
  return `arn:aws:lambda:${region}:000000000000:function:${name}`;
}

/** The functions of the stack, by the name Terraform gives them. */
export type StackFunctionName =
  | 'PreSignUp'
  | 'PostConfirmation'
  | 'PreAuthentication'
  | 'PreTokenGeneration'
  | 'CustomMessage';

export interface StackOptions {
  /** The repository root (default: the one holding this package). */
  readonly root?: string;
  /** The environment whose policy the functions get: `terraform/environments/<env>` (default `dev`). */
  readonly env?: string;
  /** Loopback ports; 0 or absent picks a free one. */
  readonly ports?: {
    readonly dynamodb?: number;
    readonly cognito?: number;
    readonly lambda?: number;
  };
  /**
   * cognito-local's working folder (its pools, users and `messages.jsonl`); kept after `stop()`.
   * By default a temporary folder, removed by `stop()`.
   */
  readonly dataDir?: string;
  /**
   * Empty `dataDir` first (once the ports are known to be free, so that a stack refused for a
   * busy port never touches the folder of the stack that holds it). Default false.
   */
  readonly resetDataDir?: boolean;
  /**
   * How long an invocation may run before it fails as in Lambda ("Task timed out"). Default 5 s,
   * Cognito's own limit; tests shorten it.
   */
  readonly lambdaTimeoutMs?: number;
  /** For tests: run another bundle, or add variables, for some functions. */
  readonly overrideFunctions?: Readonly<
    Partial<
      Record<
        StackFunctionName,
        {
          readonly bundle?: string;
          readonly environment?: Readonly<Record<string, string>>;
        }
      >
    >
  >;
  /** Each line a function logs, prefixed `[PreSignUp]`; dropped when absent. */
  readonly log?: (line: string) => void;
  /** One line per service as it comes up. */
  readonly onProgress?: (line: string) => void;
}

/** A running local stack: what a Cognito or DynamoDB SDK client needs to talk to it. */
export interface LocalStack {
  readonly region: string;
  /** `http://127.0.0.1:<port>`: the Cognito user pools API (cognito-local). */
  readonly cognitoEndpoint: string;
  /** `http://127.0.0.1:<port>`: the DynamoDB API (dynalite). */
  readonly dynamodbEndpoint: string;
  readonly userPoolId: string;
  /** The pool's public app client (no secret). */
  readonly clientId: string;
  /** The tenant store's table. */
  readonly tenantTable: string;
  /** Every message Cognito delivered so far (codes, invitations, resets), oldest first. */
  messages(): DeliveredMessage[];
  /** Stops every service and frees every port; safe to call twice. */
  stop(): Promise<void>;

  /** `http://127.0.0.1:<port>`: the Lambda Invoke API that runs the built bundles. */
  readonly lambdaEndpoint: string;
  /** The limit every invocation runs under, as the invoke server enforces it. */
  readonly lambdaTimeoutMs: number;
  /**
   * The suite's functions as they run: name, bundle, and the whole environment each process
   * gets. The invoke server also serves {@link FOREIGN_FUNCTION}.
   */
  readonly functions: readonly LocalFunction[];
  /** The environment's policy the functions were given. */
  readonly policy: StackPolicy;
  /** cognito-local's working folder. */
  readonly dataDir: string;
}

interface Stoppable {
  stop(): Promise<void>;
}

const PACKAGE_DIR = fileURLToPath(new URL('..', import.meta.url));

/**
 * Starts the whole suite offline, on loopback: dynalite with the tenant table, the Lambda invoke
 * server running the BUILT trigger bundles (`triggers/<name>/dist/index.mjs`, what Terraform
 * deploys) each in its own process with the environment Terraform would give it, and
 * cognito-local wired to them, with a user pool, app client and role groups as
 * `terraform/modules/user-pool` creates them.
 *
 * @throws {LocalStackError} `LOCAL_BUNDLE_MISSING` (run `pnpm build`), `LOCAL_PORT_IN_USE`
 *   ({@link PortInUseError}), `LOCAL_POLICY_UNREADABLE`. Nothing is left running.
 * @example
 * ```ts
 * const stack = await startStack();
 * const cognito = new CognitoIdentityProviderClient({
 *   endpoint: stack.cognitoEndpoint,
 *   region: stack.region,
 *   credentials: LOCAL_CREDENTIALS,
 * });
 * await cognito.send(new SignUpCommand({ ClientId: stack.clientId, Username: 'ana@example.com', Password }));
 * const code = stack.messages().at(-1)?.code;
 * await stack.stop();
 * ```
 */
export async function startStack(options: StackOptions = {}): Promise<LocalStack> {
  const progress = options.onProgress ?? (() => {});
  const root = options.root ?? (await findWorkspaceRoot(PACKAGE_DIR));
  const policy = await loadStackPolicy(root, options.env ?? 'dev');
  const bundles = await findBundles(root, policy, options);

  const running: Stoppable[] = [];
  const held: HeldPort[] = [];
  const stopAll = async () => {
    for (const port of held.splice(0)) port.server.close();
    // The emulator first: it is the one calling the functions.
    for (const service of running.splice(0).reverse()) await service.stop().catch(() => {});
  };
  try {
    // Each port is listened on from the moment it is chosen, before anything else starts: a busy
    // port given in `ports` fails the stack at once, with a clear error, and a free one cannot be
    // taken by another process (an outgoing connection draws on the same ports) before its
    // server listens. The emulator's and the invoke server's are held, as each needs the other's
    // endpoint before it starts.
    const cognitoPort = await holdPort('cognito', options.ports?.cognito ?? 0);
    held.push(cognitoPort);
    const lambdaPort = await holdPort('lambda', options.ports?.lambda ?? 0);
    held.push(lambdaPort);
    const dynamo = await startDynalite(options.ports?.dynamodb ?? 0);
    running.push(dynamo);
    const endpoints = {
      dynamodb: dynamo.endpoint,
      cognito: `http://${HOST}:${cognitoPort.port}`,
    };

    // What the Lambda runtime would add to Terraform's variables, pointed at the local servers.
    // AWS_LAMBDA_LOG_FORMAT stays unset: the functions print their JSON lines as text.
    const runtime = {
      AWS_REGION: policy.region,
      AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
      AWS_ENDPOINT_URL_DYNAMODB: endpoints.dynamodb,
      AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: endpoints.cognito,
      // The SDK checks for exactly "true".
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    };
    const functions: LocalFunction[] = policy.functions.map((fn) => {
      const override = options.overrideFunctions?.[fn.name as StackFunctionName];
      return {
        name: fn.name,
        bundle: bundles.get(fn.name) ?? '',
        environment: { ...fn.environment, ...runtime, ...override?.environment },
      };
    });
    const foreign: LocalFunction = {
      name: FOREIGN_FUNCTION,
      bundle: FOREIGN_BUNDLE,
      environment: runtime,
    };
    const lambda = await startInvokeServer({
      functions: [...functions, foreign],
      port: lambdaPort,
      timeoutMs: options.lambdaTimeoutMs ?? COGNITO_TRIGGER_TIMEOUT_MS,
      log: options.log ?? (() => {}),
    });
    held.splice(held.indexOf(lambdaPort), 1);
    running.push(lambda);
    progress(
      `Lambda invoke server  ${lambda.endpoint}  ${functions.map((fn) => fn.name).join(', ')} (built bundles, ${lambda.timeoutMs / 1000} s limit); ${FOREIGN_FUNCTION} (a stand-in for a team's own trigger)`,
    );

    const dataDir = options.dataDir;
    if (dataDir !== undefined) {
      if (options.resetDataDir) await rm(dataDir, { recursive: true, force: true });
      await mkdir(dataDir, { recursive: true });
    }
    held.splice(held.indexOf(cognitoPort), 1);
    const cognito = await settleBeside(
      running,
      createTable(dynamo, policy, progress),
      startCognitoLocal({
        port: cognitoPort,
        ...(dataDir === undefined ? {} : { dataDir }),
        lambdaEndpoint: lambda.endpoint,
      }).then((started) => {
        progress(`Cognito (cognito-local)  ${started.endpoint}`);
        return started;
      }),
    );

    const client = new CognitoIdentityProviderClient({
      endpoint: cognito.endpoint,
      region: policy.region,
      credentials: LOCAL_CREDENTIALS,
    });
    // What fires is the pool's LambdaConfig, as in Cognito. A trigger the environment leaves out
    // (settings.triggers) has no function: its slot stays empty, and nothing fires there.
    const byFolder = (folder: TriggerFolder) => {
      const fn = policy.functions.find((candidate) => candidate.folder === folder);
      return fn && localFunctionArn(policy.region, fn.name);
    };
    const pool = await createLocalPool(client, {
      name: policy.namePrefix,
      groups: policy.groups,
      preTokenGenerationVersion: policy.preTokenGenerationVersion,
      triggerArns: {
        preSignUp: byFolder('pre-signup'),
        postConfirmation: byFolder('post-confirmation'),
        preAuthentication: byFolder('pre-authentication'),
        preTokenGeneration: byFolder('pre-token-generation'),
        customMessage: byFolder('custom-message'),
      },
    }).finally(() => client.destroy());
    progress(
      `User pool  ${pool.userPoolId}  client ${pool.clientId}  groups ${policy.groups.map((group) => group.name).join(', ') || '(none)'}`,
    );

    let stopped: Promise<void> | undefined;
    return {
      region: policy.region,
      cognitoEndpoint: cognito.endpoint,
      dynamodbEndpoint: dynamo.endpoint,
      userPoolId: pool.userPoolId,
      clientId: pool.clientId,
      tenantTable: policy.tenantTable,
      messages: () => cognito.messages(),
      stop() {
        stopped ??= stopAll();
        return stopped;
      },
      lambdaEndpoint: lambda.endpoint,
      lambdaTimeoutMs: lambda.timeoutMs,
      functions,
      policy,
      dataDir: cognito.dataDir,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

async function findBundles(
  root: string,
  policy: StackPolicy,
  options: StackOptions,
): Promise<Map<string, string>> {
  const bundles = new Map<string, string>();
  const missing: string[] = [];
  for (const fn of policy.functions) {
    const override = options.overrideFunctions?.[fn.name as StackFunctionName]?.bundle;
    const bundle = override ?? join(root, 'triggers', fn.folder, 'dist', 'index.mjs');
    try {
      await access(bundle);
      bundles.set(fn.name, bundle);
    } catch {
      missing.push(relative(root, bundle) || bundle);
    }
  }
  if (missing.length > 0) {
    throw new LocalStackError(
      LocalStackErrorCode.BundleMissing,
      `${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} missing: run pnpm build`,
    );
  }
  return bundles;
}

async function createTable(
  dynamo: LocalDynamo,
  policy: StackPolicy,
  progress: (line: string) => void,
): Promise<void> {
  const client = new DynamoDBClient({
    endpoint: dynamo.endpoint,
    region: policy.region,
    credentials: LOCAL_CREDENTIALS,
  });
  try {
    await createTenantTable(client, policy.tenantTable);
  } finally {
    client.destroy();
  }
  progress(`DynamoDB API (dynalite)  ${dynamo.endpoint}  table ${policy.tenantTable}`);
}

/**
 * Awaits the emulator and a task started beside it; the emulator, once started, is registered in
 * `running` (so that the task's failure stops it too), and a failure is thrown once both settled.
 */
async function settleBeside<T extends Stoppable>(
  running: Stoppable[],
  task: Promise<void>,
  service: Promise<T>,
): Promise<T> {
  const [done, started] = await Promise.allSettled([task, service]);
  if (started.status === 'fulfilled') running.push(started.value);
  if (done.status === 'rejected') throw done.reason;
  if (started.status === 'rejected') throw started.reason;
  return started.value;
}
