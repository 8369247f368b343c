import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import {
  CognitoIdentityProviderClient,
  ConfirmSignUpCommand,
  InitiateAuthCommand,
  SignUpCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import type { TriggerArtifacts } from './bundles.js';
import type { BenchSettings } from './options.js';
import { type Summary, summarise } from './stats.js';

/** The steps of a journey, and the functions Cognito invokes in each. */
export const STEPS = [
  { name: 'sign-up', functions: ['PreSignUp', 'CustomMessage'] },
  { name: 'confirmation', functions: ['PostConfirmation'] },
  { name: 'sign-in', functions: ['PreAuthentication', 'PreTokenGeneration'] },
] as const;
export type StepName = (typeof STEPS)[number]['name'];

/** One step over the journeys: its wall time, and the time spent inside the triggers. */
export interface StepResult {
  readonly step: StepName;
  readonly functions: readonly string[];
  readonly wallMs: Summary;
  /** Time inside the handlers (the built bundles), per journey. */
  readonly triggerMs: Summary;
  /** Per journey: trigger time over wall time. */
  readonly share: Summary;
}

export type EndToEndSection =
  | {
      readonly measured: true;
      readonly startMs: number;
      readonly journeys: number;
      /** The first journey: every function's process starts (cold) inside it. */
      readonly cold: readonly StepResult[];
      /** The other journeys, warm. */
      readonly warm: readonly StepResult[];
      /**
       * Each function's cold start, inside the first journey: its process starting (until the
       * wrapper ran), then the import of the built bundle, which counts as trigger time.
       */
      readonly coldStartMs: Readonly<
        Record<string, { readonly bootMs: number; readonly importMs: number }>
      >;
      /** How trigger time was read: a wrapper's precise timing, or defineTrigger's log line. */
      readonly timing: 'wrapper' | 'log';
      /** Node flags the functions' processes ran with (inherited from whoever started the stack). */
      readonly workerExecArgv: readonly string[];
      readonly outcomes: Readonly<Record<string, readonly string[]>>;
      readonly tokenHasTenant: boolean;
    }
  | { readonly measured: false; readonly reason: string };

// The part of @cognito-triggers/local this section uses, typed here: the stack is built in
// parallel with the benchmark, and a missing or changed export must end in "not measured",
// not in a benchmark that cannot compile.
interface LocalStack {
  readonly region: string;
  readonly cognitoEndpoint: string;
  readonly userPoolId: string;
  readonly clientId: string;
  readonly functions?: readonly { name: string; environment: Record<string, string> }[];
  messages(): readonly { destination: string; source: string; code: string }[];
  stop(): Promise<void>;
}
interface LocalModule {
  startStack?: (options: Record<string, unknown>) => Promise<LocalStack>;
}

const LOCAL_PACKAGE = '@cognito-triggers/local';
const PASSWORD = 'Correct-Horse-42';
const LOG_LINE = /^\[(\w+)\] (.*)$/;

/**
 * Sign-up → confirmation → sign-in through the local stack (cognito-local invoking the built
 * bundles), `settings.e2eRuns` times, and the triggers' share of each step. Each function runs
 * behind a wrapper that imports the built bundle and times every call precisely.
 *
 * @example
 * const e2e = await measureEndToEnd(artifacts, workDir, settings, console.error);
 */
export async function measureEndToEnd(
  artifacts: readonly TriggerArtifacts[],
  workDir: string,
  settings: BenchSettings,
  progress: (line: string) => void,
): Promise<EndToEndSection> {
  let local: LocalModule;
  try {
    local = (await import(LOCAL_PACKAGE)) as LocalModule;
  } catch (error) {
    return { measured: false, reason: `the local stack is not available (${String(error)})` };
  }
  if (typeof local.startStack !== 'function') {
    return { measured: false, reason: 'the local stack is not available (no startStack export)' };
  }

  const wrappers = await writeWrappers(artifacts, join(workDir, 'e2e'));
  const lines: { fn: string; record: Record<string, unknown> }[] = [];
  const log = (line: string) => {
    const match = LOG_LINE.exec(line);
    if (match === null) return;
    try {
      const record = JSON.parse(match[2] ?? '') as Record<string, unknown>;
      lines.push({ fn: match[1] ?? '', record });
    } catch {
      // Not a JSON line (a runtime warning): not ours to count.
    }
  };

  progress('e2e: starting the local stack');
  const startedAt = performance.now();
  let stack: LocalStack;
  try {
    stack = await local.startStack({
      overrideFunctions: Object.fromEntries(
        Object.entries(wrappers).map(([name, bundle]) => [name, { bundle }]),
      ),
      log,
    });
  } catch (error) {
    return {
      measured: false,
      reason: `the local stack did not start: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
  const startMs = performance.now() - startedAt;
  const cognito = new CognitoIdentityProviderClient({
    region: stack.region,
    endpoint: stack.cognitoEndpoint,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  try {
    const domain = allowedDomain(stack);
    const walls: Record<StepName, number>[] = [];
    let tokenHasTenant = true;
    for (let run = 0; run < settings.e2eRuns; run++) {
      progress(`e2e: journey ${run + 1}/${settings.e2eRuns}`);
      const email = `bench${run}@${domain}`;
      const wall = {} as Record<StepName, number>;
      const time = async (step: StepName, action: () => Promise<unknown>) => {
        const started = performance.now();
        const result = await action();
        wall[step] = performance.now() - started;
        return result;
      };
      await time('sign-up', () =>
        cognito.send(
          new SignUpCommand({ ClientId: stack.clientId, Username: email, Password: PASSWORD }),
        ),
      );
      const code =
        stack
          .messages()
          .findLast((message) => message.destination === email && message.source === 'SignUp')
          ?.code ?? '';
      await time('confirmation', () =>
        cognito.send(
          new ConfirmSignUpCommand({
            ClientId: stack.clientId,
            Username: email,
            ConfirmationCode: code,
          }),
        ),
      );
      const signedIn = (await time('sign-in', () =>
        cognito.send(
          new InitiateAuthCommand({
            ClientId: stack.clientId,
            AuthFlow: 'USER_PASSWORD_AUTH',
            AuthParameters: { USERNAME: email, PASSWORD },
          }),
        ),
      )) as { AuthenticationResult?: { IdToken?: string } };
      tokenHasTenant &&= JSON.stringify(
        decodeJwtPayload(signedIn.AuthenticationResult?.IdToken),
      ).includes('tenant');
      walls.push(wall);
    }
    await waitForLines(lines, settings.e2eRuns);
    return summariseJourneys(lines, walls, startMs, tokenHasTenant);
  } catch (error) {
    return {
      measured: false,
      reason: `a journey failed: ${error instanceof Error ? error.message : String(error)}`,
    };
  } finally {
    cognito.destroy();
    await stack.stop();
  }
}

/** A wrapper per function: imports the built bundle (timed) and times every invocation. */
async function writeWrappers(
  artifacts: readonly TriggerArtifacts[],
  dir: string,
): Promise<Record<string, string>> {
  await mkdir(dir, { recursive: true });
  const wrappers: Record<string, string> = {};
  for (const artifact of artifacts) {
    const name = artifact.manifest.functionName;
    const file = join(dir, `${name}.mjs`);
    await writeFile(
      file,
      [
        'const started = performance.now();',
        `const { handler: real } = await import(${JSON.stringify(pathToFileURL(artifact.entry).href)});`,
        "process.stdout.write(JSON.stringify({ bench: 'import', bootMs: started, ms: performance.now() - started, execArgv: process.execArgv }) + '\\n');",
        'export async function handler(event, context) {',
        '  const started = process.hrtime.bigint();',
        '  try {',
        '    return await real(event, context);',
        '  } finally {',
        '    const us = Number(process.hrtime.bigint() - started) / 1000;',
        "    process.stdout.write(JSON.stringify({ bench: 'invoke', us }) + '\\n');",
        '  }',
        '}',
        '',
      ].join('\n'),
    );
    wrappers[name] = file;
  }
  return wrappers;
}

function allowedDomain(stack: LocalStack): string {
  const allowed =
    stack.functions?.find((fn) => fn.name === 'PreSignUp')?.environment.ALLOWED_EMAIL_DOMAINS ?? '';
  const domain = allowed
    .split(',')
    .map((entry) => entry.trim())
    .find((entry) => entry.length > 0);
  if (domain === undefined) return 'example.com';
  return domain.startsWith('*.') ? `bench.${domain.slice(2)}` : domain;
}

// Log lines travel through a pipe and may arrive just after the API call that caused them.
async function waitForLines(lines: readonly { fn: string }[], runs: number): Promise<void> {
  const expected = STEPS.reduce((total, step) => total + step.functions.length, 0) * runs;
  for (let waited = 0; waited < 3_000; waited += 50) {
    if (lines.filter((line) => line.fn.length > 0).length >= expected) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function summariseJourneys(
  lines: readonly { fn: string; record: Record<string, unknown> }[],
  walls: readonly Record<StepName, number>[],
  startMs: number,
  tokenHasTenant: boolean,
): EndToEndSection {
  const wrapped = lines.some((line) => line.record.bench === 'invoke');
  const perFunction = new Map<string, number[]>();
  const coldStartMs: Record<string, { bootMs: number; importMs: number }> = {};
  let workerExecArgv: string[] = [];
  const outcomes: Record<string, string[]> = {};
  for (const { fn, record } of lines) {
    if (record.bench === 'import' && typeof record.ms === 'number') {
      coldStartMs[fn] = { bootMs: Number(record.bootMs ?? 0), importMs: record.ms };
      if (Array.isArray(record.execArgv)) workerExecArgv = record.execArgv.map(String);
    }
    const invoked =
      wrapped && record.bench === 'invoke' && typeof record.us === 'number'
        ? record.us / 1000
        : !wrapped && record.message === 'invocation' && typeof record.durationMs === 'number'
          ? record.durationMs
          : undefined;
    if (invoked !== undefined) perFunction.set(fn, [...(perFunction.get(fn) ?? []), invoked]);
    if (record.message === 'invocation' && typeof record.outcome === 'string') {
      outcomes[fn] = [...new Set([...(outcomes[fn] ?? []), record.outcome])];
    }
  }
  // The first call of each function also paid for importing the bundle. Starting the process is
  // the invoke server's part (Lambda's runtime start, in AWS), so it is not counted.
  const initMs = (fn: string, run: number) => (run === 0 ? (coldStartMs[fn]?.importMs ?? 0) : 0);
  const stepResults = (runs: readonly number[]): StepResult[] =>
    STEPS.map((step) => {
      const wall = runs.map((run) => walls[run]?.[step.name] ?? Number.NaN);
      const inside = runs.map((run) =>
        step.functions.reduce(
          (total, fn) => total + (perFunction.get(fn)?.[run] ?? 0) + initMs(fn, run),
          0,
        ),
      );
      return {
        step: step.name,
        functions: step.functions,
        wallMs: summarise(wall),
        triggerMs: summarise(inside),
        share: summarise(inside.map((ms, i) => ms / (wall[i] ?? Number.NaN))),
      };
    });
  const all = walls.map((_, run) => run);
  return {
    measured: true,
    startMs,
    journeys: walls.length,
    cold: stepResults(all.slice(0, 1)),
    warm: stepResults(all.slice(1)),
    coldStartMs,
    timing: wrapped ? 'wrapper' : 'log',
    workerExecArgv,
    outcomes,
    tokenHasTenant,
  };
}

function decodeJwtPayload(token: string | undefined): unknown {
  const payload = token?.split('.')[1];
  if (payload === undefined) return {};
  try {
    return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return {};
  }
}
