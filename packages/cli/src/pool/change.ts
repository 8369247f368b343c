import type {
  CognitoIdentityProviderClient,
  LambdaConfigType,
  UserPoolType,
} from '@aws-sdk/client-cognito-identity-provider';
import { type CliIo, EXIT } from '../command.js';
import { describePool, type PoolTarget, poolClient, updatePool } from './client.js';
import { PoolError } from './errors.js';
import { diffLambdaConfig, type LambdaConfigChange } from './lambda-config.js';
import { assertKnownFields, updateRequest } from './update-request.js';

/** What a command found on the described pool, besides its LambdaConfig. */
export interface PoolInspection {
  /** What was checked and found fine, printed on stdout after the plan. */
  readonly report: readonly string[];
  /** Printed as `warning:` lines on stderr; the command goes on. */
  readonly warnings: readonly string[];
  /** Set when the pool must not be changed: printed after the plan (a dry run's too), exit 1. */
  readonly refusal?: PoolError | undefined;
}

/** A check of the pool before anything is written (attach's app-client check). */
export type InspectPool = (
  client: CognitoIdentityProviderClient,
  pool: UserPoolType,
) => Promise<PoolInspection>;

/**
 * The one way attach and detach touch a pool: describe it, inspect it, compute the new
 * LambdaConfig, print the difference, and (unless refused, a dry run, or nothing changes) send
 * an UpdateUserPool that carries every other setting over unchanged. Returns the exit code; a
 * {@link PoolError} is printed with its code and gives 1. A refusal of `inspect` is reported
 * whether or not anything would change, and on a dry run too: a real run would refuse.
 */
export async function changeLambdaConfig(
  io: CliIo,
  command: string,
  target: PoolTarget,
  dryRun: boolean,
  change: (current: LambdaConfigType) => LambdaConfigChange,
  inspect?: InspectPool,
): Promise<number> {
  const client = poolClient(target);
  try {
    const pool = await describePool(client, target);
    // Refuse before printing a plan that could not be carried out.
    assertKnownFields(pool);
    const inspection: PoolInspection =
      inspect === undefined ? { report: [], warnings: [] } : await inspect(client, pool);
    const before = pool.LambdaConfig ?? {};
    const { config: after, notes } = change(before);
    const diff = diffLambdaConfig(before, after);
    io.out(`user pool ${target.poolId} (${target.region}), LambdaConfig:`);
    for (const line of diff.length > 0 ? diff : diffLambdaConfigUnchanged(before)) io.out(line);
    for (const note of notes) io.out(`note: ${note}`);
    for (const line of inspection.report) io.out(line);
    for (const warning of inspection.warnings) io.err(`warning: ${warning}`);
    if (inspection.refusal !== undefined) throw inspection.refusal;
    if (diff.length === 0) {
      io.out('nothing to change');
      return EXIT.ok;
    }
    if (dryRun) {
      io.out('dry run: the pool was not changed');
      return EXIT.ok;
    }
    await updatePool(client, target, updateRequest(pool, after));
    io.out(`${command}: updated ${target.poolId}; every other setting carried over`);
    return EXIT.ok;
  } catch (error) {
    if (!(error instanceof PoolError)) throw error;
    io.err(`cognito-triggers ${command}: ${error.message}`);
    return EXIT.failure;
  } finally {
    client.destroy();
  }
}

function diffLambdaConfigUnchanged(config: LambdaConfigType): string[] {
  const lines = Object.entries(config).map(
    ([slot, value]) => `  ${slot}: ${typeof value === 'string' ? value : JSON.stringify(value)}`,
  );
  return lines.length > 0 ? lines : ['  (no triggers)'];
}
