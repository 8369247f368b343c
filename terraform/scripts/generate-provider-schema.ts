/**
 * Regenerates `schema/aws-provider-subset.json`: the arguments, nested blocks and attributes of
 * the AWS provider's resources and data sources that the modules use (plus a margin of related
 * ones), taken from the `.jsii` assembly of `@cdktf/provider-aws`, which is generated from the
 * provider's own schema.
 *
 * That package is 392 MB unpacked, so it is not a dependency: this script fetches its tarball
 * with `npm pack` into a temporary folder, unpacks only `.jsii` and `package.json`, and deletes
 * the folder again. Run it when the provider version moves:
 *
 * @example
 * ```sh
 * pnpm --filter @cognito-triggers/terraform schema:generate
 * ```
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { BlockSchema, ProviderSchema, TypeSchema } from '../src/provider-schema.js';

const run = promisify(execFile);

/** The last prebuilt provider built from hashicorp/aws 6.25.0 (21.22.1 only adds a deprecation). */
const PACKAGE = '@cdktf/provider-aws';
const PACKAGE_VERSION = '21.22.0';
const PROVIDER_VERSION = '6.25.0';

/** What the modules use, and what they are likely to use next. */
const RESOURCES = [
  // used
  'aws_cloudwatch_log_group',
  'aws_cognito_identity_pool',
  'aws_cognito_identity_pool_provider_principal_tag',
  'aws_cognito_identity_pool_roles_attachment',
  'aws_cognito_user_group',
  'aws_cognito_user_pool',
  'aws_cognito_user_pool_client',
  'aws_cognito_user_pool_domain',
  'aws_dynamodb_table',
  'aws_iam_role',
  'aws_iam_role_policy',
  'aws_lambda_function',
  'aws_lambda_permission',
  // margin
  'aws_cloudwatch_metric_alarm',
  'aws_cognito_identity_provider',
  'aws_cognito_managed_login_branding',
  'aws_cognito_resource_server',
  'aws_cognito_user_pool_ui_customization',
  'aws_iam_policy',
  'aws_iam_role_policy_attachment',
  'aws_kms_alias',
  'aws_kms_key',
  'aws_lambda_alias',
  'aws_lambda_function_event_invoke_config',
  'aws_sns_topic',
] as const;

const DATA_SOURCES = [
  // used
  'aws_cognito_user_pool',
  'aws_iam_policy_document',
  // margin
  'aws_caller_identity',
  'aws_cognito_user_pool_client',
  'aws_cognito_user_pool_clients',
  'aws_cognito_user_pools',
  'aws_dynamodb_table',
  'aws_iam_role',
  'aws_kms_key',
  'aws_lambda_function',
  'aws_partition',
  'aws_region',
] as const;

const OUTPUT = fileURLToPath(new URL('../schema/aws-provider-subset.json', import.meta.url));
const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

// The slice of the jsii assembly format this script reads.
interface JsiiTypeRef {
  readonly primitive?: string;
  readonly fqn?: string;
  readonly collection?: { readonly kind: 'array' | 'map'; readonly elementtype: JsiiTypeRef };
  readonly union?: { readonly types: readonly JsiiTypeRef[] };
}
interface JsiiProperty {
  readonly name: string;
  readonly optional?: boolean;
  readonly static?: boolean;
  readonly type: JsiiTypeRef;
  readonly docs?: { readonly summary?: string; readonly remarks?: string };
}
interface JsiiType {
  readonly fqn: string;
  readonly kind: string;
  readonly base?: string;
  readonly interfaces?: readonly string[];
  readonly properties?: readonly JsiiProperty[];
  readonly docs?: { readonly summary?: string };
}
interface JsiiAssembly {
  readonly version: string;
  readonly types: Readonly<Record<string, JsiiType>>;
}

async function main(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'provider-aws-'));
  try {
    process.stdout.write(`fetching ${PACKAGE}@${PACKAGE_VERSION} with npm pack…\n`);
    const { stdout } = await run(
      'npm',
      ['pack', `${PACKAGE}@${PACKAGE_VERSION}`, '--silent', '--pack-destination', dir],
      { maxBuffer: 64 * 1024 * 1024 },
    );
    const tarball = join(dir, stdout.trim().split('\n').at(-1) ?? '');
    await run('tar', ['-xzf', tarball, '-C', dir, 'package/.jsii', 'package/package.json']);
    const manifest = JSON.parse(await readFile(join(dir, 'package/package.json'), 'utf8')) as {
      cdktf?: { provider?: { name?: string; version?: string } };
    };
    const provider = manifest.cdktf?.provider;
    if (provider?.version !== PROVIDER_VERSION) {
      throw new Error(
        `${PACKAGE}@${PACKAGE_VERSION} wraps provider ${provider?.version}, not ${PROVIDER_VERSION}`,
      );
    }
    const assembly = JSON.parse(await readFile(join(dir, 'package/.jsii'), 'utf8')) as JsiiAssembly;
    const schema = extract(assembly, provider.name ?? 'registry.terraform.io/hashicorp/aws');
    await writeFile(OUTPUT, `${JSON.stringify(schema, null, 2)}\n`);
    // The committed file is formatted the way `biome check` wants it.
    await run('pnpm', ['exec', 'biome', 'format', '--write', OUTPUT], { cwd: REPO_ROOT });
    const count = Object.keys(schema.resources).length + Object.keys(schema.dataSources).length;
    process.stdout.write(`wrote ${OUTPUT} (${count} types)\n`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function extract(assembly: JsiiAssembly, providerSource: string): ProviderSchema {
  const classes = new Map<string, JsiiType>();
  for (const type of Object.values(assembly.types)) {
    if (type.kind !== 'class') continue;
    const kind =
      type.base === 'cdktf.TerraformResource'
        ? 'resource'
        : type.base === 'cdktf.TerraformDataSource'
          ? 'data'
          : undefined;
    const name = /\{@link \S+ (aws_\w+)\}/.exec(type.docs?.summary ?? '')?.[1];
    if (kind !== undefined && name !== undefined) classes.set(`${kind}.${name}`, type);
  }
  const pick = (kind: 'resource' | 'data', names: readonly string[]) =>
    Object.fromEntries(
      names.map((name) => {
        const type = classes.get(`${kind}.${name}`);
        if (type === undefined) throw new Error(`${kind} ${name} is not in the assembly`);
        return [name, typeSchema(assembly, type)];
      }),
    );
  const providerConfig = assembly.types['@cdktf/provider-aws.provider.AwsProviderConfig'];
  if (providerConfig === undefined) throw new Error('AwsProviderConfig is not in the assembly');
  return {
    generatedBy: 'terraform/scripts/generate-provider-schema.ts',
    package: PACKAGE,
    packageVersion: assembly.version,
    provider: { source: providerSource, version: PROVIDER_VERSION },
    providerConfig: block(assembly, providerConfig, 'single', false),
    resources: pick('resource', RESOURCES),
    dataSources: pick('data', DATA_SOURCES),
  };
}

function typeSchema(assembly: JsiiAssembly, type: JsiiType): TypeSchema {
  const config = assembly.types[`${type.fqn}Config`];
  if (config === undefined) throw new Error(`${type.fqn}Config is not in the assembly`);
  const { arguments: args, blocks } = block(assembly, config, 'single', false);
  // Everything the class exposes (except the `…Input` mirrors) is readable as `type.name.attr`.
  const attributes = (type.properties ?? [])
    .filter((property) => !property.static && !property.name.endsWith('Input'))
    .map((property) => snakeCase(property.name))
    .filter((name) => !(name in args))
    .sort();
  return { arguments: args, blocks, attributes };
}

function block(
  assembly: JsiiAssembly,
  struct: JsiiType,
  nesting: BlockSchema['nesting'],
  required: boolean,
): BlockSchema {
  const args: Record<string, BlockSchema['arguments'][string]> = {};
  const blocks: Record<string, BlockSchema> = {};
  for (const property of struct.properties ?? []) {
    const summary = property.docs?.summary ?? '';
    const nested = blockType(property.type);
    const blockName = /^(\w+) block\.$/.exec(summary)?.[1];
    if (blockName !== undefined && nested !== undefined) {
      const inner = assembly.types[nested.fqn];
      if (inner === undefined) throw new Error(`${nested.fqn} is not in the assembly`);
      blocks[blockName] = block(assembly, inner, nested.nesting, property.optional !== true);
      continue;
    }
    const name =
      /#(\w+)\}/.exec(`${summary} ${property.docs?.remarks ?? ''}`)?.[1] ??
      snakeCase(property.name);
    args[name] = { type: typeName(assembly, property.type), required: property.optional !== true };
  }
  return { nesting, required, arguments: sortKeys(args), blocks: sortKeys(blocks) };
}

/** The struct behind a block property, and whether the block may repeat. */
function blockType(ref: JsiiTypeRef): { fqn: string; nesting: BlockSchema['nesting'] } | undefined {
  if (ref.fqn !== undefined && !ref.fqn.startsWith('cdktf.'))
    return { fqn: ref.fqn, nesting: 'single' };
  const element = ref.collection?.kind === 'array' ? ref.collection.elementtype : undefined;
  if (element?.fqn !== undefined) return { fqn: element.fqn, nesting: 'list' };
  for (const member of ref.union?.types ?? []) {
    const found = blockType(member);
    if (found !== undefined) return found;
  }
  return undefined;
}

function typeName(assembly: JsiiAssembly, ref: JsiiTypeRef): string {
  if (ref.primitive !== undefined) {
    return ref.primitive === 'boolean' ? 'bool' : ref.primitive === 'json' ? 'any' : ref.primitive;
  }
  if (ref.collection !== undefined) {
    const element = typeName(assembly, ref.collection.elementtype);
    return `${ref.collection.kind === 'array' ? 'list' : 'map'}(${element})`;
  }
  if (ref.union !== undefined) {
    const members = ref.union.types.filter((member) => member.fqn !== 'cdktf.IResolvable');
    return members.length === 1 && members[0] !== undefined
      ? typeName(assembly, members[0])
      : 'any';
  }
  // An attribute of object type (not a block): its members are not checked.
  return 'object';
}

function snakeCase(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
}

function sortKeys<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => a.localeCompare(b)));
}

await main();
