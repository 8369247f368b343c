import { performance } from 'node:perf_hooks';
import { defineConfig } from '@cognito-triggers/events';
import { SAMPLE } from '@cognito-triggers/events/testing';
import {
  cognitoUserDirectory,
  createCognitoClient,
  createTenantStore,
  createTenantTable,
  type ProvisionRequest,
  proveEmail,
  provisionUser,
  tenancyPolicyVariables,
} from '@cognito-triggers/tenancy';
import {
  countRequests,
  LOCAL_AWS,
  scanTable,
  startDynamo,
  uniqueTableName,
} from '@cognito-triggers/tenancy/testing';
import { startCognitoStub } from './cognito-stub.js';
import type { BenchSettings } from './options.js';
import { type Summary, summarise } from './stats.js';
import { TENANCY_ENVIRONMENT } from './triggers.js';
import { benchUser } from './users.js';

/** Round trips a case may cost: the tenancy README's table. */
export interface CallBudget {
  readonly dynamodb: number;
  readonly cognito: number;
}

/** One provisioning case, repeated on fresh domains. */
export interface ProvisioningCase {
  readonly name: string;
  readonly budget: CallBudget | undefined;
  readonly runs: number;
  /** DynamoDB `send` calls and HTTP attempts (retries included), the most any run made. */
  readonly dynamodb: { readonly calls: number; readonly attempts: number };
  /** Cognito calls (SDK attempts; the stub saw the same number). */
  readonly cognito: number;
  readonly latencyMs: Summary;
}

/** Fifty colleagues confirming at once. */
export interface ConcurrentCase {
  readonly users: number;
  readonly runs: number;
  /** Totals over all users, the largest of the runs. */
  readonly dynamodbAttempts: number;
  readonly dynamodbCalls: number;
  readonly cognitoCalls: number;
  /** Wall time of each run, from the first call to the last answer. */
  readonly wallMs: Summary;
  /** Each user's provisioning, over every run. */
  readonly perUserMs: Summary & { readonly p99: number };
  /** Every run ended with one tenant and one admin. */
  readonly converged: boolean;
}

export interface ProvisioningSection {
  readonly cases: readonly ProvisioningCase[];
  readonly concurrent: ConcurrentCase;
}

/**
 * Provisioning cost with `provisionUser` against dynalite (in this process) and a loopback
 * Cognito stub, through the real SDK clients of @cognito-triggers/tenancy: round trips counted
 * with `countRequests`, latency per call.
 *
 * @example
 * const provisioning = await measureProvisioning(settings, console.error);
 */
export async function measureProvisioning(
  settings: BenchSettings,
  progress: (line: string) => void,
): Promise<ProvisioningSection> {
  const dynamo = await startDynamo();
  const stub = await startCognitoStub();
  const cognitoClient = createCognitoClient({ ...LOCAL_AWS, endpoint: stub.endpoint });
  try {
    const tableName = uniqueTableName('bench-provisioning');
    await createTenantTable(dynamo.client, tableName);
    const store = createTenantStore({ client: dynamo.client, tableName });
    const directory = cognitoUserDirectory(cognitoClient);
    const policy = defineConfig(tenancyPolicyVariables).load(TENANCY_ENVIRONMENT);
    const dynamoCounter = countRequests(dynamo.client);
    const cognitoCounter = countRequests(cognitoClient);

    const measure = async (action: () => Promise<unknown>) => {
      dynamoCounter.reset();
      cognitoCounter.reset();
      stub.reset();
      const started = performance.now();
      await action();
      return {
        ms: performance.now() - started,
        dynamodbCalls: dynamoCounter.calls,
        dynamodbAttempts: dynamoCounter.attempts,
        cognito: Math.max(cognitoCounter.attempts, stub.total()),
      };
    };
    const request = (n: number, domain: string): ProvisionRequest => {
      const user = benchUser(n, domain);
      return {
        userPoolId: SAMPLE.userPoolId,
        username: user.username,
        sub: user.sub,
        admission: {
          kind: 'email',
          email: proveEmail(
            { username: user.username, attributes: { email: user.email, email_verified: 'true' } },
            policy,
          ),
        },
      };
    };
    const provision = (input: ProvisionRequest) =>
      provisionUser({ store, directory }, input, policy);

    type Measured = Awaited<ReturnType<typeof measure>>;
    const runs = new Map<string, Measured[]>();
    const record = (name: string, measured: Measured) =>
      runs.set(name, [...(runs.get(name) ?? []), measured]);
    for (let run = 0; run < settings.provisioningRepeats; run++) {
      progress(`provisioning: single users, run ${run + 1}/${settings.provisioningRepeats}`);
      const domain = `company${run}.example`;
      const first = request(2 * run, domain);
      const second = request(2 * run + 1, domain);
      record(CASES.newTenant, await measure(() => provision(first)));
      record(CASES.joining, await measure(() => provision(second)));
      const joined = await provision(second);
      record(CASES.retry, await measure(() => provision(second)));
      record(
        CASES.knownRetry,
        await measure(() =>
          provision({
            ...second,
            currentTenantId: joined.tenant.id,
            currentGroups: [joined.group],
          }),
        ),
      );
      record(
        CASES.lookupHint,
        await measure(() => store.lookup(second.sub, { tenantIdHint: joined.tenant.id })),
      );
      record(CASES.lookup, await measure(() => store.lookup(second.sub)));
    }
    const cases = Object.values(CASES).map((name): ProvisioningCase => {
      const measured = runs.get(name) ?? [];
      return {
        name,
        budget: BUDGETS[name],
        runs: measured.length,
        dynamodb: {
          calls: Math.max(...measured.map((m) => m.dynamodbCalls)),
          attempts: Math.max(...measured.map((m) => m.dynamodbAttempts)),
        },
        cognito: Math.max(...measured.map((m) => m.cognito)),
        latencyMs: summarise(measured.map((m) => m.ms)),
      };
    });

    const perUser: number[] = [];
    const walls: number[] = [];
    const totals = { attempts: 0, calls: 0, cognito: 0 };
    let converged = true;
    for (let run = 0; run < settings.concurrentRuns; run++) {
      progress(
        `provisioning: ${settings.concurrentUsers} concurrent joiners, run ${run + 1}/${settings.concurrentRuns}`,
      );
      const domain = `crowd${run}.example`;
      const crowd = Array.from({ length: settings.concurrentUsers }, (_, n) =>
        request(10_000 * (run + 1) + n, domain),
      );
      let results: Awaited<ReturnType<typeof provision>>[] = [];
      const measured = await measure(async () => {
        results = await Promise.all(
          crowd.map(async (input) => {
            const started = performance.now();
            const result = await provision(input);
            perUser.push(performance.now() - started);
            return result;
          }),
        );
      });
      walls.push(measured.ms);
      totals.attempts = Math.max(totals.attempts, measured.dynamodbAttempts);
      totals.calls = Math.max(totals.calls, measured.dynamodbCalls);
      totals.cognito = Math.max(totals.cognito, measured.cognito);
      const tenantId = results[0]?.tenant.id ?? '';
      const items = await scanTable(dynamo.client, tableName);
      const tenants = items.filter((item) => item.PK?.S === `TENANT#${tenantId}`);
      const roles = items
        .filter((item) => item.SK?.S === `TENANT#${tenantId}` && item.PK?.S?.startsWith('USER#'))
        .map((item) => item.role?.S);
      converged &&=
        tenants.length === 1 &&
        roles.length === crowd.length &&
        roles.filter((role) => role === 'admin').length === 1 &&
        results.every((result) => result.tenant.id === tenantId);
    }
    dynamoCounter.stop();
    cognitoCounter.stop();
    const sorted = [...perUser].sort((a, b) => a - b);
    return {
      cases,
      concurrent: {
        users: settings.concurrentUsers,
        runs: settings.concurrentRuns,
        dynamodbAttempts: totals.attempts,
        dynamodbCalls: totals.calls,
        cognitoCalls: totals.cognito,
        wallMs: summarise(walls),
        perUserMs: { ...summarise(perUser), p99: sorted[Math.ceil(sorted.length * 0.99) - 1] ?? 0 },
        converged,
      },
    };
  } finally {
    cognitoClient.destroy();
    await stub.stop();
    await dynamo.stop();
  }
}

const CASES = {
  newTenant: 'a new tenant (first user of a domain)',
  joining: 'a joining user',
  retry: 'a retry (the same confirmation again)',
  knownRetry: 'a retry that knows the attribute and groups (reconcile, token healing)',
  lookupHint: 'lookup with a tenant hint (token trigger, cache miss)',
  lookup: 'lookup without a hint',
} as const;

// From packages/tenancy/README.md ("Budgets, measured") and DESIGN.md (Performance).
const BUDGETS: Record<string, CallBudget | undefined> = {
  [CASES.newTenant]: { dynamodb: 4, cognito: 2 },
  [CASES.joining]: { dynamodb: 3, cognito: 2 },
  [CASES.retry]: { dynamodb: 3, cognito: 2 },
  [CASES.knownRetry]: { dynamodb: 3, cognito: 2 },
};
