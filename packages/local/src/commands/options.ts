import { parseArgs } from 'node:util';
import { asUsage, UsageError } from '@cognito-triggers/cli-kit';
import type { StackService } from '../errors.js';

/**
 * Ports of `local start` unless told otherwise: DynamoDB Local's default, and for Cognito 9329,
 * not cognito-local's own 9229, which is Node's inspector port (`node --inspect`): a debugger
 * and the stack would collide.
 */
export const DEFAULT_PORTS = { dynamodb: 8000, cognito: 9329, lambda: 9001 } as const;

/** The option of `local start` that chooses each service's port. */
export const PORT_OPTION: Record<StackService, string> = {
  dynamodb: '--dynamodb-port',
  cognito: '--cognito-port',
  lambda: '--lambda-port',
};

type Options = NonNullable<Parameters<typeof parseArgs>[0]>['options'];

/**
 * Parses the options of a `local` subcommand; options only, no positionals.
 *
 * @throws {UsageError} with parseArgs's words on an unknown option or a missing value.
 */
export function parseLocalArgs<T extends Options>(args: readonly string[], options: T) {
  // `pnpm start -- --lambda-port 9002` passes the `--` along: options still follow it.
  const given = args[0] === '--' ? args.slice(1) : [...args];
  return asUsage(() => parseArgs({ args: given, options, allowPositionals: false, strict: true }));
}

/**
 * The port an option gives, or `fallback` when it is absent.
 *
 * @throws {UsageError} naming the option when the value is not a port number.
 */
export function portOption(value: string | undefined, option: string, fallback: number): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!/^\d+$/.test(value) || parsed > 65_535) {
    throw new UsageError(`${option} must be a port number (0 to 65535), got "${value}"`);
  }
  return parsed;
}
