import type {
  LambdaConfigType,
  PreTokenGenerationLambdaVersionType,
} from '@aws-sdk/client-cognito-identity-provider';

/** The event versions of pre token generation. */
export const PRE_TOKEN_VERSIONS = [
  'V1_0',
  'V2_0',
  'V3_0',
] as const satisfies readonly PreTokenGenerationLambdaVersionType[];

export type PreTokenVersion = (typeof PRE_TOKEN_VERSIONS)[number];

/** The suite's functions, by the LambdaConfig slot each one fills. */
export interface SuiteTriggers {
  readonly PreSignUp?: string;
  readonly PostConfirmation?: string;
  readonly PreAuthentication?: string;
  readonly CustomMessage?: string;
  readonly PreTokenGeneration?: { readonly arn: string; readonly version: PreTokenVersion };
}

/** The LambdaConfig slots the suite fills. */
export const SUITE_SLOTS = [
  'PreSignUp',
  'PostConfirmation',
  'PreAuthentication',
  'PreTokenGeneration',
  'CustomMessage',
] as const;

export type SuiteSlot = (typeof SUITE_SLOTS)[number];

/**
 * Each slot by the name of the trigger that fills it (its folder under `triggers/`, the names of
 * `settings.triggers`), for `--replace custom-message` and Terraform's `replace_triggers`.
 */
export const SLOT_OF_TRIGGER = {
  'pre-signup': 'PreSignUp',
  'post-confirmation': 'PostConfirmation',
  'pre-authentication': 'PreAuthentication',
  'pre-token-generation': 'PreTokenGeneration',
  'custom-message': 'CustomMessage',
} as const satisfies Record<string, SuiteSlot>;

export type SuiteTrigger = keyof typeof SLOT_OF_TRIGGER;

/** The plain-ARN slots of the suite (pre token generation has a versioned one). */
const PLAIN_SLOTS = [
  'PreSignUp',
  'PostConfirmation',
  'PreAuthentication',
  'CustomMessage',
] as const;

/** A LambdaConfig after attach or detach, with what happened to each slot, for the report. */
export interface LambdaConfigChange {
  readonly config: LambdaConfigType;
  /** Slots we took over from another function (attach), or left alone as not ours (detach). */
  readonly notes: readonly string[];
}

/**
 * Points our slots at our functions and keeps every other trigger as it is. Pre token
 * generation goes in `PreTokenGenerationConfig` (the bare `PreTokenGeneration` means version 1,
 * and AWS refuses the two with different ARNs), so the bare one is dropped.
 *
 * @example
 * ```ts
 * attachTriggers({ UserMigration: theirs }, { PreSignUp: ours }).config;
 * // { UserMigration: theirs, PreSignUp: ours }
 * ```
 */
export function attachTriggers(current: LambdaConfigType, ours: SuiteTriggers): LambdaConfigChange {
  const config: Record<string, unknown> = { ...current };
  const notes: string[] = [];
  for (const slot of PLAIN_SLOTS) {
    const arn = ours[slot];
    if (arn === undefined) continue;
    const previous = current[slot];
    if (previous !== undefined && previous !== arn) notes.push(`${slot}: replaces ${previous}`);
    config[slot] = arn;
  }
  const preToken = ours.PreTokenGeneration;
  if (preToken !== undefined) {
    const previous = current.PreTokenGenerationConfig?.LambdaArn ?? current.PreTokenGeneration;
    if (previous !== undefined && previous !== preToken.arn) {
      notes.push(`PreTokenGeneration: replaces ${previous}`);
    }
    config.PreTokenGenerationConfig = { LambdaArn: preToken.arn, LambdaVersion: preToken.version };
    delete config.PreTokenGeneration;
  }
  return { config: config as LambdaConfigType, notes };
}

/**
 * Removes our slots, but only those that still point at our functions: a trigger that someone
 * has since pointed elsewhere is theirs now and stays.
 */
export function detachTriggers(
  current: LambdaConfigType,
  ours: Readonly<
    Record<
      | 'PreSignUp'
      | 'PostConfirmation'
      | 'PreAuthentication'
      | 'CustomMessage'
      | 'PreTokenGeneration',
      string | undefined
    >
  >,
): LambdaConfigChange {
  const config: Record<string, unknown> = { ...current };
  const notes: string[] = [];
  for (const slot of PLAIN_SLOTS) {
    const arn = ours[slot];
    if (arn === undefined || current[slot] === undefined) continue;
    if (current[slot] === arn) delete config[slot];
    else notes.push(`${slot}: kept ${current[slot]} (not ours)`);
  }
  const preToken = ours.PreTokenGeneration;
  if (preToken !== undefined) {
    const versioned = current.PreTokenGenerationConfig?.LambdaArn;
    if (versioned === preToken) delete config.PreTokenGenerationConfig;
    else if (versioned !== undefined)
      notes.push(`PreTokenGenerationConfig: kept ${versioned} (not ours)`);
    if (current.PreTokenGeneration === preToken) delete config.PreTokenGeneration;
    else if (current.PreTokenGeneration !== undefined && current.PreTokenGeneration !== versioned) {
      notes.push(`PreTokenGeneration: kept ${current.PreTokenGeneration} (not ours)`);
    }
  }
  return { config: config as LambdaConfigType, notes };
}

/**
 * The LambdaConfig before → after, one slot a line: `  kept`, `- removed`, `+ added` (a change
 * is a `-` and a `+` line). Empty when nothing changes.
 */
export function diffLambdaConfig(before: LambdaConfigType, after: LambdaConfigType): string[] {
  const render = (value: unknown) => (typeof value === 'string' ? value : canonical(value));
  const slots = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  const lines: string[] = [];
  let changed = false;
  for (const slot of slots) {
    const was = (before as Record<string, unknown>)[slot];
    const now = (after as Record<string, unknown>)[slot];
    if (was !== undefined && now !== undefined && render(was) === render(now)) {
      lines.push(`  ${slot}: ${render(was)}`);
      continue;
    }
    changed = true;
    if (was !== undefined) lines.push(`- ${slot}: ${render(was)}`);
    if (now !== undefined) lines.push(`+ ${slot}: ${render(now)}`);
  }
  return changed ? lines : [];
}

/** JSON with sorted keys, so that two equal settings print (and compare) the same. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) =>
    typeof item === 'object' && item !== null && !Array.isArray(item)
      ? Object.fromEntries(Object.entries(item).sort(([a], [b]) => a.localeCompare(b)))
      : item,
  );
}
