import type { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { type AttachmentResult, attach, detach } from './attachment.js';
import { type PoolTarget, regionOfPool } from './client.js';
import { PoolError } from './errors.js';
import {
  PRE_TOKEN_VERSIONS,
  type PreTokenVersion,
  SUITE_SLOTS,
  type SuiteSlot,
  type SuiteTriggers,
} from './lambda-config.js';
import { ATTRIBUTE_NAME_PATTERN, LAMBDA_ARN_PATTERN, POOL_ID_PATTERN } from './patterns.js';
import type { AttachmentRecords } from './records.js';

/**
 * What Terraform's `aws_lambda_invocation` (with `lifecycle_scope = "CRUD"`) sends the attach
 * function: the module's input, and under `tf` the action and the input before it.
 *
 * @example
 * ```json
 * {
 *   "userPoolId": "eu-west-1_AbC123",
 *   "triggers": { "PreSignUp": "arn:aws:lambda:…:function:app-prod-PreSignUp" },
 *   "preTokenGenerationVersion": "V2_0",
 *   "replaceable": ["CustomMessage"],
 *   "protectedAttributes": ["custom:plan"],
 *   "tf": { "action": "create", "prev_input": null }
 * }
 * ```
 * @see https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/lambda_invocation
 */
export interface AttachInput {
  readonly userPoolId: string;
  readonly triggers: Readonly<Partial<Record<SuiteSlot, string>>>;
  readonly preTokenGenerationVersion: PreTokenVersion;
  readonly replaceable: readonly SuiteSlot[];
  readonly protectedAttributes: readonly string[];
}

export type InvocationAction = 'create' | 'update' | 'delete';

export interface Invocation {
  readonly action: InvocationAction;
  readonly input: AttachInput;
  /** The input Terraform had before (an update's); undefined on create. */
  readonly previous?: AttachInput | undefined;
}

/** What the function returns: Terraform keeps it as the invocation's `result`. */
export interface InvocationResult {
  readonly action: InvocationAction;
  readonly userPoolId: string;
  /** The pool's LambdaConfig after the change. */
  readonly lambdaConfig: AttachmentResult['after'];
  readonly replaced: AttachmentResult['replaced'];
  readonly restored: AttachmentResult['restored'];
  readonly updated: boolean;
  readonly notes: readonly string[];
  readonly warnings: readonly string[];
}

/**
 * Reads and checks the invocation event.
 *
 * @throws {PoolError} `INPUT_INVALID` naming the field and the value.
 */
export function parseInvocation(event: unknown, terraformKey = 'tf'): Invocation {
  if (!isRecord(event)) throw invalid('the event', 'a JSON object', event);
  const tf = event[terraformKey];
  if (!isRecord(tf)) {
    throw invalid(
      `"${terraformKey}"`,
      'the object aws_lambda_invocation adds with lifecycle_scope = "CRUD"',
      tf,
    );
  }
  const action = tf.action;
  if (action !== 'create' && action !== 'update' && action !== 'delete') {
    throw invalid(`"${terraformKey}.action"`, 'create, update or delete', action);
  }
  const input = parseInput(event, '');
  const prev = tf.prev_input;
  const previous =
    action === 'update' && isRecord(prev) && Object.keys(prev).length > 0
      ? parseInput(prev, `${terraformKey}.prev_input.`)
      : undefined;
  return { action, input, previous };
}

function parseInput(value: Record<string, unknown>, at: string): AttachInput {
  const { userPoolId, triggers, preTokenGenerationVersion, replaceable, protectedAttributes } =
    value;
  if (typeof userPoolId !== 'string' || !POOL_ID_PATTERN.test(userPoolId)) {
    throw invalid(`"${at}userPoolId"`, 'a user pool id such as eu-west-1_AbC123', userPoolId);
  }
  if (!isRecord(triggers)) throw invalid(`"${at}triggers"`, 'an object of slot → ARN', triggers);
  const parsed: Partial<Record<SuiteSlot, string>> = {};
  for (const [slot, arn] of Object.entries(triggers)) {
    if (arn === null) continue;
    if (!(SUITE_SLOTS as readonly string[]).includes(slot)) {
      throw invalid(`"${at}triggers" key`, `one of ${SUITE_SLOTS.join(', ')}`, slot);
    }
    if (typeof arn !== 'string' || !LAMBDA_ARN_PATTERN.test(arn)) {
      throw invalid(`"${at}triggers.${slot}"`, 'a Lambda function ARN', arn);
    }
    parsed[slot as SuiteSlot] = arn;
  }
  const version = preTokenGenerationVersion ?? 'V2_0';
  if (!(PRE_TOKEN_VERSIONS as readonly unknown[]).includes(version)) {
    throw invalid(
      `"${at}preTokenGenerationVersion"`,
      PRE_TOKEN_VERSIONS.join(', '),
      preTokenGenerationVersion,
    );
  }
  const slots = replaceable ?? [];
  if (
    !Array.isArray(slots) ||
    !slots.every((slot) => (SUITE_SLOTS as readonly unknown[]).includes(slot))
  ) {
    throw invalid(`"${at}replaceable"`, `a list of ${SUITE_SLOTS.join(', ')}`, replaceable);
  }
  const names = protectedAttributes ?? [];
  if (
    !Array.isArray(names) ||
    !names.every((name) => typeof name === 'string' && ATTRIBUTE_NAME_PATTERN.test(name))
  ) {
    throw invalid(`"${at}protectedAttributes"`, 'a list of attribute names', protectedAttributes);
  }
  return {
    userPoolId,
    triggers: parsed,
    preTokenGenerationVersion: version as PreTokenVersion,
    replaceable: slots as SuiteSlot[],
    protectedAttributes: names as string[],
  };
}

/** The clients the invocation needs, for one pool. */
export interface InvocationDeps {
  readonly cognito: CognitoIdentityProviderClient;
  readonly records: AttachmentRecords;
  /** Another Cognito endpoint (tests); AWS's by default. */
  readonly endpoint?: string | undefined;
}

/**
 * Carries out one lifecycle action of the Terraform attachment:
 * - `create`: attach;
 * - `update`: detach what the new input no longer names (putting back what was replaced there),
 *   then attach the new input, whose earlier ARNs count as ours; a changed pool is detached from
 *   the old pool first;
 * - `delete`: detach; a pool that no longer exists has nothing to detach.
 *
 * @throws {PoolError} for a refusal or AWS's error: the apply fails, naming it.
 */
export async function runInvocation(
  invocation: Invocation,
  deps: InvocationDeps,
): Promise<InvocationResult> {
  const { action, input, previous } = invocation;
  const notes: string[] = [];
  if (action === 'delete') {
    return toResult(action, input, await detachGone(input, deps), notes);
  }
  if (action === 'update' && previous !== undefined) {
    if (previous.userPoolId !== input.userPoolId) {
      const old = await detachGone(previous, deps);
      notes.push(`detached from ${previous.userPoolId}`, ...old.notes);
    } else {
      const dropped = Object.fromEntries(
        SUITE_SLOTS.filter(
          (slot) => previous.triggers[slot] !== undefined && input.triggers[slot] === undefined,
        ).map((slot) => [slot, previous.triggers[slot]]),
      );
      if (Object.keys(dropped).length > 0) {
        const result = await detach(deps.cognito, targetOf(input, deps), dropped, deps.records);
        notes.push(...result.notes);
      }
    }
  }
  const samePool = previous?.userPoolId === input.userPoolId;
  const result = await attach(
    deps.cognito,
    targetOf(input, deps),
    {
      triggers: suiteTriggers(input),
      replaceable: input.replaceable,
      protectedAttributes: input.protectedAttributes,
      ...(samePool && previous !== undefined ? { previous: previous.triggers } : {}),
    },
    deps.records,
  );
  return toResult(action, input, result, notes);
}

async function detachGone(input: AttachInput, deps: InvocationDeps): Promise<AttachmentResult> {
  try {
    return await detach(deps.cognito, targetOf(input, deps), input.triggers, deps.records);
  } catch (error) {
    if (!(error instanceof PoolError) || error.code !== 'POOL_NOT_FOUND') throw error;
    return {
      poolId: input.userPoolId,
      before: {},
      after: {},
      diff: [],
      replaced: {},
      restored: {},
      notes: [`user pool ${input.userPoolId} no longer exists: nothing to detach`],
      warnings: [],
      updated: false,
    };
  }
}

function toResult(
  action: InvocationAction,
  input: AttachInput,
  result: AttachmentResult,
  notes: readonly string[],
): InvocationResult {
  return {
    action,
    userPoolId: input.userPoolId,
    lambdaConfig: result.after,
    replaced: result.replaced,
    restored: result.restored,
    updated: result.updated,
    notes: [...notes, ...result.notes],
    warnings: result.warnings,
  };
}

function suiteTriggers(input: AttachInput): SuiteTriggers {
  const { PreTokenGeneration, ...plain } = input.triggers;
  return {
    ...plain,
    ...(PreTokenGeneration === undefined
      ? {}
      : {
          PreTokenGeneration: {
            arn: PreTokenGeneration,
            version: input.preTokenGenerationVersion,
          },
        }),
  };
}

function targetOf(input: AttachInput, deps: InvocationDeps): PoolTarget {
  return {
    poolId: input.userPoolId,
    region: regionOfPool(input.userPoolId),
    endpoint: deps.endpoint,
  };
}

function invalid(what: string, expected: string, got: unknown): PoolError {
  const shown = JSON.stringify(got) ?? 'nothing';
  return new PoolError(
    'INPUT_INVALID',
    `${what} must be ${expected}, got ${shown.length > 120 ? `${shown.slice(0, 117)}...` : shown}`,
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
