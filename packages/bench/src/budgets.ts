import type { BundleSection } from './bundles.js';
import { ColdKind, type ColdSection } from './cold-start.js';
import type { EndToEndSection } from './end-to-end.js';
import type { ProvisioningSection } from './provisioning.js';
import type { WarmSection } from './warm.js';

/** One budget: where it is written, what it allows, what was measured, and the verdict. */
export interface BudgetCheck {
  readonly subject: string;
  readonly source: string;
  readonly budget: string;
  readonly measured: string;
  readonly pass: boolean;
}

/** How much over an SDK-only floor a trigger that needs the SDK may be (DESIGN.md). */
export const SDK_FLOOR_ALLOWANCE = 1.1;
/** "Cold import within a few milliseconds of an empty module" (DESIGN.md), read as 5 ms. */
export const PURE_COLD_ALLOWANCE_MS = 5;
/** "Warm handler p99 in microseconds, not milliseconds" (DESIGN.md). */
export const PURE_WARM_P99_US = 1_000;
/** Cognito's limit for any trigger. */
export const COGNITO_LIMIT_MS = 5_000;

export interface Measurements {
  readonly bundles: BundleSection | undefined;
  readonly cold: ColdSection | undefined;
  readonly warm: WarmSection | undefined;
  readonly provisioning: ProvisioningSection | undefined;
  readonly e2e: EndToEndSection | undefined;
}

const bytes = (value: number) => `${value.toLocaleString('en')} B`;
const DESIGN = 'DESIGN.md';
const PACKAGE = 'package.json cognitoTrigger';

/**
 * Every budget of the trigger issues, DESIGN.md and the tenancy README that these
 * measurements can check. A section that did not run checks nothing.
 *
 * @example
 * const misses = checkBudgets(measurements).filter((check) => !check.pass);
 */
export function checkBudgets(measured: Measurements): BudgetCheck[] {
  return [
    ...bundleBudgets(measured.bundles, measured.warm),
    ...coldBudgets(measured.cold),
    ...warmBudgets(measured.warm),
    ...provisioningBudgets(measured.provisioning),
    ...endToEndBudgets(measured.e2e),
  ];
}

function bundleBudgets(
  section: BundleSection | undefined,
  warm: WarmSection | undefined,
): BudgetCheck[] {
  const checks: BudgetCheck[] = [];
  for (const found of section?.findings ?? []) {
    const subject = found.trigger;
    if (found.awsSdk === false) {
      checks.push({
        subject,
        source: PACKAGE,
        budget: `bundle ≤ ${bytes(found.maxBundleBytes)}`,
        measured: bytes(found.bytes),
        pass: found.bytes <= found.maxBundleBytes,
      });
      checks.push({
        subject,
        source: `${PACKAGE} (awsSdk: false)`,
        budget: 'no AWS SDK module in the bundle',
        measured: `${found.sdkInputs} SDK modules`,
        pass: found.sdkInputs === 0,
      });
      continue;
    }
    if (found.floor !== undefined) {
      const limit = Math.floor(found.floor.bytes * SDK_FLOOR_ALLOWANCE);
      checks.push({
        subject,
        source: DESIGN,
        budget: `${found.awsSdk === 'lazy' ? 'all chunks' : 'bundle'} ≤ 110 % of its SDK floor (${bytes(limit)})`,
        measured: `${bytes(found.bytes)} (${percent(found.bytes / found.floor.bytes - 1)})`,
        pass: found.bytes <= limit,
      });
    }
    checks.push({
      subject,
      source: PACKAGE,
      budget: `${found.awsSdk === 'lazy' ? 'all chunks' : 'bundle'} ≤ ${bytes(found.maxBundleBytes)}`,
      measured: bytes(found.bytes),
      pass: found.bytes <= found.maxBundleBytes,
    });
    if (found.awsSdk === 'lazy' && found.maxEntryBytes !== undefined) {
      checks.push({
        subject,
        source: PACKAGE,
        budget: `cold-start files ≤ ${bytes(found.maxEntryBytes)}`,
        measured: bytes(found.entryBytes),
        pass: found.entryBytes <= found.maxEntryBytes,
      });
      const runtime = (warm?.results ?? []).filter(
        (row) => row.trigger === found.trigger && row.coldFilesOnly,
      );
      const ranClean = runtime.every((row) => row.valid);
      checks.push({
        subject,
        source: `${PACKAGE} (awsSdk: "lazy"), ${DESIGN}`,
        budget: 'no SDK at cold start; the path without the store loads none',
        measured:
          `${found.sdkInputsAtColdStart} SDK modules in the cold-start files` +
          (runtime.length > 0
            ? `; ${runtime.length} warm rows ran from those files alone${ranClean ? '' : ', some wrongly'}`
            : ''),
        pass: found.sdkInputsAtColdStart === 0 && ranClean,
      });
    }
  }
  return checks;
}

function coldBudgets(section: ColdSection | undefined): BudgetCheck[] {
  return (section?.results ?? [])
    .filter(
      (result) =>
        result.kind === ColdKind.Ours &&
        (result.trigger === 'pre-signup' ||
          result.trigger === 'custom-message' ||
          result.trigger === 'pre-authentication' ||
          result.trigger === 'pre-token-generation'),
    )
    .map((result) => ({
      subject: result.trigger ?? '',
      source: `${DESIGN} ("within a few milliseconds of an empty module")`,
      budget: `cold import ≤ empty module + ${PURE_COLD_ALLOWANCE_MS} ms`,
      measured: `+${result.overEmpty.ms.median.toFixed(2)} ms (median of ${result.overEmpty.ms.n} paired rounds)`,
      pass: result.overEmpty.ms.median <= PURE_COLD_ALLOWANCE_MS,
    }));
}

function warmBudgets(section: WarmSection | undefined): BudgetCheck[] {
  return (section?.results ?? [])
    .filter((row) => row.variant === 'ours' && !row.io)
    .map((row) => ({
      subject: `${row.trigger}: ${row.path}`,
      source: `${DESIGN} ("p99 in microseconds, not milliseconds")`,
      budget: `warm p99 < ${PURE_WARM_P99_US.toLocaleString('en')} µs`,
      measured: `${row.us.p99.toFixed(1)} µs${row.valid ? '' : ' (answers were wrong!)'}`,
      pass: row.us.p99 < PURE_WARM_P99_US && row.valid,
    }));
}

function provisioningBudgets(section: ProvisioningSection | undefined): BudgetCheck[] {
  if (section === undefined) return [];
  const checks: BudgetCheck[] = section.cases.flatMap((item) =>
    item.budget === undefined
      ? []
      : [
          {
            subject: `provisioning: ${item.name}`,
            source: 'packages/tenancy README, DESIGN.md',
            budget: `≤ ${item.budget.dynamodb} DynamoDB round trips, ≤ ${item.budget.cognito} Cognito calls`,
            measured: `${item.dynamodb.attempts} + ${item.cognito}`,
            pass:
              item.dynamodb.attempts <= item.budget.dynamodb && item.cognito <= item.budget.cognito,
          },
        ],
  );
  const { concurrent } = section;
  const dynamodb = 4 + 3 * (concurrent.users - 1);
  const cognito = 2 * concurrent.users;
  checks.push({
    subject: `provisioning: ${concurrent.users} concurrent joiners`,
    source: 'packages/tenancy README (one new tenant, the rest joining)',
    budget: `≤ ${dynamodb} DynamoDB round trips, ≤ ${cognito} Cognito calls in all; one tenant, one admin`,
    measured: `${concurrent.dynamodbAttempts} + ${concurrent.cognitoCalls}; ${concurrent.converged ? 'one tenant, one admin' : 'did NOT converge'}`,
    pass:
      concurrent.dynamodbAttempts <= dynamodb &&
      concurrent.cognitoCalls <= cognito &&
      concurrent.converged,
  });
  return checks;
}

function endToEndBudgets(section: EndToEndSection | undefined): BudgetCheck[] {
  if (section === undefined || !section.measured) return [];
  // The API call's own wall time bounds every trigger it waited for, process start included.
  const slowest = Math.max(
    ...[...section.cold, ...section.warm]
      .filter((step) => step.wallMs.n > 0)
      .map((step) => step.wallMs.max),
  );
  return [
    {
      subject: 'end to end: every API call that invoked triggers',
      source: 'COGNITO-FACTS.md (5 s per trigger, not configurable)',
      budget: `< ${COGNITO_LIMIT_MS.toLocaleString('en')} ms, cold starts included`,
      measured: `slowest ${slowest.toFixed(1)} ms`,
      pass: slowest < COGNITO_LIMIT_MS,
    },
  ];
}

function percent(fraction: number): string {
  return `${fraction >= 0 ? '+' : ''}${(fraction * 100).toFixed(1)} %`;
}
