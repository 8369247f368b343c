import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { defineConfig } from '@cognito-triggers/events';
import {
  customMessageEvent,
  postConfirmationEvent,
  preAuthenticationEvent,
  preSignUpEvent,
  preTokenGenerationEvent,
  SAMPLE,
} from '@cognito-triggers/events/testing';
import {
  cognitoUserDirectory,
  createCognitoClient,
  createTenantStore,
  createTenantTable,
  proveEmail,
  provisionUser,
  tenancyPolicyVariables,
} from '@cognito-triggers/tenancy';
import { LOCAL_AWS, startDynamo, uniqueTableName } from '@cognito-triggers/tenancy/testing';
import { bundle } from './build.js';
import type { TriggerArtifacts } from './bundles.js';
import { startCognitoStub } from './cognito-stub.js';
import { BenchError } from './errors.js';
import type { BenchSettings } from './options.js';
import { runProbe } from './probe.js';
import {
  BENCH_DIR,
  MACHINE_CLIENT_ID,
  processEnvironment,
  TENANCY_ENVIRONMENT,
  type TriggerName,
} from './triggers.js';
import { type BenchUser, benchUser } from './users.js';

/** Which code a warm row runs. */
export const WarmVariant = {
  Ours: 'ours',
  Naive: 'naive',
  Powertools: 'powertools',
  /** Part of ours, bundled from source without the wrapper: the pure decision. */
  Decision: 'decision',
} as const;
export type WarmVariant = (typeof WarmVariant)[keyof typeof WarmVariant];

/** One warm row: latency per invocation in microseconds. */
export interface WarmResult {
  readonly trigger: TriggerName;
  readonly path: string;
  readonly variant: WarmVariant;
  /** The row waits for DynamoDB or Cognito (local servers): not a pure path. */
  readonly io: boolean;
  /** Ran from a copy of dist/ holding only what cold start loads (no SDK chunk). */
  readonly coldFilesOnly: boolean;
  readonly iterations: number;
  readonly us: {
    readonly p50: number;
    readonly p90: number;
    readonly p99: number;
    readonly p999: number;
    readonly max: number;
    readonly mean: number;
  };
  readonly outcomes: { readonly ok: number; readonly threw: number };
  /** Whether the answers were the ones this path should give (see `expected`). */
  readonly valid: boolean;
  readonly expected: string;
}

export interface WarmSection {
  readonly pool: number;
  readonly results: readonly WarmResult[];
}

interface WarmRow {
  readonly trigger: TriggerName;
  readonly path: string;
  readonly variant: WarmVariant;
  readonly io: boolean;
  readonly coldFilesOnly: boolean;
  readonly imports: readonly string[];
  readonly environment: Record<string, string>;
  readonly events: readonly unknown[];
  readonly expected: string;
  readonly check: (result: ProbeResult) => boolean;
}

interface ProbeResult {
  readonly iterations: number;
  readonly ns: Record<'p50' | 'p90' | 'p99' | 'p999' | 'max' | 'mean', number>;
  readonly outcomes: { ok: number; threw: number };
  readonly firstResponse?: unknown;
  readonly firstError?: string;
}

const POOL = 64;

/**
 * Warm latency: each row imports a built bundle once in a fresh Node process (stdout to
 * /dev/null) and times every invocation. Rows that provision or read the store run against
 * dynalite and a loopback Cognito stub in this process.
 *
 * @example
 * const warm = await measureWarm(artifacts, workDir, settings, console.error);
 */
export async function measureWarm(
  artifacts: readonly TriggerArtifacts[],
  workDir: string,
  settings: BenchSettings,
  progress: (line: string) => void,
): Promise<WarmSection> {
  progress('warm: starting dynalite and the Cognito stub, provisioning the users');
  const dynamo = await startDynamo();
  const cognito = await startCognitoStub();
  try {
    const tableName = uniqueTableName('bench-warm');
    await createTenantTable(dynamo.client, tableName);
    const users = await provisionPool(tableName, dynamo.client, cognito.endpoint);
    const services = {
      TENANT_TABLE_NAME: tableName,
      AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
      AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: cognito.endpoint,
    };
    const rows = await defineRows(artifacts, workDir, users, services);
    const results: WarmResult[] = [];
    for (const [index, row] of rows.entries()) {
      const iterations = row.io ? settings.ioIterations : settings.warmIterations;
      const warmup = row.io ? Math.min(settings.warmWarmup, 2 * POOL) : settings.warmWarmup;
      progress(
        `warm: ${index + 1}/${rows.length} ${row.trigger} ${row.variant}: ${row.path} (${iterations.toLocaleString('en')} invocations)`,
      );
      const spec = join(workDir, `warm-${index}.json`);
      await writeFile(
        spec,
        JSON.stringify({ imports: row.imports, events: row.events, iterations, warmup }),
      );
      const result = (await runProbe('warm', [spec], row.environment)) as ProbeResult;
      const us = (ns: number) => ns / 1000;
      results.push({
        trigger: row.trigger,
        path: row.path,
        variant: row.variant,
        io: row.io,
        coldFilesOnly: row.coldFilesOnly,
        iterations: result.iterations,
        us: {
          p50: us(result.ns.p50),
          p90: us(result.ns.p90),
          p99: us(result.ns.p99),
          p999: us(result.ns.p999),
          max: us(result.ns.max),
          mean: us(result.ns.mean),
        },
        outcomes: result.outcomes,
        valid: row.check(result),
        expected: row.expected,
      });
    }
    return { pool: POOL, results };
  } finally {
    await cognito.stop();
    await dynamo.stop();
  }
}

interface ProvisionedUser extends BenchUser {
  readonly tenantId: string;
  readonly group: string;
}

async function provisionPool(
  tableName: string,
  client: Parameters<typeof createTenantStore>[0]['client'],
  cognitoEndpoint: string,
): Promise<ProvisionedUser[]> {
  const store = createTenantStore({ client, tableName });
  const cognitoClient = createCognitoClient({ ...LOCAL_AWS, endpoint: cognitoEndpoint });
  const directory = cognitoUserDirectory(cognitoClient);
  const policy = defineConfig(tenancyPolicyVariables).load(TENANCY_ENVIRONMENT);
  const users: ProvisionedUser[] = [];
  try {
    for (let n = 0; n < POOL; n++) {
      const user = benchUser(n);
      const result = await provisionUser(
        { store, directory },
        {
          userPoolId: SAMPLE.userPoolId,
          username: user.username,
          sub: user.sub,
          admission: {
            kind: 'email',
            email: proveEmail(
              {
                username: user.username,
                attributes: { email: user.email, email_verified: 'true' },
              },
              policy,
            ),
          },
        },
        policy,
      );
      users.push({ ...user, tenantId: result.tenant.id, group: result.group });
    }
  } finally {
    cognitoClient.destroy();
  }
  return users;
}

async function defineRows(
  artifacts: readonly TriggerArtifacts[],
  workDir: string,
  users: readonly ProvisionedUser[],
  services: Readonly<Record<string, string>>,
): Promise<WarmRow[]> {
  const find = (name: TriggerName) => {
    const artifact = artifacts.find((candidate) => candidate.trigger.name === name);
    if (artifact === undefined) throw new BenchError(`no artifacts for ${name}`);
    return artifact;
  };
  const rows: WarmRow[] = [];
  const ok = (result: ProbeResult) => result.outcomes.threw === 0;
  const refused = (result: ProbeResult) => result.outcomes.ok === 0;
  const says = (text: string) => (result: ProbeResult) =>
    ok(result) && JSON.stringify(result.firstResponse ?? null).includes(text);
  const three = (
    artifact: TriggerArtifacts,
    path: string,
    events: readonly unknown[],
    check: (result: ProbeResult) => boolean,
    expected: string,
    ours: readonly string[] = [artifact.entry],
  ) => {
    const { trigger } = artifact;
    const environment = processEnvironment(trigger.environment);
    const base = { trigger: trigger.name, path, io: false, environment, events, check, expected };
    rows.push(
      {
        ...base,
        variant: WarmVariant.Ours,
        coldFilesOnly: ours[0] !== artifact.entry,
        imports: ours,
      },
      { ...base, variant: WarmVariant.Naive, coldFilesOnly: false, imports: [trigger.naive] },
      {
        ...base,
        variant: WarmVariant.Powertools,
        coldFilesOnly: false,
        imports: [artifact.powertools.entry],
      },
    );
  };
  const single = (
    artifact: TriggerArtifacts,
    row: Omit<WarmRow, 'trigger' | 'variant' | 'coldFilesOnly' | 'io' | 'environment'> &
      Partial<Pick<WarmRow, 'variant' | 'coldFilesOnly' | 'io'>> & {
        readonly extra?: Readonly<Record<string, string>>;
      },
  ) => {
    const { extra, ...rest } = row;
    rows.push({
      variant: WarmVariant.Ours,
      coldFilesOnly: false,
      io: false,
      trigger: artifact.trigger.name,
      environment: processEnvironment({ ...artifact.trigger.environment, ...extra }),
      ...rest,
    });
  };

  // Pre sign-up: allowed (exact and wildcard domains), refused (look-alikes).
  const signUp = find('pre-signup');
  const allowedDomains = ['example.com', 'eu.example.org', 'a.b.example.org'];
  const allowed = users.map((user, n) =>
    preSignUpEvent('PreSignUp_SignUp', {
      email: `user${n}@${allowedDomains[n % allowedDomains.length]}`,
      userName: user.username,
    }),
  );
  three(
    signUp,
    'PreSignUp_SignUp, allowed',
    allowed,
    says('"autoVerifyEmail":false'),
    'every sign-up allowed',
  );
  single(signUp, {
    path: 'PreSignUp_SignUp, refused (look-alike domains)',
    imports: [signUp.entry],
    events: users.map((user, n) =>
      preSignUpEvent('PreSignUp_SignUp', {
        email: `user${n}@example.org.evil${n % 4}.io`,
        userName: user.username,
      }),
    ),
    check: refused,
    expected: 'every sign-up refused',
  });
  single(signUp, {
    path: 'PreSignUp_SignUp, allowed, log level WARN (no log line)',
    imports: [signUp.entry],
    events: allowed,
    check: ok,
    expected: 'every sign-up allowed',
    extra: { AWS_LAMBDA_LOG_LEVEL: 'WARN' },
  });

  // Custom message: sign-up codes in the five locales, and invitations.
  const messages = find('custom-message');
  const locales = ['en', 'de-AT', 'fr', 'es', 'pt-BR'];
  const signUpMessages = users.map((user, n) =>
    customMessageEvent('CustomMessage_SignUp', {
      email: user.email,
      userAttributes: { locale: locales[n % locales.length] ?? 'en', given_name: `Ana ${n}` },
    }),
  );
  three(
    messages,
    'CustomMessage_SignUp, 5 locales',
    signUpMessages,
    says('{####}'),
    'a message with the code placeholder',
  );
  single(messages, {
    path: 'CustomMessage_AdminCreateUser (invitation)',
    imports: [messages.entry],
    events: users.map((user) =>
      customMessageEvent('CustomMessage_AdminCreateUser', { email: user.email }),
    ),
    check: says('{username}'),
    expected: 'an invitation with the username placeholder',
  });

  // Post confirmation: the pure paths, then a real provisioning retry against local servers.
  const confirmation = find('post-confirmation');
  single(confirmation, {
    path: 'PostConfirmation_ConfirmForgotPassword (nothing to do)',
    imports: [confirmation.entry],
    events: users.map((user) =>
      postConfirmationEvent('PostConfirmation_ConfirmForgotPassword', {
        email: user.email,
        userName: user.username,
        userAttributes: { sub: user.sub },
      }),
    ),
    check: ok,
    expected: 'no error',
  });
  const confirmations = users.map((user) =>
    postConfirmationEvent('PostConfirmation_ConfirmSignUp', {
      email: user.email,
      userName: user.username,
      userAttributes: { sub: user.sub },
    }),
  );
  const decision = await bundle({
    workingDir: BENCH_DIR,
    entry: { file: 'variants/decision/post-confirmation.ts' },
    outDir: join(workDir, 'decision'),
    lazy: false,
  });
  single(confirmation, {
    path: 'ConfirmSignUp: the decision only (provisioningRequest + resolveTenant)',
    variant: WarmVariant.Decision,
    imports: [decision.entry],
    events: confirmations,
    check: ok,
    expected: 'a tenant for every user',
  });
  single(confirmation, {
    path: 'ConfirmSignUp, a retry: 2 UpdateItem (dynalite) + 2 Cognito calls (loopback stub)',
    io: true,
    imports: [confirmation.entry],
    events: confirmations,
    check: ok,
    expected: 'every user provisioned',
    extra: services,
  });

  // Pre token generation: without the store (from a copy of the cold-start files only), then
  // with the store and its cache warm.
  const token = find('pre-token-generation');
  const coldCopy = await copyColdFiles(token, join(workDir, 'pre-token-cold'));
  const tokenEvents = (version: 1 | 2) =>
    users.map((user) =>
      preTokenGenerationEvent(version, 'TokenGeneration_Authentication', {
        email: user.email,
        userName: user.username,
        userAttributes: { sub: user.sub, 'custom:tenant_id': user.tenantId },
        groups: [user.group, 'beta-testers'],
      }),
    );
  single(token, {
    path: 'V1 TokenGeneration_Authentication, no store',
    imports: [coldCopy],
    coldFilesOnly: true,
    events: tokenEvents(1),
    check: says('tenant_role'),
    expected: 'tenant claims from the attributes',
  });
  three(
    token,
    'V2 TokenGeneration_Authentication, no store',
    tokenEvents(2),
    says('tenant_role'),
    'tenant claims from the attributes',
    [coldCopy],
  );
  single(token, {
    path: 'V3 TokenGeneration_ClientCredentials (machine client)',
    imports: [coldCopy],
    coldFilesOnly: true,
    events: users.map(() =>
      preTokenGenerationEvent(3, 'TokenGeneration_ClientCredentials', {
        clientId: MACHINE_CLIENT_ID,
      }),
    ),
    check: says('"tenant_role":"service"'),
    expected: 'the machine role claim',
  });
  single(token, {
    path: 'V2 TokenGeneration_Authentication, store, cache warm',
    imports: [token.entry],
    events: tokenEvents(2),
    check: says('tenant_tier'),
    expected: 'the tier claim, which only the store knows',
    extra: { ...services, TOKEN_CACHE_TTL_SECONDS: '3600' },
  });
  single(token, {
    path: 'V2 TokenGeneration_Authentication, store: one GetItem per call (no cache)',
    variant: WarmVariant.Naive,
    io: true,
    imports: [token.trigger.naive],
    events: tokenEvents(2),
    check: says('tenant_role'),
    expected: 'tenant claims from the store',
    extra: services,
  });

  // Pre authentication: without the store (from a copy of the cold-start files only), then with
  // the store and its cache warm (every user a member of an active tenant: all let in).
  const signInCheck = find('pre-authentication');
  const signInCold = await copyColdFiles(signInCheck, join(workDir, 'pre-auth-cold'));
  const signIns = users.map((user) =>
    preAuthenticationEvent({
      email: user.email,
      userName: user.username,
      userAttributes: { sub: user.sub, 'custom:tenant_id': user.tenantId },
    }),
  );
  three(
    signInCheck,
    'PreAuthentication_Authentication, no store',
    signIns,
    ok,
    'every sign-in let in',
    [signInCold],
  );
  single(signInCheck, {
    path: 'PreAuthentication_Authentication, store, warm cache (active tenants)',
    imports: [signInCheck.entry],
    events: signIns,
    check: ok,
    expected: 'every member let in',
    extra: { ...services, TOKEN_CACHE_TTL_SECONDS: '3600' },
  });
  single(signInCheck, {
    path: 'PreAuthentication_Authentication, store: one GetItem of the tenant per call',
    variant: WarmVariant.Naive,
    io: true,
    imports: [signInCheck.trigger.naive],
    events: signIns,
    check: ok,
    expected: 'every member let in',
    extra: services,
  });
  return rows;
}

/** Copies dist/index.mjs and the chunks it imports statically; returns the copy's index.mjs. */
async function copyColdFiles(artifact: TriggerArtifacts, into: string): Promise<string> {
  const dist = join(artifact.trigger.dir, 'dist');
  for (const file of artifact.coldFiles) {
    const target = join(into, relative(dist, file));
    await mkdir(dirname(target), { recursive: true });
    await copyFile(file, target);
  }
  return join(into, 'index.mjs');
}
