import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

/** One argument of a resource, data source or block, as the provider declares it. */
export interface ArgumentSchema {
  /** A Terraform type expression: `string`, `number`, `bool`, `list(string)`, `object`, … */
  readonly type: string;
  readonly required: boolean;
}

/** A resource's top level, or one of its nested blocks. */
export interface BlockSchema {
  /** `single`: at most one such block; `list`: the block may repeat. */
  readonly nesting: 'single' | 'list';
  /** Whether at least one such block must be written. */
  readonly required: boolean;
  readonly arguments: Readonly<Record<string, ArgumentSchema>>;
  readonly blocks: Readonly<Record<string, BlockSchema>>;
}

/** A resource or data source type. */
export interface TypeSchema {
  readonly arguments: Readonly<Record<string, ArgumentSchema>>;
  readonly blocks: Readonly<Record<string, BlockSchema>>;
  /** Read-only attributes (`arn`, `invoke_arn`, …), readable but not settable. */
  readonly attributes: readonly string[];
}

/** `schema/aws-provider-subset.json`, written by `scripts/generate-provider-schema.ts`. */
export interface ProviderSchema {
  readonly generatedBy: string;
  /** The npm package the schema was read from, and its version. */
  readonly package: string;
  readonly packageVersion: string;
  /** The Terraform provider that package wraps. */
  readonly provider: { readonly source: string; readonly version: string };
  /** The arguments of a `provider "aws"` block. */
  readonly providerConfig: BlockSchema;
  readonly resources: Readonly<Record<string, TypeSchema>>;
  readonly dataSources: Readonly<Record<string, TypeSchema>>;
}

export const PROVIDER_SCHEMA_PATH = fileURLToPath(
  new URL('../schema/aws-provider-subset.json', import.meta.url),
);

/**
 * Reads the committed provider schema subset.
 *
 * @example
 * ```ts
 * const schema = await loadProviderSchema();
 * schema.resources.aws_lambda_function?.arguments.function_name?.required; // true
 * ```
 */
export async function loadProviderSchema(
  path: string = PROVIDER_SCHEMA_PATH,
): Promise<ProviderSchema> {
  return JSON.parse(await readFile(path, 'utf8')) as ProviderSchema;
}
