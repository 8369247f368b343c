import type {
  CognitoIdentityProviderClient,
  LambdaConfigType,
} from '@aws-sdk/client-cognito-identity-provider';
import {
  clientsWriteProtectedError,
  protectedAttributeNames,
  writableProtectedAttributes,
} from './app-clients.js';
import { describePool, describePoolClients, type PoolTarget, updatePool } from './client.js';
import { emailUpdateWarning } from './email-update.js';
import { PoolError } from './errors.js';
import {
  attachTriggers,
  detachTriggers,
  diffLambdaConfig,
  SUITE_SLOTS,
  type SuiteSlot,
  type SuiteTriggers,
} from './lambda-config.js';
import type { AttachmentRecords } from './records.js';
import { assertKnownFields, updateRequest } from './update-request.js';

/** What attach is asked to do. */
export interface AttachRequest {
  /** The suite's functions, by slot. */
  readonly triggers: SuiteTriggers;
  /** Slots whose foreign trigger may be replaced (recorded, and put back by detach). */
  readonly replaceable?: readonly SuiteSlot[];
  /** Attributes no app client may write, besides the built-in ones. */
  readonly protectedAttributes?: readonly string[];
  /** ARNs the suite had attached before (an update that renamed a function): ours, not foreign. */
  readonly previous?: Readonly<Partial<Record<SuiteSlot, string>>>;
}

/** What detach is asked to remove: the suite's function ARNs by slot. */
export type DetachRequest = Readonly<Partial<Record<SuiteSlot, string | undefined>>>;

/** What attach or detach found and did (or, on a dry run, would do). */
export interface AttachmentResult {
  readonly poolId: string;
  readonly before: LambdaConfigType;
  readonly after: LambdaConfigType;
  /** The LambdaConfig before → after, one slot a line (empty when nothing changes). */
  readonly diff: readonly string[];
  /** Foreign triggers replaced by attach (recorded), as Cognito described them. */
  readonly replaced: LambdaConfigType;
  /** Foreign triggers put back by detach, from the record. */
  readonly restored: LambdaConfigType;
  /** What was checked and found fine, and slots left alone: for the report. */
  readonly notes: readonly string[];
  /** The pool is fine to change, but its owner should know (the email-update setting). */
  readonly warnings: readonly string[];
  /** Whether UpdateUserPool was sent. */
  readonly updated: boolean;
}

/** Options of {@link attach} and {@link detach}. */
export interface ChangeOptions {
  /** Describe, check and compute, but change neither the pool nor the record. */
  readonly dryRun?: boolean;
  /**
   * Called with the result before anything is written, and with the refusal's result too (a
   * dry run's included): the CLI prints the plan before a refusal, as a reviewer reads it.
   */
  readonly onPlan?: (plan: AttachmentResult) => void;
}

/**
 * Points the pool's slots at the suite's functions and changes nothing else.
 *
 * Refuses, changing nothing (a {@link PoolError}):
 * - `POOL_FIELD_UNKNOWN`: the pool has a setting this code cannot carry over;
 * - `POOL_CLIENT_WRITES_PROTECTED`: an app client can write a protected attribute;
 * - `POOL_TRIGGER_NOT_OURS`: a slot holds another function and is not listed as replaceable;
 * - `POOL_EMAIL_LINK_MODE`: the custom message function would go to a pool that verifies email
 *   addresses with a link, which its sign-up messages do not carry.
 *
 * A foreign trigger in a replaceable slot is written to `records` before the pool is updated, so
 * that a crash in between loses nothing: detach puts it back. Running it twice changes nothing
 * the second time.
 *
 * @example
 * ```ts
 * await attach(cognito, { poolId, region }, { triggers: { PreSignUp: arn } }, tableRecords(ddb, table));
 * ```
 */
export async function attach(
  client: CognitoIdentityProviderClient,
  target: PoolTarget,
  request: AttachRequest,
  records: AttachmentRecords,
  options: ChangeOptions = {},
): Promise<AttachmentResult> {
  const pool = await describePool(client, target);
  assertKnownFields(pool);
  const clients = await describePoolClients(client, target);
  const protectedNames = protectedAttributeNames(request.protectedAttributes);
  const findings = writableProtectedAttributes(clients, protectedNames);

  const before = pool.LambdaConfig ?? {};
  const replaceable = new Set(request.replaceable ?? []);
  const replaced: Record<string, unknown> = {};
  const foreign: string[] = [];
  for (const slot of SUITE_SLOTS) {
    const ours = arnOf(request.triggers, slot);
    const current = slotArn(before, slot);
    if (ours === undefined || current === undefined || current === ours) continue;
    if (current === request.previous?.[slot]) continue;
    if (replaceable.has(slot)) Object.assign(replaced, slotFields(before, slot));
    else foreign.push(`${slot} points at ${current}`);
  }
  const { config: after } = attachTriggers(before, request.triggers);
  const warning = emailUpdateWarning(pool);
  const plan: AttachmentResult = {
    poolId: target.poolId,
    before,
    after,
    diff: diffLambdaConfig(before, after),
    replaced: replaced as LambdaConfigType,
    restored: {},
    notes: [
      ...Object.keys(replaced).map(
        (field) =>
          `${field}: replaces ${render((replaced as Record<string, unknown>)[field])} (recorded in ${records.where}; detach puts it back)`,
      ),
      ...(findings.length === 0
        ? [`app clients: ${clients.length} checked, none can write ${protectedNames.join(', ')}`]
        : []),
    ],
    warnings: warning === undefined ? [] : [warning],
    updated: false,
  };
  options.onPlan?.(plan);

  if (findings.length > 0) {
    throw clientsWriteProtectedError(target.poolId, protectedNames, findings);
  }
  if (foreign.length > 0) throw notOursError(target.poolId, foreign);
  if (
    arnOf(request.triggers, 'CustomMessage') !== undefined &&
    pool.VerificationMessageTemplate?.DefaultEmailOption === 'CONFIRM_WITH_LINK'
  ) {
    throw linkModeError(target.poolId);
  }
  if (options.dryRun === true || plan.diff.length === 0) return plan;

  if (Object.keys(replaced).length > 0) {
    const recorded = await records.get(target.poolId);
    await records.put(target.poolId, mergeRecord(recorded, replaced as LambdaConfigType));
  }
  await updatePool(client, target, updateRequest(pool, after));
  return { ...plan, updated: true };
}

/**
 * Removes the suite's functions from the pool's slots that still point at them, and puts back
 * what attach recorded as replaced there. A slot someone has since pointed elsewhere is theirs:
 * it stays, and its record is dropped. Every other trigger and setting stays as it is.
 *
 * @example
 * ```ts
 * await detach(cognito, { poolId, region }, { PreSignUp: arn }, tableRecords(ddb, table));
 * ```
 */
export async function detach(
  client: CognitoIdentityProviderClient,
  target: PoolTarget,
  request: DetachRequest,
  records: AttachmentRecords,
  options: ChangeOptions = {},
): Promise<AttachmentResult> {
  const pool = await describePool(client, target);
  assertKnownFields(pool);
  const before = pool.LambdaConfig ?? {};
  const recorded = await records.get(target.poolId);
  const { config, notes } = detachTriggers(before, {
    PreSignUp: request.PreSignUp,
    PostConfirmation: request.PostConfirmation,
    PreAuthentication: request.PreAuthentication,
    CustomMessage: request.CustomMessage,
    PreTokenGeneration: request.PreTokenGeneration,
  });
  const after: Record<string, unknown> = { ...config };
  const restored: Record<string, unknown> = {};
  let remaining: LambdaConfigType = recorded;
  for (const slot of SUITE_SLOTS) {
    const ours = request[slot];
    if (ours === undefined) continue;
    // The record of a slot we name is spent either way: put back, or overtaken by someone else.
    remaining = withoutSlot(remaining, slot);
    if (slotArn(before, slot) !== ours) continue;
    const fields = slotFields(recorded, slot);
    Object.assign(after, fields);
    Object.assign(restored, fields);
  }
  const plan: AttachmentResult = {
    poolId: target.poolId,
    before,
    after: after as LambdaConfigType,
    diff: diffLambdaConfig(before, after as LambdaConfigType),
    replaced: {},
    restored: restored as LambdaConfigType,
    notes: [
      ...notes,
      ...Object.keys(restored).map(
        (field) => `${field}: puts back ${render(restored[field])} (recorded in ${records.where})`,
      ),
    ],
    warnings: [],
    updated: false,
  };
  options.onPlan?.(plan);
  if (options.dryRun === true) return plan;
  if (plan.diff.length > 0) await updatePool(client, target, updateRequest(pool, plan.after));
  if (!sameRecord(recorded, remaining)) await records.put(target.poolId, remaining);
  return { ...plan, updated: plan.diff.length > 0 };
}

/** The ARN a slot of the request names (pre token generation's is inside its object). */
function arnOf(triggers: SuiteTriggers, slot: SuiteSlot): string | undefined {
  const value = triggers[slot];
  return typeof value === 'string' ? value : value?.arn;
}

/** The function a pool's slot points at; pre token generation's versioned config wins. */
export function slotArn(config: LambdaConfigType, slot: SuiteSlot): string | undefined {
  if (slot === 'PreTokenGeneration') {
    return config.PreTokenGenerationConfig?.LambdaArn ?? config.PreTokenGeneration;
  }
  return config[slot];
}

/** The LambdaConfig fields of one slot, as described (pre token generation has two). */
function slotFields(config: LambdaConfigType, slot: SuiteSlot): LambdaConfigType {
  if (slot === 'PreTokenGeneration') {
    return {
      ...(config.PreTokenGenerationConfig === undefined
        ? {}
        : { PreTokenGenerationConfig: config.PreTokenGenerationConfig }),
      ...(config.PreTokenGeneration === undefined
        ? {}
        : { PreTokenGeneration: config.PreTokenGeneration }),
    };
  }
  return config[slot] === undefined ? {} : { [slot]: config[slot] };
}

function withoutSlot(config: LambdaConfigType, slot: SuiteSlot): LambdaConfigType {
  const rest: Record<string, unknown> = { ...config };
  if (slot === 'PreTokenGeneration') {
    delete rest.PreTokenGenerationConfig;
    delete rest.PreTokenGeneration;
  } else {
    delete rest[slot];
  }
  return rest as LambdaConfigType;
}

/** The record after replacing more slots: a slot replaced again keeps its latest owner. */
function mergeRecord(recorded: LambdaConfigType, replaced: LambdaConfigType): LambdaConfigType {
  let merged = recorded;
  for (const slot of SUITE_SLOTS) {
    const fields = slotFields(replaced, slot);
    if (Object.keys(fields).length > 0) merged = { ...withoutSlot(merged, slot), ...fields };
  }
  return merged;
}

function sameRecord(a: LambdaConfigType, b: LambdaConfigType): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function render(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function linkModeError(poolId: string): PoolError {
  return new PoolError(
    'POOL_EMAIL_LINK_MODE',
    [
      `user pool ${poolId} verifies email addresses with a link (VerificationMessageTemplate.DefaultEmailOption CONFIRM_WITH_LINK), and the custom message function writes codes: its sign-up emails would carry no link. The pool was not changed.`,
      'Switch the pool to CONFIRM_WITH_CODE (custom-message gives a one-click link into your app with verify_link_url), or leave custom-message out of the suite (settings.triggers).',
    ].join('\n'),
  );
}

function notOursError(poolId: string, foreign: readonly string[]): PoolError {
  return new PoolError(
    'POOL_TRIGGER_NOT_OURS',
    [
      `user pool ${poolId} already has triggers that are not the suite's, and attach never replaces one silently. The pool was not changed.`,
      ...foreign.map((line) => `  ${line}`),
      'To replace one, list its slot as replaceable (Terraform: replace_triggers = ["custom-message", …]; CLI: --replace custom-message). Attach records what it replaced, and detach puts it back. Or leave that trigger out of the suite (settings.triggers).',
    ].join('\n'),
  );
}
