import type { Metafile } from 'esbuild';
import { BundleError } from './errors.js';

/**
 * The IAM service prefix of each AWS SDK v3 client a trigger may call, by package name. An
 * operation's IAM action is `<prefix>:<Operation>` for both (UpdateItemCommand →
 * `dynamodb:UpdateItem`). A bundle with another client fails the build until it is listed here:
 * a guessed prefix would give Terraform a wrong policy.
 *
 * @see https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html
 */
export const IAM_SERVICE_PREFIXES = {
  '@aws-sdk/client-dynamodb': 'dynamodb',
  '@aws-sdk/client-cognito-identity-provider': 'cognito-idp',
} as const satisfies Record<string, string>;

// `…/node_modules/@aws-sdk/client-dynamodb/dist-es/commands/UpdateItemCommand.js`
const COMMAND_MODULE =
  /(?:^|\/)(@aws-sdk\/client-[\w-]+)\/dist-[\w-]+\/commands\/([A-Z]\w*)Command\.js$/;
// The client class of a package (`…/@aws-sdk/client-dynamodb/dist-es/DynamoDBClient.js`).
const CLIENT_MODULE = /(?:^|\/)(@aws-sdk\/client-[\w-]+)\/dist-[\w-]+\/[A-Z]\w*Client\.js$/;
// Any module of a client package, and whether an input belongs to the SDK (or its runtime).
const CLIENT_PACKAGE = /(?:^|\/)(@aws-sdk\/client-[\w-]+)\//;
const SDK_INPUT = /(^|\/)@(aws-sdk|smithy)\//;

/**
 * The IAM actions a built trigger may send, sorted (`["cognito-idp:AdminAddUserToGroup", …,
 * "dynamodb:UpdateItem"]`), read from esbuild's metafile: every `<Operation>Command` module that
 * is still in an output after tree shaking (`bytesInOutput > 0`, lazy modules included), of a
 * client package the trigger's own code imports. Left out, because the trigger never sends them:
 *
 * - commands of clients the SDK uses for itself, which the trigger's code does not import
 *   (`@aws-sdk/nested-clients`: STS, SSO and sign-in for the credential chain; Lambda hands the
 *   function its credentials in the environment);
 * - commands a client class imports for its own machinery (`DynamoDBClient` imports
 *   `DescribeEndpoints`, sent only when endpoint discovery is turned on, which nothing does).
 *
 * It is what the code can send, not what one path sends: a method of an object that is kept
 * (a store with `lookup` and `ensureTenant`) keeps its commands in the bundle.
 *
 * @throws {BundleError} when the code imports a client missing from {@link IAM_SERVICE_PREFIXES}.
 * @example
 * ```ts
 * awsActions(JSON.parse(await readFile('triggers/post-confirmation/dist/meta.json', 'utf8')));
 * ```
 */
export function awsActions(metafile: Metafile): string[] {
  const importedByCode = new Set<string>();
  const ownMachinery = new Set<string>();
  for (const [path, input] of Object.entries(metafile.inputs)) {
    const clientClass = CLIENT_MODULE.exec(path)?.[1];
    for (const record of input.imports) {
      const target = CLIENT_PACKAGE.exec(record.path)?.[1];
      if (target === undefined) continue;
      if (!SDK_INPUT.test(path)) importedByCode.add(target);
      if (clientClass === target && COMMAND_MODULE.test(record.path)) ownMachinery.add(record.path);
    }
  }

  const actions = new Set<string>();
  for (const output of Object.values(metafile.outputs)) {
    for (const [path, { bytesInOutput }] of Object.entries(output.inputs)) {
      const match = COMMAND_MODULE.exec(path);
      if (match === null || bytesInOutput === 0 || ownMachinery.has(path)) continue;
      const [, client = '', operation = ''] = match;
      if (!importedByCode.has(client)) continue;
      const prefix = (IAM_SERVICE_PREFIXES as Readonly<Record<string, string>>)[client];
      if (prefix === undefined) {
        throw new BundleError(
          `the bundle sends ${operation} of ${client}, whose IAM service prefix is unknown: add it to IAM_SERVICE_PREFIXES in packages/bundle/src/aws-actions.ts`,
        );
      }
      actions.add(`${prefix}:${operation}`);
    }
  }
  return [...actions].sort();
}
